from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alias_action import AliasAction

T = TypeVar("T", bound="CommandAlias")


@_attrs_define
class CommandAlias:
    """A command alias.

    Attributes:
        id (str): Its id.
        phrase (str): The word or phrase, as written.
        action (AliasAction): A built-in command an alias can mean.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
    """

    id: str
    phrase: str
    action: AliasAction
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        phrase = self.phrase

        action = self.action.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "phrase": phrase,
                "action": action,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        phrase = d.pop("phrase")

        action = AliasAction(d.pop("action"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        command_alias = cls(
            id=id,
            phrase=phrase,
            action=action,
            created_at=created_at,
            updated_at=updated_at,
        )

        command_alias.additional_properties = d
        return command_alias

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
