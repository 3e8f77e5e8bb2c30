from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_status import ChannelStatus
from ..models.medium_name import MediumName
from ..models.webhook_outcome import WebhookOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelHealth")


@_attrs_define
class ChannelHealth:
    """One channel.

    Attributes:
        id (str): Its id.
        name (str): Its label.
        medium (MediumName): A messaging medium.
        status (ChannelStatus): A channel's last validation.
        last_validated_at (datetime.datetime | Unset): When it was last validated.
        last_error (str | Unset): The last validation error.
        last_event_at (datetime.datetime | Unset): When its webhook last brought an event.
        last_webhook_at (datetime.datetime | Unset): When its webhook was last called (any outcome).
        last_webhook_outcome (WebhookOutcome | Unset): What became of a webhook delivery.
        last_refused_webhook_at (datetime.datetime | Unset): When a call to its webhook was last refused (HTTP 400 or
            more).
        last_refused_webhook_outcome (WebhookOutcome | Unset): What became of a webhook delivery.
    """

    id: str
    name: str
    medium: MediumName
    status: ChannelStatus
    last_validated_at: datetime.datetime | Unset = UNSET
    last_error: str | Unset = UNSET
    last_event_at: datetime.datetime | Unset = UNSET
    last_webhook_at: datetime.datetime | Unset = UNSET
    last_webhook_outcome: WebhookOutcome | Unset = UNSET
    last_refused_webhook_at: datetime.datetime | Unset = UNSET
    last_refused_webhook_outcome: WebhookOutcome | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        medium = self.medium.value

        status = self.status.value

        last_validated_at: str | Unset = UNSET
        if not isinstance(self.last_validated_at, Unset):
            last_validated_at = self.last_validated_at.isoformat()

        last_error = self.last_error

        last_event_at: str | Unset = UNSET
        if not isinstance(self.last_event_at, Unset):
            last_event_at = self.last_event_at.isoformat()

        last_webhook_at: str | Unset = UNSET
        if not isinstance(self.last_webhook_at, Unset):
            last_webhook_at = self.last_webhook_at.isoformat()

        last_webhook_outcome: str | Unset = UNSET
        if not isinstance(self.last_webhook_outcome, Unset):
            last_webhook_outcome = self.last_webhook_outcome.value

        last_refused_webhook_at: str | Unset = UNSET
        if not isinstance(self.last_refused_webhook_at, Unset):
            last_refused_webhook_at = self.last_refused_webhook_at.isoformat()

        last_refused_webhook_outcome: str | Unset = UNSET
        if not isinstance(self.last_refused_webhook_outcome, Unset):
            last_refused_webhook_outcome = self.last_refused_webhook_outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "medium": medium,
                "status": status,
            }
        )
        if last_validated_at is not UNSET:
            field_dict["last_validated_at"] = last_validated_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if last_event_at is not UNSET:
            field_dict["last_event_at"] = last_event_at
        if last_webhook_at is not UNSET:
            field_dict["last_webhook_at"] = last_webhook_at
        if last_webhook_outcome is not UNSET:
            field_dict["last_webhook_outcome"] = last_webhook_outcome
        if last_refused_webhook_at is not UNSET:
            field_dict["last_refused_webhook_at"] = last_refused_webhook_at
        if last_refused_webhook_outcome is not UNSET:
            field_dict["last_refused_webhook_outcome"] = last_refused_webhook_outcome

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        medium = MediumName(d.pop("medium"))

        status = ChannelStatus(d.pop("status"))

        _last_validated_at = d.pop("last_validated_at", UNSET)
        last_validated_at: datetime.datetime | Unset
        if isinstance(_last_validated_at, Unset):
            last_validated_at = UNSET
        else:
            last_validated_at = datetime.datetime.fromisoformat(_last_validated_at)

        last_error = d.pop("last_error", UNSET)

        _last_event_at = d.pop("last_event_at", UNSET)
        last_event_at: datetime.datetime | Unset
        if isinstance(_last_event_at, Unset):
            last_event_at = UNSET
        else:
            last_event_at = datetime.datetime.fromisoformat(_last_event_at)

        _last_webhook_at = d.pop("last_webhook_at", UNSET)
        last_webhook_at: datetime.datetime | Unset
        if isinstance(_last_webhook_at, Unset):
            last_webhook_at = UNSET
        else:
            last_webhook_at = datetime.datetime.fromisoformat(_last_webhook_at)

        _last_webhook_outcome = d.pop("last_webhook_outcome", UNSET)
        last_webhook_outcome: WebhookOutcome | Unset
        if isinstance(_last_webhook_outcome, Unset):
            last_webhook_outcome = UNSET
        else:
            last_webhook_outcome = WebhookOutcome(_last_webhook_outcome)

        _last_refused_webhook_at = d.pop("last_refused_webhook_at", UNSET)
        last_refused_webhook_at: datetime.datetime | Unset
        if isinstance(_last_refused_webhook_at, Unset):
            last_refused_webhook_at = UNSET
        else:
            last_refused_webhook_at = datetime.datetime.fromisoformat(_last_refused_webhook_at)

        _last_refused_webhook_outcome = d.pop("last_refused_webhook_outcome", UNSET)
        last_refused_webhook_outcome: WebhookOutcome | Unset
        if isinstance(_last_refused_webhook_outcome, Unset):
            last_refused_webhook_outcome = UNSET
        else:
            last_refused_webhook_outcome = WebhookOutcome(_last_refused_webhook_outcome)

        channel_health = cls(
            id=id,
            name=name,
            medium=medium,
            status=status,
            last_validated_at=last_validated_at,
            last_error=last_error,
            last_event_at=last_event_at,
            last_webhook_at=last_webhook_at,
            last_webhook_outcome=last_webhook_outcome,
            last_refused_webhook_at=last_refused_webhook_at,
            last_refused_webhook_outcome=last_refused_webhook_outcome,
        )

        channel_health.additional_properties = d
        return channel_health

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
