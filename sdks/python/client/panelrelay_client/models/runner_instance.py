from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunnerInstance")


@_attrs_define
class RunnerInstance:
    """One process running a loop.

    Attributes:
        instance (str): `{host}:{pid}`.
        last_seen_at (datetime.datetime): When it last completed a round.
        last_round_failed (bool): Whether that round failed.
    """

    instance: str
    last_seen_at: datetime.datetime
    last_round_failed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instance = self.instance

        last_seen_at = self.last_seen_at.isoformat()

        last_round_failed = self.last_round_failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instance": instance,
                "last_seen_at": last_seen_at,
                "last_round_failed": last_round_failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instance = d.pop("instance")

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        last_round_failed = d.pop("last_round_failed")

        runner_instance = cls(
            instance=instance,
            last_seen_at=last_seen_at,
            last_round_failed=last_round_failed,
        )

        runner_instance.additional_properties = d
        return runner_instance

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
