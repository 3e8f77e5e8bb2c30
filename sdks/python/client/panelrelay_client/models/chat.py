from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.direction import Direction
from ..models.medium_name import MediumName
from ..types import UNSET, Unset

T = TypeVar("T", bound="Chat")


@_attrs_define
class Chat:
    """One chat.

    Attributes:
        channel_id (str): The channel.
        chat_id (str): The chat.
        last_message_at (datetime.datetime): When its last message was written.
        message_count (int): How many messages it holds (within `from`/`to` when given).
        last_text (str): The last message's text.
        last_direction (Direction): Which way a message went.
        medium (MediumName | Unset): A messaging medium.
    """

    channel_id: str
    chat_id: str
    last_message_at: datetime.datetime
    message_count: int
    last_text: str
    last_direction: Direction
    medium: MediumName | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel_id = self.channel_id

        chat_id = self.chat_id

        last_message_at = self.last_message_at.isoformat()

        message_count = self.message_count

        last_text = self.last_text

        last_direction = self.last_direction.value

        medium: str | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel_id": channel_id,
                "chat_id": chat_id,
                "last_message_at": last_message_at,
                "message_count": message_count,
                "last_text": last_text,
                "last_direction": last_direction,
            }
        )
        if medium is not UNSET:
            field_dict["medium"] = medium

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel_id = d.pop("channel_id")

        chat_id = d.pop("chat_id")

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        message_count = d.pop("message_count")

        last_text = d.pop("last_text")

        last_direction = Direction(d.pop("last_direction"))

        _medium = d.pop("medium", UNSET)
        medium: MediumName | Unset
        if isinstance(_medium, Unset):
            medium = UNSET
        else:
            medium = MediumName(_medium)

        chat = cls(
            channel_id=channel_id,
            chat_id=chat_id,
            last_message_at=last_message_at,
            message_count=message_count,
            last_text=last_text,
            last_direction=last_direction,
            medium=medium,
        )

        chat.additional_properties = d
        return chat

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
