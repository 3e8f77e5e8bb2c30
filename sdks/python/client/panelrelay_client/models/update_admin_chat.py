from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateAdminChat")


@_attrs_define
class UpdateAdminChat:
    """Changes to an admin chat; absent fields keep their value.

    Example:
        {'dispatch_any_order': False, 'name': 'Support team (night shift)', 'reply_in_groups': True}

    Attributes:
        name (str | Unset): A label.
        view_any_order (bool | Unset): Details of any order.
        dispatch_any_order (bool | Unset): Speed, refill and cancel for any order.
        reply_in_groups (bool | Unset): Replies in groups despite group silence.
    """

    name: str | Unset = UNSET
    view_any_order: bool | Unset = UNSET
    dispatch_any_order: bool | Unset = UNSET
    reply_in_groups: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        view_any_order = self.view_any_order

        dispatch_any_order = self.dispatch_any_order

        reply_in_groups = self.reply_in_groups

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if view_any_order is not UNSET:
            field_dict["view_any_order"] = view_any_order
        if dispatch_any_order is not UNSET:
            field_dict["dispatch_any_order"] = dispatch_any_order
        if reply_in_groups is not UNSET:
            field_dict["reply_in_groups"] = reply_in_groups

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        view_any_order = d.pop("view_any_order", UNSET)

        dispatch_any_order = d.pop("dispatch_any_order", UNSET)

        reply_in_groups = d.pop("reply_in_groups", UNSET)

        update_admin_chat = cls(
            name=name,
            view_any_order=view_any_order,
            dispatch_any_order=dispatch_any_order,
            reply_in_groups=reply_in_groups,
        )

        return update_admin_chat
