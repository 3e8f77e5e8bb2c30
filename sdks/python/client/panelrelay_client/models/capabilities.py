from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.services_source import ServicesSource

T = TypeVar("T", bound="Capabilities")


@_attrs_define
class Capabilities:
    """What a panel type can do.

    Attributes:
        order_lookup (bool): Orders can be looked up by id.
        ownership (bool): Orders carry their owner's username (ownership checks work).
        external_ids (bool): Orders carry the provider and its order id (forwarding works).
        users (bool): Users can be looked up by username.
        balance (bool): User balances are available.
        services (ServicesSource): Where a panel's service list comes from.
        tickets_list (bool): Tickets can be listed.
        tickets_get (bool): A ticket can be read.
        tickets_reply (bool): Tickets can be answered.
        tickets_open (bool): Tickets can be opened in a customer's account (self-service linking codes).
        orders_per_call (int): Order ids per panel call.
    """

    order_lookup: bool
    ownership: bool
    external_ids: bool
    users: bool
    balance: bool
    services: ServicesSource
    tickets_list: bool
    tickets_get: bool
    tickets_reply: bool
    tickets_open: bool
    orders_per_call: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_lookup = self.order_lookup

        ownership = self.ownership

        external_ids = self.external_ids

        users = self.users

        balance = self.balance

        services = self.services.value

        tickets_list = self.tickets_list

        tickets_get = self.tickets_get

        tickets_reply = self.tickets_reply

        tickets_open = self.tickets_open

        orders_per_call = self.orders_per_call

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_lookup": order_lookup,
                "ownership": ownership,
                "external_ids": external_ids,
                "users": users,
                "balance": balance,
                "services": services,
                "tickets_list": tickets_list,
                "tickets_get": tickets_get,
                "tickets_reply": tickets_reply,
                "tickets_open": tickets_open,
                "orders_per_call": orders_per_call,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_lookup = d.pop("order_lookup")

        ownership = d.pop("ownership")

        external_ids = d.pop("external_ids")

        users = d.pop("users")

        balance = d.pop("balance")

        services = ServicesSource(d.pop("services"))

        tickets_list = d.pop("tickets_list")

        tickets_get = d.pop("tickets_get")

        tickets_reply = d.pop("tickets_reply")

        tickets_open = d.pop("tickets_open")

        orders_per_call = d.pop("orders_per_call")

        capabilities = cls(
            order_lookup=order_lookup,
            ownership=ownership,
            external_ids=external_ids,
            users=users,
            balance=balance,
            services=services,
            tickets_list=tickets_list,
            tickets_get=tickets_get,
            tickets_reply=tickets_reply,
            tickets_open=tickets_open,
            orders_per_call=orders_per_call,
        )

        capabilities.additional_properties = d
        return capabilities

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
