from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.templates import Templates


T = TypeVar("T", bound="Route")


@_attrs_define
class Route:
    """A provider route.

    Attributes:
        id (str): Its id.
        name (str): A label.
        channel_id (str): The channel that sends to the group.
        medium (str): The medium of that channel.
        provider_domains (list[str]): Provider domains or names.
        target_chat_id (str): The group chat.
        templates (Templates): Per-action command templates. Variables: `{external_ids}`, `{order_ids}`, `{count}` (one
            message for the batch) or `{external_id}`, `{order_id}`, `{username}`, `{service}`,
            `{service_id}`, `{status}` (one line per order); `{action}` in both. Defaults:
            `{external_ids} speed`, `{external_ids} cancel`, `{external_ids} refill`.
        enabled (bool): Whether it is used.
        is_fallback (bool): Whether it is the fallback.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        alias (str | Unset): The name shown to customers.
        target_topic_id (int | Unset): The Telegram topic.
    """

    id: str
    name: str
    channel_id: str
    medium: str
    provider_domains: list[str]
    target_chat_id: str
    templates: Templates
    enabled: bool
    is_fallback: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    alias: str | Unset = UNSET
    target_topic_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        channel_id = self.channel_id

        medium = self.medium

        provider_domains = self.provider_domains

        target_chat_id = self.target_chat_id

        templates = self.templates.to_dict()

        enabled = self.enabled

        is_fallback = self.is_fallback

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        alias = self.alias

        target_topic_id = self.target_topic_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "channel_id": channel_id,
                "medium": medium,
                "provider_domains": provider_domains,
                "target_chat_id": target_chat_id,
                "templates": templates,
                "enabled": enabled,
                "is_fallback": is_fallback,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias
        if target_topic_id is not UNSET:
            field_dict["target_topic_id"] = target_topic_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.templates import Templates  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        channel_id = d.pop("channel_id")

        medium = d.pop("medium")

        provider_domains = cast(list[str], d.pop("provider_domains"))

        target_chat_id = d.pop("target_chat_id")

        templates = Templates.from_dict(d.pop("templates"))

        enabled = d.pop("enabled")

        is_fallback = d.pop("is_fallback")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        alias = d.pop("alias", UNSET)

        target_topic_id = d.pop("target_topic_id", UNSET)

        route = cls(
            id=id,
            name=name,
            channel_id=channel_id,
            medium=medium,
            provider_domains=provider_domains,
            target_chat_id=target_chat_id,
            templates=templates,
            enabled=enabled,
            is_fallback=is_fallback,
            created_at=created_at,
            updated_at=updated_at,
            alias=alias,
            target_topic_id=target_topic_id,
        )

        route.additional_properties = d
        return route

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
