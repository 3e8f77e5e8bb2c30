from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capabilities import Capabilities


T = TypeVar("T", bound="PanelTest")


@_attrs_define
class PanelTest:
    """The result of `POST /v1/panel/test`.

    Attributes:
        ok (bool): Reachable and authenticated.
        reachable (bool): The panel answered at the HTTP level.
        authenticated (bool): The key was accepted.
        latency_ms (int): Round trip of the probe in milliseconds.
        summary (str): What works and what to do, in plain words.
        capabilities (Capabilities): What a panel type can do.
        error_code (str | Unset): A machine code for the failure (`panel_timeout`, `panel_bad_key`,
            `panel_challenge_page`, …), absent on success.
    """

    ok: bool
    reachable: bool
    authenticated: bool
    latency_ms: int
    summary: str
    capabilities: Capabilities
    error_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        reachable = self.reachable

        authenticated = self.authenticated

        latency_ms = self.latency_ms

        summary = self.summary

        capabilities = self.capabilities.to_dict()

        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "reachable": reachable,
                "authenticated": authenticated,
                "latency_ms": latency_ms,
                "summary": summary,
                "capabilities": capabilities,
            }
        )
        if error_code is not UNSET:
            field_dict["error_code"] = error_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.capabilities import Capabilities  # noqa: PLC0415

        d = dict(src_dict)
        ok = d.pop("ok")

        reachable = d.pop("reachable")

        authenticated = d.pop("authenticated")

        latency_ms = d.pop("latency_ms")

        summary = d.pop("summary")

        capabilities = Capabilities.from_dict(d.pop("capabilities"))

        error_code = d.pop("error_code", UNSET)

        panel_test = cls(
            ok=ok,
            reachable=reachable,
            authenticated=authenticated,
            latency_ms=latency_ms,
            summary=summary,
            capabilities=capabilities,
            error_code=error_code,
        )

        panel_test.additional_properties = d
        return panel_test

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
