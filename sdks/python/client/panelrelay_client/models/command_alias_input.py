from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        phrase = self.phrase

        action = self.action.value

        field_dict: dict[str, Any] = {}

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

        return command_alias_input
