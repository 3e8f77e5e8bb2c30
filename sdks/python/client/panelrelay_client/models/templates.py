from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Templates")


@_attrs_define
class Templates:
    """Per-action command templates. Variables: `{external_ids}`, `{order_ids}`, `{count}` (one
    message for the batch) or `{external_id}`, `{order_id}`, `{username}`, `{service}`,
    `{service_id}`, `{status}` (one line per order); `{action}` in both. Defaults:
    `{external_ids} speed`, `{external_ids} cancel`, `{external_ids} refill`.

        Attributes:
            speed (str | Unset): Speed-up requests.
            cancel (str | Unset): Cancel requests.
            refill (str | Unset): Refill requests.
    """

    speed: str | Unset = UNSET
    cancel: str | Unset = UNSET
    refill: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        speed = self.speed

        cancel = self.cancel

        refill = self.refill

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if speed is not UNSET:
            field_dict["speed"] = speed
        if cancel is not UNSET:
            field_dict["cancel"] = cancel
        if refill is not UNSET:
            field_dict["refill"] = refill

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        speed = d.pop("speed", UNSET)

        cancel = d.pop("cancel", UNSET)

        refill = d.pop("refill", UNSET)

        templates = cls(
            speed=speed,
            cancel=cancel,
            refill=refill,
        )

        return templates
