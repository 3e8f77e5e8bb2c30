from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_row_result import ImportRowResult


T = TypeVar("T", bound="ImportReport")


@_attrs_define
class ImportReport:
    """The report of an import.

    Attributes:
        dry_run (bool): Whether nothing was written.
        total (int): Rows read.
        created (int): Rows linked (or that would be, in a dry run).
        unchanged (int): Rows already linked to the same username.
        errors (int): Rows refused.
        rows (list[ImportRowResult]): One result per row, in order.
    """

    dry_run: bool
    total: int
    created: int
    unchanged: int
    errors: int
    rows: list[ImportRowResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dry_run = self.dry_run

        total = self.total

        created = self.created

        unchanged = self.unchanged

        errors = self.errors

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dry_run": dry_run,
                "total": total,
                "created": created,
                "unchanged": unchanged,
                "errors": errors,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_row_result import ImportRowResult  # noqa: PLC0415

        d = dict(src_dict)
        dry_run = d.pop("dry_run")

        total = d.pop("total")

        created = d.pop("created")

        unchanged = d.pop("unchanged")

        errors = d.pop("errors")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ImportRowResult.from_dict(rows_item_data)

            rows.append(rows_item)

        import_report = cls(
            dry_run=dry_run,
            total=total,
            created=created,
            unchanged=unchanged,
            errors=errors,
            rows=rows,
        )

        import_report.additional_properties = d
        return import_report

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
