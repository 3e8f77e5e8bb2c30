from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.overall_state import OverallState

if TYPE_CHECKING:
    from ..models.access import Access
    from ..models.channel_health import ChannelHealth
    from ..models.modules import Modules
    from ..models.panel_health import PanelHealth
    from ..models.queue_health import QueueHealth
    from ..models.runner_health import RunnerHealth


T = TypeVar("T", bound="RuntimeHealth")


@_attrs_define
class RuntimeHealth:
    """The workspace's runtime health.

    Attributes:
        status (OverallState): The workspace's overall state.
        checked_at (datetime.datetime): When this report was made.
        access (Access): The workspace's access.
        panel (PanelHealth): The panel connection.
        channels (list[ChannelHealth]): Every channel.
        modules (Modules): What is configured.
        runners (list[RunnerHealth]): The background loops.
        inbox (QueueHealth): A queue's backlog for this workspace.
        outbox (QueueHealth): A queue's backlog for this workspace.
    """

    status: OverallState
    checked_at: datetime.datetime
    access: Access
    panel: PanelHealth
    channels: list[ChannelHealth]
    modules: Modules
    runners: list[RunnerHealth]
    inbox: QueueHealth
    outbox: QueueHealth
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        checked_at = self.checked_at.isoformat()

        access = self.access.to_dict()

        panel = self.panel.to_dict()

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)

        modules = self.modules.to_dict()

        runners = []
        for runners_item_data in self.runners:
            runners_item = runners_item_data.to_dict()
            runners.append(runners_item)

        inbox = self.inbox.to_dict()

        outbox = self.outbox.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "checked_at": checked_at,
                "access": access,
                "panel": panel,
                "channels": channels,
                "modules": modules,
                "runners": runners,
                "inbox": inbox,
                "outbox": outbox,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access import Access  # noqa: PLC0415
        from ..models.channel_health import ChannelHealth  # noqa: PLC0415
        from ..models.modules import Modules  # noqa: PLC0415
        from ..models.panel_health import PanelHealth  # noqa: PLC0415
        from ..models.queue_health import QueueHealth  # noqa: PLC0415
        from ..models.runner_health import RunnerHealth  # noqa: PLC0415

        d = dict(src_dict)
        status = OverallState(d.pop("status"))

        checked_at = datetime.datetime.fromisoformat(d.pop("checked_at"))

        access = Access.from_dict(d.pop("access"))

        panel = PanelHealth.from_dict(d.pop("panel"))

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = ChannelHealth.from_dict(channels_item_data)

            channels.append(channels_item)

        modules = Modules.from_dict(d.pop("modules"))

        runners = []
        _runners = d.pop("runners")
        for runners_item_data in _runners:
            runners_item = RunnerHealth.from_dict(runners_item_data)

            runners.append(runners_item)

        inbox = QueueHealth.from_dict(d.pop("inbox"))

        outbox = QueueHealth.from_dict(d.pop("outbox"))

        runtime_health = cls(
            status=status,
            checked_at=checked_at,
            access=access,
            panel=panel,
            channels=channels,
            modules=modules,
            runners=runners,
            inbox=inbox,
            outbox=outbox,
        )

        runtime_health.additional_properties = d
        return runtime_health

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
