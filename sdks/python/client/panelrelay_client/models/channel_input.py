from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelInput")


@_attrs_define
class ChannelInput:
    """Changes to a channel's settings and secrets. Which fields apply depends on the medium:
    Telegram `bot_token`; Green API `id_instance`, `api_token`; Meta `phone_number_id`,
    `access_token`, `app_secret`. `webhook_secret` (Telegram, Green API) and `verify_token`
    (Meta) are generated when not given. Base URLs default to the providers' own.

        Example:
            {'name': 'Support bot (main)'}

        Attributes:
            name (str | Unset): A label, 1-100 characters.
            bot_token (str | Unset): Telegram: the bot token from @BotFather (secret).
            id_instance (str | Unset): Green API: the instance id.
            api_token (str | Unset): Green API: the instance's API token (secret).
            phone_number_id (str | Unset): Meta: the WhatsApp phone number id.
            access_token (str | Unset): Meta: the access token (secret).
            app_secret (str | Unset): Meta: the app secret that signs webhooks (secret).
            verify_token (str | Unset): Meta: the webhook verify token (generated when absent; read it back as the channel's
                `verify_token`).
            webhook_secret (str | Unset): Telegram and Green API: the token webhooks must carry (secret; generated when
                absent).
            api_base_url (str | Unset): The provider API's base URL (Telegram `https://api.telegram.org`, Green API
                `https://api.green-api.com`, Meta `https://graph.facebook.com`); set it to point a
                channel at a local sandbox.
            graph_version (str | Unset): Meta: the Graph API version (default `v26.0`).
    """

    name: str | Unset = UNSET
    bot_token: str | Unset = UNSET
    id_instance: str | Unset = UNSET
    api_token: str | Unset = UNSET
    phone_number_id: str | Unset = UNSET
    access_token: str | Unset = UNSET
    app_secret: str | Unset = UNSET
    verify_token: str | Unset = UNSET
    webhook_secret: str | Unset = UNSET
    api_base_url: str | Unset = UNSET
    graph_version: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        bot_token = self.bot_token

        id_instance = self.id_instance

        api_token = self.api_token

        phone_number_id = self.phone_number_id

        access_token = self.access_token

        app_secret = self.app_secret

        verify_token = self.verify_token

        webhook_secret = self.webhook_secret

        api_base_url = self.api_base_url

        graph_version = self.graph_version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if bot_token is not UNSET:
            field_dict["bot_token"] = bot_token
        if id_instance is not UNSET:
            field_dict["id_instance"] = id_instance
        if api_token is not UNSET:
            field_dict["api_token"] = api_token
        if phone_number_id is not UNSET:
            field_dict["phone_number_id"] = phone_number_id
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if app_secret is not UNSET:
            field_dict["app_secret"] = app_secret
        if verify_token is not UNSET:
            field_dict["verify_token"] = verify_token
        if webhook_secret is not UNSET:
            field_dict["webhook_secret"] = webhook_secret
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url
        if graph_version is not UNSET:
            field_dict["graph_version"] = graph_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        bot_token = d.pop("bot_token", UNSET)

        id_instance = d.pop("id_instance", UNSET)

        api_token = d.pop("api_token", UNSET)

        phone_number_id = d.pop("phone_number_id", UNSET)

        access_token = d.pop("access_token", UNSET)

        app_secret = d.pop("app_secret", UNSET)

        verify_token = d.pop("verify_token", UNSET)

        webhook_secret = d.pop("webhook_secret", UNSET)

        api_base_url = d.pop("api_base_url", UNSET)

        graph_version = d.pop("graph_version", UNSET)

        channel_input = cls(
            name=name,
            bot_token=bot_token,
            id_instance=id_instance,
            api_token=api_token,
            phone_number_id=phone_number_id,
            access_token=access_token,
            app_secret=app_secret,
            verify_token=verify_token,
            webhook_secret=webhook_secret,
            api_base_url=api_base_url,
            graph_version=graph_version,
        )

        return channel_input
