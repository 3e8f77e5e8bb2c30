from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        trigger = self.trigger

        reply = self.reply

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        custom_command_input.additional_properties = d
        return custom_command_input

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
