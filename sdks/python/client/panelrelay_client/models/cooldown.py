from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.forwarded_action import ForwardedAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="Cooldown")


@_attrs_define
class Cooldown:
    """A cooldown.

    Attributes:
        order_id (int): The panel order.
        action (ForwardedAction): An action forwarded to a provider group.
        until (datetime.datetime): When the customer may ask again.
        command_id (str | Unset): The command that claimed it (absent when the log does not know it).
        claimed_at (datetime.datetime | Unset): When it was claimed (absent when the log does not know it).
        cleared_at (datetime.datetime | Unset): When it was cleared (only in the answer to a clear).
    """

    order_id: int
    action: ForwardedAction
    until: datetime.datetime
    command_id: str | Unset = UNSET
    claimed_at: datetime.datetime | Unset = UNSET
    cleared_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        action = self.action.value

        until = self.until.isoformat()

        command_id = self.command_id

        claimed_at: str | Unset = UNSET
        if not isinstance(self.claimed_at, Unset):
            claimed_at = self.claimed_at.isoformat()

        cleared_at: str | Unset = UNSET
        if not isinstance(self.cleared_at, Unset):
            cleared_at = self.cleared_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "action": action,
                "until": until,
            }
        )
        if command_id is not UNSET:
            field_dict["command_id"] = command_id
        if claimed_at is not UNSET:
            field_dict["claimed_at"] = claimed_at
        if cleared_at is not UNSET:
            field_dict["cleared_at"] = cleared_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        action = ForwardedAction(d.pop("action"))

        until = datetime.datetime.fromisoformat(d.pop("until"))

        command_id = d.pop("command_id", UNSET)

        _claimed_at = d.pop("claimed_at", UNSET)
        claimed_at: datetime.datetime | Unset
        if isinstance(_claimed_at, Unset):
            claimed_at = UNSET
        else:
            claimed_at = datetime.datetime.fromisoformat(_claimed_at)

        _cleared_at = d.pop("cleared_at", UNSET)
        cleared_at: datetime.datetime | Unset
        if isinstance(_cleared_at, Unset):
            cleared_at = UNSET
        else:
            cleared_at = datetime.datetime.fromisoformat(_cleared_at)

        cooldown = cls(
            order_id=order_id,
            action=action,
            until=until,
            command_id=command_id,
            claimed_at=claimed_at,
            cleared_at=cleared_at,
        )

        cooldown.additional_properties = d
        return cooldown

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
