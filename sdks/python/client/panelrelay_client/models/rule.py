from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.refill_kind import RefillKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Rule")


@_attrs_define
class Rule:
    """A refill policy and start window.

    Example:
        {'refill': 'days', 'refill_days': 30, 'start_max_minutes': 1440, 'start_min_minutes': 0}

    Attributes:
        refill (RefillKind): Refill policy kinds.
        refill_days (int | Unset): Days of refill, for `days`.
        start_min_minutes (int | Unset): Earliest start, in minutes after the order (0-525600, a year).
        start_max_minutes (int | Unset): Latest start, in minutes after the order (0-525600; speed-ups are accepted
            after it).
    """

    refill: RefillKind
    refill_days: int | Unset = UNSET
    start_min_minutes: int | Unset = UNSET
    start_max_minutes: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        refill = self.refill.value

        refill_days = self.refill_days

        start_min_minutes = self.start_min_minutes

        start_max_minutes = self.start_max_minutes

        field_dict: dict[str, Any] = {}

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

        return rule
