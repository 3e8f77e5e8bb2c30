from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.created_api_key import CreatedApiKey
    from ..models.workspace import Workspace


T = TypeVar("T", bound="CreatedWorkspace")


@_attrs_define
class CreatedWorkspace:
    """A created workspace with its first owner key, whose secret is shown only here.

    Attributes:
        workspace (Workspace): A workspace (tenant).
        owner_key (CreatedApiKey): A just-created key with its secret, shown only in this response.
    """

    workspace: Workspace
    owner_key: CreatedApiKey
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workspace = self.workspace.to_dict()

        owner_key = self.owner_key.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workspace": workspace,
                "owner_key": owner_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.created_api_key import CreatedApiKey  # noqa: PLC0415
        from ..models.workspace import Workspace  # noqa: PLC0415

        d = dict(src_dict)
        workspace = Workspace.from_dict(d.pop("workspace"))

        owner_key = CreatedApiKey.from_dict(d.pop("owner_key"))

        created_workspace = cls(
            workspace=workspace,
            owner_key=owner_key,
        )

        created_workspace.additional_properties = d
        return created_workspace

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
