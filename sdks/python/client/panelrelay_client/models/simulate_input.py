from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.medium_name import MediumName
from ..types import UNSET, Unset

T = TypeVar("T", bound="SimulateInput")


@_attrs_define
class SimulateInput:
    """A customer message to try.

    Example:
        {'is_group': False, 'medium': 'telegram', 'sender_id': '5123456789', 'text': '2274209 refill'}

    Attributes:
        medium (MediumName): A messaging medium.
        sender_id (str): The author's identity on the medium (Telegram user id, Green API chat id, Meta
            `wa_id`), as linked users and admin chats store it.
        text (str): The message text.
        chat_id (str | Unset): The chat the message is written in, 1-100 characters (default: the sender's private
            chat).
        is_group (bool | Unset): Whether the chat is a group (default false): groups stay silent on chatter. Default:
            False.
    """

    medium: MediumName
    sender_id: str
    text: str
    chat_id: str | Unset = UNSET
    is_group: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        medium = self.medium.value

        sender_id = self.sender_id

        text = self.text

        chat_id = self.chat_id

        is_group = self.is_group

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "medium": medium,
                "sender_id": sender_id,
                "text": text,
            }
        )
        if chat_id is not UNSET:
            field_dict["chat_id"] = chat_id
        if is_group is not UNSET:
            field_dict["is_group"] = is_group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        medium = MediumName(d.pop("medium"))

        sender_id = d.pop("sender_id")

        text = d.pop("text")

        chat_id = d.pop("chat_id", UNSET)

        is_group = d.pop("is_group", UNSET)

        simulate_input = cls(
            medium=medium,
            sender_id=sender_id,
            text=text,
            chat_id=chat_id,
            is_group=is_group,
        )

        return simulate_input
