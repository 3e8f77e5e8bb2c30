from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportRow")


@_attrs_define
class ImportRow:
    """One link to import.

    Attributes:
        medium (str | Unset): `telegram`, `whatsapp_greenapi` or `whatsapp_meta`.
        identity (str | Unset): The chat identity, in any usual spelling.
        username (str | Unset): The panel username.
    """

    medium: str | Unset = UNSET
    identity: str | Unset = UNSET
    username: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        medium = self.medium

        identity = self.identity

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if medium is not UNSET:
            field_dict["medium"] = medium
        if identity is not UNSET:
            field_dict["identity"] = identity
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        medium = d.pop("medium", UNSET)

        identity = d.pop("identity", UNSET)

        username = d.pop("username", UNSET)

        import_row = cls(
            medium=medium,
            identity=identity,
            username=username,
        )

        return import_row
