from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.medium_name import MediumName

T = TypeVar("T", bound="AdminChat")


@_attrs_define
class AdminChat:
    """A trusted admin chat.

    Attributes:
        id (str): Its id.
        medium (MediumName): A messaging medium.
        identity (str): The chat identity.
        name (str): A label.
        view_any_order (bool): Details of any order, not only its own.
        dispatch_any_order (bool): Speed, refill and cancel for any order, without the ownership check.
        reply_in_groups (bool): Replies when writing in a group while the workspace keeps groups silent.
        created_at (datetime.datetime): When it was added.
    """

    id: str
    medium: MediumName
    identity: str
    name: str
    view_any_order: bool
    dispatch_any_order: bool
    reply_in_groups: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        medium = self.medium.value

        identity = self.identity

        name = self.name

        view_any_order = self.view_any_order

        dispatch_any_order = self.dispatch_any_order

        reply_in_groups = self.reply_in_groups

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "medium": medium,
                "identity": identity,
                "name": name,
                "view_any_order": view_any_order,
                "dispatch_any_order": dispatch_any_order,
                "reply_in_groups": reply_in_groups,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        medium = MediumName(d.pop("medium"))

        identity = d.pop("identity")

        name = d.pop("name")

        view_any_order = d.pop("view_any_order")

        dispatch_any_order = d.pop("dispatch_any_order")

        reply_in_groups = d.pop("reply_in_groups")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        admin_chat = cls(
            id=id,
            medium=medium,
            identity=identity,
            name=name,
            view_any_order=view_any_order,
            dispatch_any_order=dispatch_any_order,
            reply_in_groups=reply_in_groups,
            created_at=created_at,
        )

        admin_chat.additional_properties = d
        return admin_chat

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
