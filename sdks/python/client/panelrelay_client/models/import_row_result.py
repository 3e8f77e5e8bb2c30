from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_row_error import ImportRowError
from ..models.import_row_status import ImportRowStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportRowResult")


@_attrs_define
class ImportRowResult:
    """The outcome of one row.

    Attributes:
        row (int): The row's number: 1 for the first JSON row or the first CSV line after the header.
        status (ImportRowStatus): What happened to a row.
        medium (str | Unset): The medium, when valid.
        identity (str | Unset): The identity as stored, when valid.
        username (str | Unset): The username, when valid.
        id (str | Unset): The link's id (created or existing); absent for errors and dry-run creations.
        code (ImportRowError | Unset): Why a row was not linked.
        message (str | Unset): A human-readable explanation of the error.
    """

    row: int
    status: ImportRowStatus
    medium: str | Unset = UNSET
    identity: str | Unset = UNSET
    username: str | Unset = UNSET
    id: str | Unset = UNSET
    code: ImportRowError | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        row = self.row

        status = self.status.value

        medium = self.medium

        identity = self.identity

        username = self.username

        id = self.id

        code: str | Unset = UNSET
        if not isinstance(self.code, Unset):
            code = self.code.value

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "row": row,
                "status": status,
            }
        )
        if medium is not UNSET:
            field_dict["medium"] = medium
        if identity is not UNSET:
            field_dict["identity"] = identity
        if username is not UNSET:
            field_dict["username"] = username
        if id is not UNSET:
            field_dict["id"] = id
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        row = d.pop("row")

        status = ImportRowStatus(d.pop("status"))

        medium = d.pop("medium", UNSET)

        identity = d.pop("identity", UNSET)

        username = d.pop("username", UNSET)

        id = d.pop("id", UNSET)

        _code = d.pop("code", UNSET)
        code: ImportRowError | Unset
        if isinstance(_code, Unset):
            code = UNSET
        else:
            code = ImportRowError(_code)

        message = d.pop("message", UNSET)

        import_row_result = cls(
            row=row,
            status=status,
            medium=medium,
            identity=identity,
            username=username,
            id=id,
            code=code,
            message=message,
        )

        import_row_result.additional_properties = d
        return import_row_result

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
