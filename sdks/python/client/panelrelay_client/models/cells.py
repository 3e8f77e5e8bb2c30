from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Cells")


@_attrs_define
class Cells:
    """What one order status allows.

    Attributes:
        speed (bool): Forward speed-up requests.
        cancel (bool): Forward cancel requests.
        refill (bool): Forward refill requests (within the refill window).
    """

    speed: bool
    cancel: bool
    refill: bool

    def to_dict(self) -> dict[str, Any]:
        speed = self.speed

        cancel = self.cancel

        refill = self.refill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "speed": speed,
                "cancel": cancel,
                "refill": refill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        speed = d.pop("speed")

        cancel = d.pop("cancel")

        refill = d.pop("refill")

        cells = cls(
            speed=speed,
            cancel=cancel,
            refill=refill,
        )

        return cells
