from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outgoing_kind import OutgoingKind
from ..models.send_outcome import SendOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="OutboundLogEntry")


@_attrs_define
class OutboundLogEntry:
    """One attempt to send a message.

    Attributes:
        id (str): Its id.
        outbox_id (str): The outbox message sent.
        channel_id (str): The channel used.
        outcome (SendOutcome): How an attempt to send went.
        response (str): The provider's answer, secrets removed.
        created_at (datetime.datetime): When.
        kind (OutgoingKind | Unset): What an outgoing message is.
        chat_id (str | Unset): The destination chat, while the message is kept.
        error (str | Unset): Why it failed.
    """

    id: str
    outbox_id: str
    channel_id: str
    outcome: SendOutcome
    response: str
    created_at: datetime.datetime
    kind: OutgoingKind | Unset = UNSET
    chat_id: str | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        outbox_id = self.outbox_id

        channel_id = self.channel_id

        outcome = self.outcome.value

        response = self.response

        created_at = self.created_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        chat_id = self.chat_id

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "outbox_id": outbox_id,
                "channel_id": channel_id,
                "outcome": outcome,
                "response": response,
                "created_at": created_at,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if chat_id is not UNSET:
            field_dict["chat_id"] = chat_id
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        outbox_id = d.pop("outbox_id")

        channel_id = d.pop("channel_id")

        outcome = SendOutcome(d.pop("outcome"))

        response = d.pop("response")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _kind = d.pop("kind", UNSET)
        kind: OutgoingKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = OutgoingKind(_kind)

        chat_id = d.pop("chat_id", UNSET)

        error = d.pop("error", UNSET)

        outbound_log_entry = cls(
            id=id,
            outbox_id=outbox_id,
            channel_id=channel_id,
            outcome=outcome,
            response=response,
            created_at=created_at,
            kind=kind,
            chat_id=chat_id,
            error=error,
        )

        outbound_log_entry.additional_properties = d
        return outbound_log_entry

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
