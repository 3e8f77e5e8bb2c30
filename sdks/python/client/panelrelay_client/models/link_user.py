from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.medium_name import MediumName
from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkUser")


@_attrs_define
class LinkUser:
    """A new link.

    Example:
        {'identity': '5123456789', 'medium': 'telegram', 'username': 'alice'}

    Attributes:
        medium (MediumName): A messaging medium.
        identity (str): The chat identity, in any usual spelling: `+7 900 123-45-67`, `79001234567` and
            `79001234567@c.us` are the same Green API identity.
        username (str): The panel username.
        verify_username (bool | Unset): Check first that the username exists on the panel (default false).
    """

    medium: MediumName
    identity: str
    username: str
    verify_username: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        medium = self.medium.value

        identity = self.identity

        username = self.username

        verify_username = self.verify_username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "medium": medium,
                "identity": identity,
                "username": username,
            }
        )
        if verify_username is not UNSET:
            field_dict["verify_username"] = verify_username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        medium = MediumName(d.pop("medium"))

        identity = d.pop("identity")

        username = d.pop("username")

        verify_username = d.pop("verify_username", UNSET)

        link_user = cls(
            medium=medium,
            identity=identity,
            username=username,
            verify_username=verify_username,
        )

        return link_user
