from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TelegramChannelInput")


@_attrs_define
class TelegramChannelInput:
    """A new Telegram bot.

    Example:
        {'bot_token': '7345678901:AAF3kq9xZp0-example-token', 'name': 'Support bot'}

    Attributes:
        bot_token (str): The bot token from @BotFather (secret).
        name (str | Unset): A label, 1-100 characters (default `telegram`).
        webhook_secret (str | Unset): The token Telegram must send in `X-Telegram-Bot-Api-Secret-Token` (secret;
            generated when absent).
        api_base_url (str | Unset): The Bot API's base URL (default `https://api.telegram.org`); set it to point the
            channel at a local sandbox.
    """

    bot_token: str
    name: str | Unset = UNSET
    webhook_secret: str | Unset = UNSET
    api_base_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bot_token = self.bot_token

        name = self.name

        webhook_secret = self.webhook_secret

        api_base_url = self.api_base_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bot_token": bot_token,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if webhook_secret is not UNSET:
            field_dict["webhook_secret"] = webhook_secret
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bot_token = d.pop("bot_token")

        name = d.pop("name", UNSET)

        webhook_secret = d.pop("webhook_secret", UNSET)

        api_base_url = d.pop("api_base_url", UNSET)

        telegram_channel_input = cls(
            bot_token=bot_token,
            name=name,
            webhook_secret=webhook_secret,
            api_base_url=api_base_url,
        )

        telegram_channel_input.additional_properties = d
        return telegram_channel_input

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
