from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.template_preview_values import TemplatePreviewValues


T = TypeVar("T", bound="TemplatePreview")


@_attrs_define
class TemplatePreview:
    """A rendered preview.

    Attributes:
        key (str): The reply key.
        text (str): The text rendered.
        rendered (str): The reply as a customer would read it.
        values (TemplatePreviewValues): The value used for each variable of the key.
    """

    key: str
    text: str
    rendered: str
    values: TemplatePreviewValues
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        text = self.text

        rendered = self.rendered

        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "text": text,
                "rendered": rendered,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_preview_values import TemplatePreviewValues  # noqa: PLC0415

        d = dict(src_dict)
        key = d.pop("key")

        text = d.pop("text")

        rendered = d.pop("rendered")

        values = TemplatePreviewValues.from_dict(d.pop("values"))

        template_preview = cls(
            key=key,
            text=text,
            rendered=rendered,
            values=values,
        )

        template_preview.additional_properties = d
        return template_preview

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
