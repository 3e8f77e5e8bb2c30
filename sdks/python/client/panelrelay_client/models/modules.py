from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rules_mode import RulesMode

T = TypeVar("T", bound="Modules")


@_attrs_define
class Modules:
    """What is configured.

    Attributes:
        panel_connected (bool): Whether a panel is connected.
        channels (int): Channels.
        validated_channels (int): Channels whose last validation passed.
        provider_routes (int): Provider routes.
        enabled_provider_routes (int): Enabled provider routes.
        fallback_route (bool): Whether an enabled fallback route takes orders no other route matches.
        linked_users (int): Linked users.
        admin_chats (int): Admin chats.
        rules_mode (RulesMode): Which service rules the engine applies.
        log_retention_days (int): Days logs are kept.
    """

    panel_connected: bool
    channels: int
    validated_channels: int
    provider_routes: int
    enabled_provider_routes: int
    fallback_route: bool
    linked_users: int
    admin_chats: int
    rules_mode: RulesMode
    log_retention_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        panel_connected = self.panel_connected

        channels = self.channels

        validated_channels = self.validated_channels

        provider_routes = self.provider_routes

        enabled_provider_routes = self.enabled_provider_routes

        fallback_route = self.fallback_route

        linked_users = self.linked_users

        admin_chats = self.admin_chats

        rules_mode = self.rules_mode.value

        log_retention_days = self.log_retention_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "panel_connected": panel_connected,
                "channels": channels,
                "validated_channels": validated_channels,
                "provider_routes": provider_routes,
                "enabled_provider_routes": enabled_provider_routes,
                "fallback_route": fallback_route,
                "linked_users": linked_users,
                "admin_chats": admin_chats,
                "rules_mode": rules_mode,
                "log_retention_days": log_retention_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        panel_connected = d.pop("panel_connected")

        channels = d.pop("channels")

        validated_channels = d.pop("validated_channels")

        provider_routes = d.pop("provider_routes")

        enabled_provider_routes = d.pop("enabled_provider_routes")

        fallback_route = d.pop("fallback_route")

        linked_users = d.pop("linked_users")

        admin_chats = d.pop("admin_chats")

        rules_mode = RulesMode(d.pop("rules_mode"))

        log_retention_days = d.pop("log_retention_days")

        modules = cls(
            panel_connected=panel_connected,
            channels=channels,
            validated_channels=validated_channels,
            provider_routes=provider_routes,
            enabled_provider_routes=enabled_provider_routes,
            fallback_route=fallback_route,
            linked_users=linked_users,
            admin_chats=admin_chats,
            rules_mode=rules_mode,
            log_retention_days=log_retention_days,
        )

        modules.additional_properties = d
        return modules

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
