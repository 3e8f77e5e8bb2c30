from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.templates import Templates


T = TypeVar("T", bound="RouteInput")


@_attrs_define
class RouteInput:
    """A route's settings.

    Example:
        {'alias': 'Main', 'channel_id': '01938f4e-7a1b-7c3d-9e5f-a1b2c3d4e5f6', 'enabled': True, 'is_fallback': False,
            'name': 'Provider One', 'provider_domains': ['provider-one.com'], 'target_chat_id': '-1001234567890',
            'templates': {}}

    Attributes:
        name (str): A label, 1-100 characters.
        channel_id (str): The channel that sends to the group.
        provider_domains (list[str]): Provider domains (admin API v2) or names (v1) matched against orders, case-
            insensitive.
        target_chat_id (str): The provider's group chat.
        alias (str | Unset): The name shown to customers instead of the domain.
        target_topic_id (int | Unset): A Telegram forum topic in that group.
        templates (Templates | Unset): Per-action command templates. Variables: `{external_ids}`, `{order_ids}`,
            `{count}` (one
            message for the batch) or `{external_id}`, `{order_id}`, `{username}`, `{service}`,
            `{service_id}`, `{status}` (one line per order); `{action}` in both. Defaults:
            `{external_ids} speed`, `{external_ids} cancel`, `{external_ids} refill`.
        enabled (bool | Unset): Whether the route is used (default true).
        is_fallback (bool | Unset): Whether it takes orders no other route matches, e.g. a manual/error group (default
            false).
    """

    name: str
    channel_id: str
    provider_domains: list[str]
    target_chat_id: str
    alias: str | Unset = UNSET
    target_topic_id: int | Unset = UNSET
    templates: Templates | Unset = UNSET
    enabled: bool | Unset = UNSET
    is_fallback: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        channel_id = self.channel_id

        provider_domains = self.provider_domains

        target_chat_id = self.target_chat_id

        alias = self.alias

        target_topic_id = self.target_topic_id

        templates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.templates, Unset):
            templates = self.templates.to_dict()

        enabled = self.enabled

        is_fallback = self.is_fallback

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "channel_id": channel_id,
                "provider_domains": provider_domains,
                "target_chat_id": target_chat_id,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias
        if target_topic_id is not UNSET:
            field_dict["target_topic_id"] = target_topic_id
        if templates is not UNSET:
            field_dict["templates"] = templates
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if is_fallback is not UNSET:
            field_dict["is_fallback"] = is_fallback

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.templates import Templates  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        channel_id = d.pop("channel_id")

        provider_domains = cast(list[str], d.pop("provider_domains"))

        target_chat_id = d.pop("target_chat_id")

        alias = d.pop("alias", UNSET)

        target_topic_id = d.pop("target_topic_id", UNSET)

        _templates = d.pop("templates", UNSET)
        templates: Templates | Unset
        if isinstance(_templates, Unset):
            templates = UNSET
        else:
            templates = Templates.from_dict(_templates)

        enabled = d.pop("enabled", UNSET)

        is_fallback = d.pop("is_fallback", UNSET)

        route_input = cls(
            name=name,
            channel_id=channel_id,
            provider_domains=provider_domains,
            target_chat_id=target_chat_id,
            alias=alias,
            target_topic_id=target_topic_id,
            templates=templates,
            enabled=enabled,
            is_fallback=is_fallback,
        )

        return route_input
