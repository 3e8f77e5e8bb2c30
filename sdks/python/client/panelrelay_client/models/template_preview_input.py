from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.template_preview_input_values import TemplatePreviewInputValues


T = TypeVar("T", bound="TemplatePreviewInput")


@_attrs_define
class TemplatePreviewInput:
    """What to preview.

    Example:
        {'key': 'refill_requested', 'text': 'Refill requested for order {order_id} ({service}).', 'values': {'order_id':
            '2274209'}}

    Attributes:
        key (str): The reply key.
        text (str | Unset): A draft text; absent to preview the current text.
        values (TemplatePreviewInputValues | Unset): Values to use instead of the sample ones, by variable name.
    """

    key: str
    text: str | Unset = UNSET
    values: TemplatePreviewInputValues | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        text = self.text

        values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_preview_input_values import TemplatePreviewInputValues  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        text = d.pop("text", UNSET)

        _values = d.pop("values", UNSET)
        values: TemplatePreviewInputValues | Unset
        if isinstance(_values, Unset):
            values = UNSET
        else:
            values = TemplatePreviewInputValues.from_dict(_values)

        template_preview_input = cls(
            key=key,
            text=text,
            values=values,
        )

        return template_preview_input
