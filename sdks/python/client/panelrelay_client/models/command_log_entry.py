from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.medium_name import MediumName
from ..models.sender_kind import SenderKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_outcome import OrderOutcome


T = TypeVar("T", bound="CommandLogEntry")


@_attrs_define
class CommandLogEntry:
    """One handled customer message.

    Attributes:
        id (str): Its id.
        inbox_event_id (str): The inbox event it came from.
        channel_id (str): The channel it arrived on.
        medium (MediumName): A messaging medium.
        chat_id (str): The chat.
        sender_id (str): The sender.
        sender_role (SenderKind): Who the sender is to the workspace.
        text (str): The text as received.
        order_ids (list[int]): The order ids it named.
        outcomes (list[OrderOutcome]): Per-order outcomes.
        created_at (datetime.datetime): When it was handled.
        action (str | Unset): The parsed action, when it was a command.
        reply (str | Unset): The reply sent to the customer.
    """

    id: str
    inbox_event_id: str
    channel_id: str
    medium: MediumName
    chat_id: str
    sender_id: str
    sender_role: SenderKind
    text: str
    order_ids: list[int]
    outcomes: list[OrderOutcome]
    created_at: datetime.datetime
    action: str | Unset = UNSET
    reply: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        inbox_event_id = self.inbox_event_id

        channel_id = self.channel_id

        medium = self.medium.value

        chat_id = self.chat_id

        sender_id = self.sender_id

        sender_role = self.sender_role.value

        text = self.text

        order_ids = self.order_ids

        outcomes = []
        for outcomes_item_data in self.outcomes:
            outcomes_item = outcomes_item_data.to_dict()
            outcomes.append(outcomes_item)

        created_at = self.created_at.isoformat()

        action = self.action

        reply = self.reply

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "inbox_event_id": inbox_event_id,
                "channel_id": channel_id,
                "medium": medium,
                "chat_id": chat_id,
                "sender_id": sender_id,
                "sender_role": sender_role,
                "text": text,
                "order_ids": order_ids,
                "outcomes": outcomes,
                "created_at": created_at,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if reply is not UNSET:
            field_dict["reply"] = reply

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_outcome import OrderOutcome  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        inbox_event_id = d.pop("inbox_event_id")

        channel_id = d.pop("channel_id")

        medium = MediumName(d.pop("medium"))

        chat_id = d.pop("chat_id")

        sender_id = d.pop("sender_id")

        sender_role = SenderKind(d.pop("sender_role"))

        text = d.pop("text")

        order_ids = cast(list[int], d.pop("order_ids"))

        outcomes = []
        _outcomes = d.pop("outcomes")
        for outcomes_item_data in _outcomes:
            outcomes_item = OrderOutcome.from_dict(outcomes_item_data)

            outcomes.append(outcomes_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        action = d.pop("action", UNSET)

        reply = d.pop("reply", UNSET)

        command_log_entry = cls(
            id=id,
            inbox_event_id=inbox_event_id,
            channel_id=channel_id,
            medium=medium,
            chat_id=chat_id,
            sender_id=sender_id,
            sender_role=sender_role,
            text=text,
            order_ids=order_ids,
            outcomes=outcomes,
            created_at=created_at,
            action=action,
            reply=reply,
        )

        command_log_entry.additional_properties = d
        return command_log_entry

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
