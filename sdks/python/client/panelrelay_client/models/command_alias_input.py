from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alias_action import AliasAction

T = TypeVar("T", bound="CommandAliasInput")


@_attrs_define
class CommandAliasInput:
    """An alias's settings.

    Example:
        {'action': 'refill', 'phrase': 'refil pls'}

    Attributes:
        phrase (str): The word or phrase customers write, 1-100 characters, without numbers (numbers are
            order ids). Case, accents, dashes and punctuation do not matter.
        action (AliasAction): A built-in command an alias can mean.
    """

    phrase: str
    action: AliasAction
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phrase = self.phrase

        action = self.action.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "phrase": phrase,
                "action": action,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phrase = d.pop("phrase")

        action = AliasAction(d.pop("action"))

        command_alias_input = cls(
            phrase=phrase,
            action=action,
        )

        command_alias_input.additional_properties = d
        return command_alias_input

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
