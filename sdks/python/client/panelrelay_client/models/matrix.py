from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.cells import Cells


T = TypeVar("T", bound="Matrix")


@_attrs_define
class Matrix:
    """The status × action matrix. Defaults: speed and cancel while pending, in progress or
    processing (speed only after the start window); refill only when completed.

        Attributes:
            pending (Cells): What one order status allows.
            in_progress (Cells): What one order status allows.
            processing (Cells): What one order status allows.
            completed (Cells): What one order status allows.
            partial (Cells): What one order status allows.
            canceled (Cells): What one order status allows.
            failed (Cells): What one order status allows.
            refunded (Cells): What one order status allows.
            unknown (Cells): What one order status allows.
    """

    pending: Cells
    in_progress: Cells
    processing: Cells
    completed: Cells
    partial: Cells
    canceled: Cells
    failed: Cells
    refunded: Cells
    unknown: Cells

    def to_dict(self) -> dict[str, Any]:
        pending = self.pending.to_dict()

        in_progress = self.in_progress.to_dict()

        processing = self.processing.to_dict()

        completed = self.completed.to_dict()

        partial = self.partial.to_dict()

        canceled = self.canceled.to_dict()

        failed = self.failed.to_dict()

        refunded = self.refunded.to_dict()

        unknown = self.unknown.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pending": pending,
                "in_progress": in_progress,
                "processing": processing,
                "completed": completed,
                "partial": partial,
                "canceled": canceled,
                "failed": failed,
                "refunded": refunded,
                "unknown": unknown,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cells import Cells  # noqa: PLC0415

        d = dict(src_dict)
        pending = Cells.from_dict(d.pop("pending"))

        in_progress = Cells.from_dict(d.pop("in_progress"))

        processing = Cells.from_dict(d.pop("processing"))

        completed = Cells.from_dict(d.pop("completed"))

        partial = Cells.from_dict(d.pop("partial"))

        canceled = Cells.from_dict(d.pop("canceled"))

        failed = Cells.from_dict(d.pop("failed"))

        refunded = Cells.from_dict(d.pop("refunded"))

        unknown = Cells.from_dict(d.pop("unknown"))

        matrix = cls(
            pending=pending,
            in_progress=in_progress,
            processing=processing,
            completed=completed,
            partial=partial,
            canceled=canceled,
            failed=failed,
            refunded=refunded,
            unknown=unknown,
        )

        return matrix
