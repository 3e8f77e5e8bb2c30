from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomCommandInput")


@_attrs_define
class CustomCommandInput:
    """A custom command's settings.

    Example:
        {'enabled': True, 'reply': 'Our prices are at https://yourpanel.com/services', 'trigger': 'price list'}

    Attributes:
        trigger (str): The word or phrase customers write, 1-100 characters, without numbers and not made
            only of built-in command words. Case, accents, dashes and punctuation do not matter.
        reply (str): The reply, at most 4000 characters; it may use the variables of the `custom` reply
            template (see `GET /v1/templates/custom`).
        enabled (bool | Unset): Whether customers can use it (default true).
    """

    trigger: str
    reply: str
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        trigger = self.trigger

        reply = self.reply

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "trigger": trigger,
                "reply": reply,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        trigger = d.pop("trigger")

        reply = d.pop("reply")

        enabled = d.pop("enabled", UNSET)

        custom_command_input = cls(
            trigger=trigger,
            reply=reply,
            enabled=enabled,
        )

        return custom_command_input
