from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.medium_name import MediumName
from ..models.webhook_outcome import WebhookOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookLogEntry")


@_attrs_define
class WebhookLogEntry:
    """One webhook delivery.

    Attributes:
        id (str): Its id.
        channel_id (str): The channel addressed.
        status_code (int): The HTTP status answered.
        outcome (WebhookOutcome): What became of a webhook delivery.
        payload (str): The body as received (at most 2000 bytes), secrets removed; refused bodies are not kept.
        received_at (datetime.datetime): When it arrived.
        medium (MediumName | Unset): A messaging medium.
        dedupe_key (str | Unset): The provider's event key, when one was computed.
        detail (str | Unset): A detail for operators.
    """

    id: str
    channel_id: str
    status_code: int
    outcome: WebhookOutcome
    payload: str
    received_at: datetime.datetime
    medium: MediumName | Unset = UNSET
    dedupe_key: str | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        channel_id = self.channel_id

        status_code = self.status_code

        outcome = self.outcome.value

        payload = self.payload

        received_at = self.received_at.isoformat()

        medium: str | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium.value

        dedupe_key = self.dedupe_key

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel_id": channel_id,
                "status_code": status_code,
                "outcome": outcome,
                "payload": payload,
                "received_at": received_at,
            }
        )
        if medium is not UNSET:
            field_dict["medium"] = medium
        if dedupe_key is not UNSET:
            field_dict["dedupe_key"] = dedupe_key
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        channel_id = d.pop("channel_id")

        status_code = d.pop("status_code")

        outcome = WebhookOutcome(d.pop("outcome"))

        payload = d.pop("payload")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        _medium = d.pop("medium", UNSET)
        medium: MediumName | Unset
        if isinstance(_medium, Unset):
            medium = UNSET
        else:
            medium = MediumName(_medium)

        dedupe_key = d.pop("dedupe_key", UNSET)

        detail = d.pop("detail", UNSET)

        webhook_log_entry = cls(
            id=id,
            channel_id=channel_id,
            status_code=status_code,
            outcome=outcome,
            payload=payload,
            received_at=received_at,
            medium=medium,
            dedupe_key=dedupe_key,
            detail=detail,
        )

        webhook_log_entry.additional_properties = d
        return webhook_log_entry

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
