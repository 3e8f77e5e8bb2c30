from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.medium_name import MediumName

T = TypeVar("T", bound="LinkedUser")


@_attrs_define
class LinkedUser:
    """A chat identity linked to a panel username.

    Attributes:
        id (str): Its id.
        medium (MediumName): A messaging medium.
        identity (str): Telegram chat id, Green API chat id (`79991234567@c.us`) or Meta `wa_id`, as stored.
        username (str): The panel username.
        created_at (datetime.datetime): When it was linked.
    """

    id: str
    medium: MediumName
    identity: str
    username: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        medium = self.medium.value

        identity = self.identity

        username = self.username

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "medium": medium,
                "identity": identity,
                "username": username,
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

        username = d.pop("username")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        linked_user = cls(
            id=id,
            medium=medium,
            identity=identity,
            username=username,
            created_at=created_at,
        )

        linked_user.additional_properties = d
        return linked_user

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
