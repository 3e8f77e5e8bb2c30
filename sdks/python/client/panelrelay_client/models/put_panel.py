from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.panel_type import PanelType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PutPanel")


@_attrs_define
class PutPanel:
    """Connects (or reconnects) the workspace's panel.

    Example:
        {'api_key': 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'base_url': 'https://yourpanel.com', 'requests_per_second': 5,
            'timeout_seconds': 10, 'timezone': 'Asia/Kolkata', 'type': 'perfect_panel_v2'}

    Attributes:
        type_ (PanelType): The API a panel speaks.
        base_url (str): The panel's address, e.g. `https://yourpanel.com` (http or https).
        timezone (str | Unset): IANA timezone of the panel's dates, e.g. `Asia/Kolkata` (default `UTC`).
        api_key (str | Unset): The admin (or reseller) API key. Write-only: never returned. Required the first time;
            omit it to keep the stored key.
        requests_per_second (int | Unset): Requests per second panelrelay sends to the panel at most, 1-50 (default 5).
        timeout_seconds (int | Unset): Per-request timeout in seconds, 1-60 (default 10).
    """

    type_: PanelType
    base_url: str
    timezone: str | Unset = UNSET
    api_key: str | Unset = UNSET
    requests_per_second: int | Unset = UNSET
    timeout_seconds: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        base_url = self.base_url

        timezone = self.timezone

        api_key = self.api_key

        requests_per_second = self.requests_per_second

        timeout_seconds = self.timeout_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "base_url": base_url,
            }
        )
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if api_key is not UNSET:
            field_dict["api_key"] = api_key
        if requests_per_second is not UNSET:
            field_dict["requests_per_second"] = requests_per_second
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = PanelType(d.pop("type"))

        base_url = d.pop("base_url")

        timezone = d.pop("timezone", UNSET)

        api_key = d.pop("api_key", UNSET)

        requests_per_second = d.pop("requests_per_second", UNSET)

        timeout_seconds = d.pop("timeout_seconds", UNSET)

        put_panel = cls(
            type_=type_,
            base_url=base_url,
            timezone=timezone,
            api_key=api_key,
            requests_per_second=requests_per_second,
            timeout_seconds=timeout_seconds,
        )

        return put_panel
