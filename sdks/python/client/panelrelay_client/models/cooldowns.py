from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Cooldowns")


@_attrs_define
class Cooldowns:
    """Cooldowns per action, in seconds (0 turns one off).

    Attributes:
        speed_seconds (int): Speed-up requests, 0-604800 (a week).
        cancel_seconds (int): Cancel requests, 0-604800 (a week).
        refill_seconds (int): Refill requests, 0-604800 (a week).
    """

    speed_seconds: int
    cancel_seconds: int
    refill_seconds: int

    def to_dict(self) -> dict[str, Any]:
        speed_seconds = self.speed_seconds

        cancel_seconds = self.cancel_seconds

        refill_seconds = self.refill_seconds

        field_dict: dict[str, Any] = {}

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

        return cooldowns
