from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_outcome import WebhookOutcome

T = TypeVar("T", bound="WebhookReceipt")


@_attrs_define
class WebhookReceipt:
    """The answer to a delivery that was taken.

    Attributes:
        ok (bool): Always true.
        outcome (WebhookOutcome): What became of a webhook delivery.
    """

    ok: bool
    outcome: WebhookOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ok = d.pop("ok")

        outcome = WebhookOutcome(d.pop("outcome"))

        webhook_receipt = cls(
            ok=ok,
            outcome=outcome,
        )

        webhook_receipt.additional_properties = d
        return webhook_receipt

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
