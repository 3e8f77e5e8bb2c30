from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.forwarded_action import ForwardedAction
from ..models.medium_name import MediumName
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlannedDispatch")


@_attrs_define
class PlannedDispatch:
    """A message that would go to a provider's group.

    Attributes:
        route_id (str): The provider route.
        route_name (str): Its name.
        medium (MediumName): A messaging medium.
        chat_id (str): The provider's group chat.
        action (ForwardedAction): An action forwarded to a provider group.
        text (str): The text.
        order_ids (list[int]): The panel order ids it carries.
        external_ids (list[str]): Their provider-side ids.
        channel_id (str | Unset): The channel that would send it.
        topic_id (int | Unset): The Telegram topic.
    """

    route_id: str
    route_name: str
    medium: MediumName
    chat_id: str
    action: ForwardedAction
    text: str
    order_ids: list[int]
    external_ids: list[str]
    channel_id: str | Unset = UNSET
    topic_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        route_id = self.route_id

        route_name = self.route_name

        medium = self.medium.value

        chat_id = self.chat_id

        action = self.action.value

        text = self.text

        order_ids = self.order_ids

        external_ids = self.external_ids

        channel_id = self.channel_id

        topic_id = self.topic_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "route_id": route_id,
                "route_name": route_name,
                "medium": medium,
                "chat_id": chat_id,
                "action": action,
                "text": text,
                "order_ids": order_ids,
                "external_ids": external_ids,
            }
        )
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if topic_id is not UNSET:
            field_dict["topic_id"] = topic_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        route_id = d.pop("route_id")

        route_name = d.pop("route_name")

        medium = MediumName(d.pop("medium"))

        chat_id = d.pop("chat_id")

        action = ForwardedAction(d.pop("action"))

        text = d.pop("text")

        order_ids = cast(list[int], d.pop("order_ids"))

        external_ids = cast(list[str], d.pop("external_ids"))

        channel_id = d.pop("channel_id", UNSET)

        topic_id = d.pop("topic_id", UNSET)

        planned_dispatch = cls(
            route_id=route_id,
            route_name=route_name,
            medium=medium,
            chat_id=chat_id,
            action=action,
            text=text,
            order_ids=order_ids,
            external_ids=external_ids,
            channel_id=channel_id,
            topic_id=topic_id,
        )

        planned_dispatch.additional_properties = d
        return planned_dispatch

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
