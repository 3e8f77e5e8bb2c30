from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule import Rule


T = TypeVar("T", bound="ServiceRuleView")


@_attrs_define
class ServiceRuleView:
    """A panel service and its rule.

    Attributes:
        service_id (str): The panel's service id.
        name (str): The service name as last seen on the panel.
        parsed (Rule): A refill policy and start window. Example: {'refill': 'days', 'refill_days': 30,
            'start_max_minutes': 1440, 'start_min_minutes': 0}.
        effective (Rule): A refill policy and start window. Example: {'refill': 'days', 'refill_days': 30,
            'start_max_minutes': 1440, 'start_min_minutes': 0}.
        refreshed_at (datetime.datetime): When the name was last refreshed from the panel.
        updated_at (datetime.datetime): When this row last changed.
        category (str | Unset): The category, where the panel reports one.
        override (Rule | Unset): A refill policy and start window. Example: {'refill': 'days', 'refill_days': 30,
            'start_max_minutes': 1440, 'start_min_minutes': 0}.
    """

    service_id: str
    name: str
    parsed: Rule
    effective: Rule
    refreshed_at: datetime.datetime
    updated_at: datetime.datetime
    category: str | Unset = UNSET
    override: Rule | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        service_id = self.service_id

        name = self.name

        parsed = self.parsed.to_dict()

        effective = self.effective.to_dict()

        refreshed_at = self.refreshed_at.isoformat()

        updated_at = self.updated_at.isoformat()

        category = self.category

        override: dict[str, Any] | Unset = UNSET
        if not isinstance(self.override, Unset):
            override = self.override.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service_id": service_id,
                "name": name,
                "parsed": parsed,
                "effective": effective,
                "refreshed_at": refreshed_at,
                "updated_at": updated_at,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if override is not UNSET:
            field_dict["override"] = override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule import Rule  # noqa: PLC0415

        d = dict(src_dict)
        service_id = d.pop("service_id")

        name = d.pop("name")

        parsed = Rule.from_dict(d.pop("parsed"))

        effective = Rule.from_dict(d.pop("effective"))

        refreshed_at = datetime.datetime.fromisoformat(d.pop("refreshed_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        category = d.pop("category", UNSET)

        _override = d.pop("override", UNSET)
        override: Rule | Unset
        if isinstance(_override, Unset):
            override = UNSET
        else:
            override = Rule.from_dict(_override)

        service_rule_view = cls(
            service_id=service_id,
            name=name,
            parsed=parsed,
            effective=effective,
            refreshed_at=refreshed_at,
            updated_at=updated_at,
            category=category,
            override=override,
        )

        service_rule_view.additional_properties = d
        return service_rule_view

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
