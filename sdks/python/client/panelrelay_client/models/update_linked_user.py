from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateLinkedUser")


@_attrs_define
class UpdateLinkedUser:
    """Changes to a link.

    Example:
        {'username': 'alice_smm'}

    Attributes:
        username (str): The new panel username.
        verify_username (bool | Unset): Check first that the username exists on the panel (default false).
    """

    username: str
    verify_username: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        verify_username = self.verify_username

        field_dict: dict[str, Any] = {}

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

        return update_linked_user
