from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.medium_name import MediumName
from ..types import UNSET, Unset

T = TypeVar("T", bound="AddAdminChat")


@_attrs_define
class AddAdminChat:
    """A new admin chat. Permissions default to `view_any_order` and `dispatch_any_order`
    true, `reply_in_groups` false.

        Example:
            {'dispatch_any_order': True, 'identity': '-1009876543210', 'medium': 'telegram', 'name': 'Support team',
                'view_any_order': True}

        Attributes:
            medium (MediumName): A messaging medium.
            identity (str): The chat identity.
            name (str): A label.
            view_any_order (bool | Unset): Details of any order (default true).
            dispatch_any_order (bool | Unset): Speed, refill and cancel for any order (default true).
            reply_in_groups (bool | Unset): Replies in groups despite group silence (default false).
    """

    medium: MediumName
    identity: str
    name: str
    view_any_order: bool | Unset = UNSET
    dispatch_any_order: bool | Unset = UNSET
    reply_in_groups: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        medium = self.medium.value

        identity = self.identity

        name = self.name

        view_any_order = self.view_any_order

        dispatch_any_order = self.dispatch_any_order

        reply_in_groups = self.reply_in_groups

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "medium": medium,
                "identity": identity,
                "name": name,
            }
        )
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
        medium = MediumName(d.pop("medium"))

        identity = d.pop("identity")

        name = d.pop("name")

        view_any_order = d.pop("view_any_order", UNSET)

        dispatch_any_order = d.pop("dispatch_any_order", UNSET)

        reply_in_groups = d.pop("reply_in_groups", UNSET)

        add_admin_chat = cls(
            medium=medium,
            identity=identity,
            name=name,
            view_any_order=view_any_order,
            dispatch_any_order=dispatch_any_order,
            reply_in_groups=reply_in_groups,
        )

        return add_admin_chat
