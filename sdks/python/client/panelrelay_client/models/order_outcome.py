from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason import Reason
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderOutcome")


@_attrs_define
class OrderOutcome:
    """What happened to one order of a command.

    Attributes:
        order_id (int): The panel order.
        action (str): `speed`, `cancel`, `refill`, `details`, ….
        reason (Reason): Why an order's request was forwarded or not.
        at (datetime.datetime | Unset): A time the reason refers to (e.g. when a cooldown ends).
        detail (str | Unset): A detail for operators.
    """

    order_id: int
    action: str
    reason: Reason
    at: datetime.datetime | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        action = self.action

        reason = self.reason.value

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "action": action,
                "reason": reason,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        action = d.pop("action")

        reason = Reason(d.pop("reason"))

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        detail = d.pop("detail", UNSET)

        order_outcome = cls(
            order_id=order_id,
            action=action,
            reason=reason,
            at=at,
            detail=detail,
        )

        order_outcome.additional_properties = d
        return order_outcome

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
