from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.database_kind import DatabaseKind
from ..models.key_value_kind import KeyValueKind
from ..models.ready import Ready

T = TypeVar("T", bound="Readiness")


@_attrs_define
class Readiness:
    """Readiness details.

    Attributes:
        status (Ready): The readiness answer.
        database (DatabaseKind): The database in use.
        key_value (KeyValueKind): The key-value store in use.
    """

    status: Ready
    database: DatabaseKind
    key_value: KeyValueKind
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        database = self.database.value

        key_value = self.key_value.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "database": database,
                "key_value": key_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = Ready(d.pop("status"))

        database = DatabaseKind(d.pop("database"))

        key_value = KeyValueKind(d.pop("key_value"))

        readiness = cls(
            status=status,
            database=database,
            key_value=key_value,
        )

        readiness.additional_properties = d
        return readiness

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
