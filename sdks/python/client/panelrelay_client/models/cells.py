from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        speed = self.speed

        cancel = self.cancel

        refill = self.refill

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        cells.additional_properties = d
        return cells

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
