from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateLinkedUser")


@_attrs_define
class UpdateLinkedUser:
    """Changes to a link.

    Attributes:
        username (str): The new panel username.
        verify_username (bool | Unset): Check first that the username exists on the panel (default false).
    """

    username: str
    verify_username: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        verify_username = self.verify_username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
            }
        )
        if verify_username is not UNSET:
            field_dict["verify_username"] = verify_username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        verify_username = d.pop("verify_username", UNSET)

        update_linked_user = cls(
            username=username,
            verify_username=verify_username,
        )

        update_linked_user.additional_properties = d
        return update_linked_user

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
