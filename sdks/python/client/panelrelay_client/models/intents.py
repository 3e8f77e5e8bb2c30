from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.intent_action import IntentAction

T = TypeVar("T", bound="Intents")


@_attrs_define
class Intents:
    """How messages that name no action but say what is wrong, with order ids, are read.
    Defaults: not started → speed, where is → details, dropped → refill, wrong link →
    cancel.

        Attributes:
            not_started (IntentAction): What an intent phrase stands for.
            where_is (IntentAction): What an intent phrase stands for.
            dropped (IntentAction): What an intent phrase stands for.
            wrong_link (IntentAction): What an intent phrase stands for.
    """

    not_started: IntentAction
    where_is: IntentAction
    dropped: IntentAction
    wrong_link: IntentAction

    def to_dict(self) -> dict[str, Any]:
        not_started = self.not_started.value

        where_is = self.where_is.value

        dropped = self.dropped.value

        wrong_link = self.wrong_link.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "not_started": not_started,
                "where_is": where_is,
                "dropped": dropped,
                "wrong_link": wrong_link,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        not_started = IntentAction(d.pop("not_started"))

        where_is = IntentAction(d.pop("where_is"))

        dropped = IntentAction(d.pop("dropped"))

        wrong_link = IntentAction(d.pop("wrong_link"))

        intents = cls(
            not_started=not_started,
            where_is=where_is,
            dropped=dropped,
            wrong_link=wrong_link,
        )

        return intents
