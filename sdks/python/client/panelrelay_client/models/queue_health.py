from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QueueHealth")


@_attrs_define
class QueueHealth:
    """A queue's backlog for this workspace.

    Attributes:
        pending (int): Items waiting or in progress.
        failed (int): Items given up for good.
        oldest_pending_age_seconds (int | Unset): Seconds the oldest of them has waited.
    """

    pending: int
    failed: int
    oldest_pending_age_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pending = self.pending

        failed = self.failed

        oldest_pending_age_seconds = self.oldest_pending_age_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pending": pending,
                "failed": failed,
            }
        )
        if oldest_pending_age_seconds is not UNSET:
            field_dict["oldest_pending_age_seconds"] = oldest_pending_age_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pending = d.pop("pending")

        failed = d.pop("failed")

        oldest_pending_age_seconds = d.pop("oldest_pending_age_seconds", UNSET)

        queue_health = cls(
            pending=pending,
            failed=failed,
            oldest_pending_age_seconds=oldest_pending_age_seconds,
        )

        queue_health.additional_properties = d
        return queue_health

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
