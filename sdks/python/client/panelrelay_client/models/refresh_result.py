from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.services_source import ServicesSource

T = TypeVar("T", bound="RefreshResult")


@_attrs_define
class RefreshResult:
    """The result of a refresh.

    Attributes:
        services (int): Services read from the panel and stored.
        unknown_refill (int): How many have no refill policy in their name (`unknown`): candidates for an override.
        source (ServicesSource): Where a panel's service list comes from.
    """

    services: int
    unknown_refill: int
    source: ServicesSource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        services = self.services

        unknown_refill = self.unknown_refill

        source = self.source.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "services": services,
                "unknown_refill": unknown_refill,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        services = d.pop("services")

        unknown_refill = d.pop("unknown_refill")

        source = ServicesSource(d.pop("source"))

        refresh_result = cls(
            services=services,
            unknown_refill=unknown_refill,
            source=source,
        )

        refresh_result.additional_properties = d
        return refresh_result

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
