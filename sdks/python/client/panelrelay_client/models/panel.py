from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.panel_type import PanelType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capabilities import Capabilities
    from ..models.last_test import LastTest


T = TypeVar("T", bound="Panel")


@_attrs_define
class Panel:
    """The workspace's panel connection. The key is never shown.

    Attributes:
        type_ (PanelType): The API a panel speaks.
        base_url (str): The panel's address.
        timezone (str): Timezone of the panel's dates.
        api_key_set (bool): Whether a key is stored.
        api_key_last4 (str): The key's last four characters.
        requests_per_second (int): Requests per second at most.
        timeout_seconds (int): Per-request timeout in seconds.
        capabilities (Capabilities): What a panel type can do.
        created_at (datetime.datetime): When it was first connected.
        updated_at (datetime.datetime): When it last changed.
        last_test (LastTest | Unset): The last connection test.
    """

    type_: PanelType
    base_url: str
    timezone: str
    api_key_set: bool
    api_key_last4: str
    requests_per_second: int
    timeout_seconds: int
    capabilities: Capabilities
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_test: LastTest | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        base_url = self.base_url

        timezone = self.timezone

        api_key_set = self.api_key_set

        api_key_last4 = self.api_key_last4

        requests_per_second = self.requests_per_second

        timeout_seconds = self.timeout_seconds

        capabilities = self.capabilities.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        last_test: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_test, Unset):
            last_test = self.last_test.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "base_url": base_url,
                "timezone": timezone,
                "api_key_set": api_key_set,
                "api_key_last4": api_key_last4,
                "requests_per_second": requests_per_second,
                "timeout_seconds": timeout_seconds,
                "capabilities": capabilities,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if last_test is not UNSET:
            field_dict["last_test"] = last_test

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.capabilities import Capabilities  # noqa: PLC0415
        from ..models.last_test import LastTest  # noqa: PLC0415

        d = dict(src_dict)
        type_ = PanelType(d.pop("type"))

        base_url = d.pop("base_url")

        timezone = d.pop("timezone")

        api_key_set = d.pop("api_key_set")

        api_key_last4 = d.pop("api_key_last4")

        requests_per_second = d.pop("requests_per_second")

        timeout_seconds = d.pop("timeout_seconds")

        capabilities = Capabilities.from_dict(d.pop("capabilities"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _last_test = d.pop("last_test", UNSET)
        last_test: LastTest | Unset
        if isinstance(_last_test, Unset):
            last_test = UNSET
        else:
            last_test = LastTest.from_dict(_last_test)

        panel = cls(
            type_=type_,
            base_url=base_url,
            timezone=timezone,
            api_key_set=api_key_set,
            api_key_last4=api_key_last4,
            requests_per_second=requests_per_second,
            timeout_seconds=timeout_seconds,
            capabilities=capabilities,
            created_at=created_at,
            updated_at=updated_at,
            last_test=last_test,
        )

        panel.additional_properties = d
        return panel

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
