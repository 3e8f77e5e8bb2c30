from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParsedCommand")


@_attrs_define
class ParsedCommand:
    """The command the text was read as.

    Attributes:
        action (str): `speed`, `cancel`, `refill`, `balance`, `details`, `help`, `link` (self-service
            linking), or a custom command's trigger.
        order_ids (list[int]): The distinct order ids, as written.
    """

    action: str
    order_ids: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        order_ids = self.order_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "order_ids": order_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        order_ids = cast(list[int], d.pop("order_ids"))

        parsed_command = cls(
            action=action,
            order_ids=order_ids,
        )

        parsed_command.additional_properties = d
        return parsed_command

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
