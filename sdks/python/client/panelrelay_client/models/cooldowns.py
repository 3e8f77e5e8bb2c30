from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Cooldowns")


@_attrs_define
class Cooldowns:
    """Cooldowns per action, in seconds (0 turns one off).

    Attributes:
        speed_seconds (int): Speed-up requests.
        cancel_seconds (int): Cancel requests.
        refill_seconds (int): Refill requests.
    """

    speed_seconds: int
    cancel_seconds: int
    refill_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        speed_seconds = self.speed_seconds

        cancel_seconds = self.cancel_seconds

        refill_seconds = self.refill_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "speed_seconds": speed_seconds,
                "cancel_seconds": cancel_seconds,
                "refill_seconds": refill_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        speed_seconds = d.pop("speed_seconds")

        cancel_seconds = d.pop("cancel_seconds")

        refill_seconds = d.pop("refill_seconds")

        cooldowns = cls(
            speed_seconds=speed_seconds,
            cancel_seconds=cancel_seconds,
            refill_seconds=refill_seconds,
        )

        cooldowns.additional_properties = d
        return cooldowns

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
