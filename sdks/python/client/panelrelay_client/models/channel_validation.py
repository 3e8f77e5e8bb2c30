from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel import Channel


T = TypeVar("T", bound="ChannelValidation")


@_attrs_define
class ChannelValidation:
    """The result of validating a channel.

    Attributes:
        ok (bool): Whether the channel works and its webhook points here.
        status (str): `ok`, `auth_failed`, `timeout`, `unreachable`, `instance_not_authorized`,
            `webhook_mismatch`, `phone_mismatch`, `provider_error`, `invalid_config`, …
        detail (str): What was checked and what to do, in plain words.
        channel (Channel): A channel. Secrets are never returned, only hints.
        bot_username (str | Unset): Telegram: the bot's username.
        display_phone (str | Unset): Meta: the number as displayed.
        verified_name (str | Unset): Meta: the verified business name.
    """

    ok: bool
    status: str
    detail: str
    channel: Channel
    bot_username: str | Unset = UNSET
    display_phone: str | Unset = UNSET
    verified_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        status = self.status

        detail = self.detail

        channel = self.channel.to_dict()

        bot_username = self.bot_username

        display_phone = self.display_phone

        verified_name = self.verified_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "status": status,
                "detail": detail,
                "channel": channel,
            }
        )
        if bot_username is not UNSET:
            field_dict["bot_username"] = bot_username
        if display_phone is not UNSET:
            field_dict["display_phone"] = display_phone
        if verified_name is not UNSET:
            field_dict["verified_name"] = verified_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel import Channel  # noqa: PLC0415

        d = dict(src_dict)
        ok = d.pop("ok")

        status = d.pop("status")

        detail = d.pop("detail")

        channel = Channel.from_dict(d.pop("channel"))

        bot_username = d.pop("bot_username", UNSET)

        display_phone = d.pop("display_phone", UNSET)

        verified_name = d.pop("verified_name", UNSET)

        channel_validation = cls(
            ok=ok,
            status=status,
            detail=detail,
            channel=channel,
            bot_username=bot_username,
            display_phone=display_phone,
            verified_name=verified_name,
        )

        channel_validation.additional_properties = d
        return channel_validation

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
