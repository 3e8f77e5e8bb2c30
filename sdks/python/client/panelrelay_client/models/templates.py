from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        speed = self.speed

        cancel = self.cancel

        refill = self.refill

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        templates.additional_properties = d
        return templates

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
