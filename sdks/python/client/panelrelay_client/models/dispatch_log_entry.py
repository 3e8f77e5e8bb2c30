from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus
from ..models.forwarded_action import ForwardedAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="DispatchLogEntry")


@_attrs_define
class DispatchLogEntry:
    """One request forwarded to a provider group.

    Attributes:
        id (str): Its id.
        command_id (str): The command it belongs to.
        outbox_id (str): The outbox message that carries it.
        route_id (str): The provider route.
        action (ForwardedAction): An action forwarded to a provider group.
        order_ids (list[int]): Panel order ids.
        external_ids (list[str]): Provider order ids.
        target_chat_id (str): The provider group.
        text (str): The text sent.
        created_at (datetime.datetime): When it was planned.
        channel_id (str | Unset): The channel that sends it, while the message is kept.
        status (DeliveryStatus | Unset): Where an outgoing message is on its way out.
    """

    id: str
    command_id: str
    outbox_id: str
    route_id: str
    action: ForwardedAction
    order_ids: list[int]
    external_ids: list[str]
    target_chat_id: str
    text: str
    created_at: datetime.datetime
    channel_id: str | Unset = UNSET
    status: DeliveryStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        command_id = self.command_id

        outbox_id = self.outbox_id

        route_id = self.route_id

        action = self.action.value

        order_ids = self.order_ids

        external_ids = self.external_ids

        target_chat_id = self.target_chat_id

        text = self.text

        created_at = self.created_at.isoformat()

        channel_id = self.channel_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "command_id": command_id,
                "outbox_id": outbox_id,
                "route_id": route_id,
                "action": action,
                "order_ids": order_ids,
                "external_ids": external_ids,
                "target_chat_id": target_chat_id,
                "text": text,
                "created_at": created_at,
            }
        )
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        command_id = d.pop("command_id")

        outbox_id = d.pop("outbox_id")

        route_id = d.pop("route_id")

        action = ForwardedAction(d.pop("action"))

        order_ids = cast(list[int], d.pop("order_ids"))

        external_ids = cast(list[str], d.pop("external_ids"))

        target_chat_id = d.pop("target_chat_id")

        text = d.pop("text")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        channel_id = d.pop("channel_id", UNSET)

        _status = d.pop("status", UNSET)
        status: DeliveryStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = DeliveryStatus(_status)

        dispatch_log_entry = cls(
            id=id,
            command_id=command_id,
            outbox_id=outbox_id,
            route_id=route_id,
            action=action,
            order_ids=order_ids,
            external_ids=external_ids,
            target_chat_id=target_chat_id,
            text=text,
            created_at=created_at,
            channel_id=channel_id,
            status=status,
        )

        dispatch_log_entry.additional_properties = d
        return dispatch_log_entry

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
