from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportRow")


@_attrs_define
class ImportRow:
    """One link to import.

    Attributes:
        medium (str | Unset): `telegram`, `whatsapp_greenapi` or `whatsapp_meta`.
        identity (str | Unset): The chat identity, in any usual spelling.
        username (str | Unset): The panel username.
    """

    medium: str | Unset = UNSET
    identity: str | Unset = UNSET
    username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        medium = self.medium

        identity = self.identity

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if medium is not UNSET:
            field_dict["medium"] = medium
        if identity is not UNSET:
            field_dict["identity"] = identity
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        medium = d.pop("medium", UNSET)

        identity = d.pop("identity", UNSET)

        username = d.pop("username", UNSET)

        import_row = cls(
            medium=medium,
            identity=identity,
            username=username,
        )

        import_row.additional_properties = d
        return import_row

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
