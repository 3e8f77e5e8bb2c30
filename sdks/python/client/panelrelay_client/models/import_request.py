from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_row import ImportRow


T = TypeVar("T", bound="ImportRequest")


@_attrs_define
class ImportRequest:
    """Links to import as JSON.

    Attributes:
        rows (list[ImportRow]): At most 10,000 rows.
        verify_usernames (bool | Unset): Check every username on the panel first (default false).
        dry_run (bool | Unset): Report what would happen without linking anything (default false).
    """

    rows: list[ImportRow]
    verify_usernames: bool | Unset = UNSET
    dry_run: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        verify_usernames = self.verify_usernames

        dry_run = self.dry_run

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rows": rows,
            }
        )
        if verify_usernames is not UNSET:
            field_dict["verify_usernames"] = verify_usernames
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_row import ImportRow  # noqa: PLC0415

        d = dict(src_dict)
        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ImportRow.from_dict(rows_item_data)

            rows.append(rows_item)

        verify_usernames = d.pop("verify_usernames", UNSET)

        dry_run = d.pop("dry_run", UNSET)

        import_request = cls(
            rows=rows,
            verify_usernames=verify_usernames,
            dry_run=dry_run,
        )

        import_request.additional_properties = d
        return import_request

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
