from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refill_kind import RefillKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Rule")


@_attrs_define
class Rule:
    """A refill policy and start window.

    Attributes:
        refill (RefillKind): Refill policy kinds.
        refill_days (int | Unset): Days of refill, for `days`.
        start_min_minutes (int | Unset): Earliest start, in minutes after the order.
        start_max_minutes (int | Unset): Latest start, in minutes after the order (speed-ups are accepted after it).
    """

    refill: RefillKind
    refill_days: int | Unset = UNSET
    start_min_minutes: int | Unset = UNSET
    start_max_minutes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        refill = self.refill.value

        refill_days = self.refill_days

        start_min_minutes = self.start_min_minutes

        start_max_minutes = self.start_max_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "refill": refill,
            }
        )
        if refill_days is not UNSET:
            field_dict["refill_days"] = refill_days
        if start_min_minutes is not UNSET:
            field_dict["start_min_minutes"] = start_min_minutes
        if start_max_minutes is not UNSET:
            field_dict["start_max_minutes"] = start_max_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refill = RefillKind(d.pop("refill"))

        refill_days = d.pop("refill_days", UNSET)

        start_min_minutes = d.pop("start_min_minutes", UNSET)

        start_max_minutes = d.pop("start_max_minutes", UNSET)

        rule = cls(
            refill=refill,
            refill_days=refill_days,
            start_min_minutes=start_min_minutes,
            start_max_minutes=start_max_minutes,
        )

        rule.additional_properties = d
        return rule

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
