from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.runner import Runner
from ..models.runner_state import RunnerState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runner_instance import RunnerInstance


T = TypeVar("T", bound="RunnerHealth")


@_attrs_define
class RunnerHealth:
    """One background loop across every process.

    Attributes:
        runner (Runner): A background loop.
        status (RunnerState): Whether a loop runs.
        instances (list[RunnerInstance]): The processes that ran it, the most recent first.
        last_seen_at (datetime.datetime | Unset): When any process last ran it.
    """

    runner: Runner
    status: RunnerState
    instances: list[RunnerInstance]
    last_seen_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        runner = self.runner.value

        status = self.status.value

        instances = []
        for instances_item_data in self.instances:
            instances_item = instances_item_data.to_dict()
            instances.append(instances_item)

        last_seen_at: str | Unset = UNSET
        if not isinstance(self.last_seen_at, Unset):
            last_seen_at = self.last_seen_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runner": runner,
                "status": status,
                "instances": instances,
            }
        )
        if last_seen_at is not UNSET:
            field_dict["last_seen_at"] = last_seen_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runner_instance import RunnerInstance  # noqa: PLC0415

        d = dict(src_dict)
        runner = Runner(d.pop("runner"))

        status = RunnerState(d.pop("status"))

        instances = []
        _instances = d.pop("instances")
        for instances_item_data in _instances:
            instances_item = RunnerInstance.from_dict(instances_item_data)

            instances.append(instances_item)

        _last_seen_at = d.pop("last_seen_at", UNSET)
        last_seen_at: datetime.datetime | Unset
        if isinstance(_last_seen_at, Unset):
            last_seen_at = UNSET
        else:
            last_seen_at = datetime.datetime.fromisoformat(_last_seen_at)

        runner_health = cls(
            runner=runner,
            status=status,
            instances=instances,
            last_seen_at=last_seen_at,
        )

        runner_health.additional_properties = d
        return runner_health

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
