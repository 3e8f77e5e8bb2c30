from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplyTemplateInput")


@_attrs_define
class ReplyTemplateInput:
    """A workspace's text for a key.

    Example:
        {'text': 'Refill requested for order {order_id} ({service}). We will update you soon.'}

    Attributes:
        text (str): The text, at most 4000 characters. `{name}` inserts a variable of the key; `{{` and
            `}}` are literal braces.
    """

    text: str

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        reply_template_input = cls(
            text=text,
        )

        return reply_template_input
