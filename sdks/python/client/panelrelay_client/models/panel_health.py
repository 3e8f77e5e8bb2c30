from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.panel_state import PanelState
from ..types import UNSET, Unset

T = TypeVar("T", bound="PanelHealth")


@_attrs_define
class PanelHealth:
    """The panel connection.

    Attributes:
        status (PanelState): The panel connection's state.
        kind (str | Unset): The panel's API flavour, when connected.
        last_test_at (datetime.datetime | Unset): When the connection was last tested.
        last_test_summary (str | Unset): The last test's diagnosis.
    """

    status: PanelState
    kind: str | Unset = UNSET
    last_test_at: datetime.datetime | Unset = UNSET
    last_test_summary: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        kind = self.kind

        last_test_at: str | Unset = UNSET
        if not isinstance(self.last_test_at, Unset):
            last_test_at = self.last_test_at.isoformat()

        last_test_summary = self.last_test_summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if last_test_at is not UNSET:
            field_dict["last_test_at"] = last_test_at
        if last_test_summary is not UNSET:
            field_dict["last_test_summary"] = last_test_summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = PanelState(d.pop("status"))

        kind = d.pop("kind", UNSET)

        _last_test_at = d.pop("last_test_at", UNSET)
        last_test_at: datetime.datetime | Unset
        if isinstance(_last_test_at, Unset):
            last_test_at = UNSET
        else:
            last_test_at = datetime.datetime.fromisoformat(_last_test_at)

        last_test_summary = d.pop("last_test_summary", UNSET)

        panel_health = cls(
            status=status,
            kind=kind,
            last_test_at=last_test_at,
            last_test_summary=last_test_summary,
        )

        panel_health.additional_properties = d
        return panel_health

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
