from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel_status import ChannelStatus
from ..models.medium_name import MediumName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_secrets import ChannelSecrets
    from ..models.channel_settings import ChannelSettings


T = TypeVar("T", bound="Channel")


@_attrs_define
class Channel:
    """A channel. Secrets are never returned, only hints.

    Attributes:
        id (str): Its id.
        medium (MediumName): A messaging medium.
        name (str): A label.
        webhook_url (str): Where the provider must deliver webhooks.
        settings (ChannelSettings): Non-secret settings (`id_instance`, `phone_number_id`, `api_base_url`,
            `graph_version`).
        secrets (ChannelSecrets): Secret hints by name.
        status (ChannelStatus): A channel's last validation.
        created_at (datetime.datetime): When it was created.
        updated_at (datetime.datetime): When it last changed.
        verify_token (str | Unset): Meta: the webhook verify token in full, to paste into the App Dashboard's webhook
            settings (a token the owner shares with Meta, not a credential to Meta's API).
        last_validated_at (datetime.datetime | Unset): When it was last validated.
        last_error (str | Unset): The last validation error.
        last_event_at (datetime.datetime | Unset): When its webhook last delivered an event.
    """

    id: str
    medium: MediumName
    name: str
    webhook_url: str
    settings: ChannelSettings
    secrets: ChannelSecrets
    status: ChannelStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    verify_token: str | Unset = UNSET
    last_validated_at: datetime.datetime | Unset = UNSET
    last_error: str | Unset = UNSET
    last_event_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        medium = self.medium.value

        name = self.name

        webhook_url = self.webhook_url

        settings = self.settings.to_dict()

        secrets = self.secrets.to_dict()

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        verify_token = self.verify_token

        last_validated_at: str | Unset = UNSET
        if not isinstance(self.last_validated_at, Unset):
            last_validated_at = self.last_validated_at.isoformat()

        last_error = self.last_error

        last_event_at: str | Unset = UNSET
        if not isinstance(self.last_event_at, Unset):
            last_event_at = self.last_event_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "medium": medium,
                "name": name,
                "webhook_url": webhook_url,
                "settings": settings,
                "secrets": secrets,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if verify_token is not UNSET:
            field_dict["verify_token"] = verify_token
        if last_validated_at is not UNSET:
            field_dict["last_validated_at"] = last_validated_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if last_event_at is not UNSET:
            field_dict["last_event_at"] = last_event_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_secrets import ChannelSecrets  # noqa: PLC0415
        from ..models.channel_settings import ChannelSettings  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        medium = MediumName(d.pop("medium"))

        name = d.pop("name")

        webhook_url = d.pop("webhook_url")

        settings = ChannelSettings.from_dict(d.pop("settings"))

        secrets = ChannelSecrets.from_dict(d.pop("secrets"))

        status = ChannelStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        verify_token = d.pop("verify_token", UNSET)

        _last_validated_at = d.pop("last_validated_at", UNSET)
        last_validated_at: datetime.datetime | Unset
        if isinstance(_last_validated_at, Unset):
            last_validated_at = UNSET
        else:
            last_validated_at = datetime.datetime.fromisoformat(_last_validated_at)

        last_error = d.pop("last_error", UNSET)

        _last_event_at = d.pop("last_event_at", UNSET)
        last_event_at: datetime.datetime | Unset
        if isinstance(_last_event_at, Unset):
            last_event_at = UNSET
        else:
            last_event_at = datetime.datetime.fromisoformat(_last_event_at)

        channel = cls(
            id=id,
            medium=medium,
            name=name,
            webhook_url=webhook_url,
            settings=settings,
            secrets=secrets,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            verify_token=verify_token,
            last_validated_at=last_validated_at,
            last_error=last_error,
            last_event_at=last_event_at,
        )

        channel.additional_properties = d
        return channel

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
