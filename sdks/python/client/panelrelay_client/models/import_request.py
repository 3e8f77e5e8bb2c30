from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_row import ImportRow


T = TypeVar("T", bound="ImportRequest")


@_attrs_define
class ImportRequest:
    """Links to import as JSON.

    Example:
        {'dry_run': False, 'rows': [{'identity': '5234567890', 'medium': 'telegram', 'username': 'bob'}, {'identity':
            '+44 7700 900123', 'medium': 'whatsapp_greenapi', 'username': 'carol'}], 'verify_usernames': False}

    Attributes:
        rows (list[ImportRow]): At most 10,000 rows.
        verify_usernames (bool | Unset): Check every username on the panel first (default false).
        dry_run (bool | Unset): Report what would happen without linking anything (default false).
    """

    rows: list[ImportRow]
    verify_usernames: bool | Unset = UNSET
    dry_run: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        verify_usernames = self.verify_usernames

        dry_run = self.dry_run

        field_dict: dict[str, Any] = {}

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

        return import_request
