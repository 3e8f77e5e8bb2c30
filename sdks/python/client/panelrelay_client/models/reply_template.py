from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplyTemplate")


@_attrs_define
class ReplyTemplate:
    """A reply template.

    Attributes:
        key (str): The reply it words, e.g. `refill_requested`, `not_yours`, `help`.
        text (str): The text customers get: the workspace's, else the default.
        customized (bool): Whether the workspace replaced the default.
        variables (list[str]): The `{variables}` the text may use.
        default_text (str): The default English text.
        updated_at (datetime.datetime | Unset): When the workspace last set its text; absent for a default.
    """

    key: str
    text: str
    customized: bool
    variables: list[str]
    default_text: str
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        text = self.text

        customized = self.customized

        variables = self.variables

        default_text = self.default_text

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "text": text,
                "customized": customized,
                "variables": variables,
                "default_text": default_text,
            }
        )
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        text = d.pop("text")

        customized = d.pop("customized")

        variables = cast(list[str], d.pop("variables"))

        default_text = d.pop("default_text")

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        reply_template = cls(
            key=key,
            text=text,
            customized=customized,
            variables=variables,
            default_text=default_text,
            updated_at=updated_at,
        )

        reply_template.additional_properties = d
        return reply_template

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
