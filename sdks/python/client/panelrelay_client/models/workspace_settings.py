from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.anchor import Anchor
from ..models.rules_mode import RulesMode
from ..models.unknown_policy import UnknownPolicy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cooldowns import Cooldowns
    from ..models.intents import Intents
    from ..models.matrix import Matrix


T = TypeVar("T", bound="WorkspaceSettings")


@_attrs_define
class WorkspaceSettings:
    """A workspace's settings. `PUT` replaces them whole: read, change, write back.

    Example:
        {'compact_threshold': 5, 'cooldowns': {'cancel_seconds': 43200, 'refill_seconds': 43200, 'speed_seconds':
            43200}, 'intents': {'dropped': 'refill', 'not_started': 'speed', 'where_is': 'details', 'wrong_link': 'cancel'},
            'log_retention_days': 30, 'max_order_ids': 100, 'min_order_id_digits': 4, 'refill_anchor': 'created',
            'rules_mode': 'quick', 'silent_in_groups': True, 'status_matrix': {'canceled': {'cancel': False, 'refill':
            False, 'speed': False}, 'completed': {'cancel': False, 'refill': True, 'speed': False}, 'failed': {'cancel':
            False, 'refill': False, 'speed': False}, 'in_progress': {'cancel': True, 'refill': False, 'speed': True},
            'partial': {'cancel': False, 'refill': False, 'speed': False}, 'pending': {'cancel': True, 'refill': False,
            'speed': True}, 'processing': {'cancel': True, 'refill': False, 'speed': True}, 'refunded': {'cancel': False,
            'refill': False, 'speed': False}, 'unknown': {'cancel': False, 'refill': False, 'speed': False}},
            'unknown_refill_policy': 'deny'}

    Attributes:
        cooldowns (Cooldowns): Cooldowns per action, in seconds (0 turns one off).
        status_matrix (Matrix): The status × action matrix. Defaults: speed and cancel while pending, in progress or
            processing (speed only after the start window); refill only when completed.
        refill_anchor (Anchor): When a refill window starts.
        unknown_refill_policy (UnknownPolicy): What to do with a refill whose policy is unknown.
        max_order_ids (int): The most order ids one message may carry (1-500).
        compact_threshold (int): Above this many orders, replies become a compact summary (1-100).
        silent_in_groups (bool): Stay silent in groups unless a message is a valid command.
        rules_mode (RulesMode): Which service rules the engine applies.
        log_retention_days (int): Days logs are kept (1-365).
        lifetime_days (int | Unset): How many days "lifetime" refill means; absent = unlimited.
        min_order_id_digits (int | Unset): The fewest digits of an order id (1-12, default 4): shorter numbers in a
            message
            (`2 days`, `500 rs`) are never ids. Lower it while the panel's order ids are short.
            Absent in a `PUT`: unchanged.
        intents (Intents | Unset): How messages that name no action but say what is wrong, with order ids, are read.
            Defaults: not started → speed, where is → details, dropped → refill, wrong link →
            cancel.
    """

    cooldowns: Cooldowns
    status_matrix: Matrix
    refill_anchor: Anchor
    unknown_refill_policy: UnknownPolicy
    max_order_ids: int
    compact_threshold: int
    silent_in_groups: bool
    rules_mode: RulesMode
    log_retention_days: int
    lifetime_days: int | Unset = UNSET
    min_order_id_digits: int | Unset = UNSET
    intents: Intents | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cooldowns = self.cooldowns.to_dict()

        status_matrix = self.status_matrix.to_dict()

        refill_anchor = self.refill_anchor.value

        unknown_refill_policy = self.unknown_refill_policy.value

        max_order_ids = self.max_order_ids

        compact_threshold = self.compact_threshold

        silent_in_groups = self.silent_in_groups

        rules_mode = self.rules_mode.value

        log_retention_days = self.log_retention_days

        lifetime_days = self.lifetime_days

        min_order_id_digits = self.min_order_id_digits

        intents: dict[str, Any] | Unset = UNSET
        if not isinstance(self.intents, Unset):
            intents = self.intents.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cooldowns": cooldowns,
                "status_matrix": status_matrix,
                "refill_anchor": refill_anchor,
                "unknown_refill_policy": unknown_refill_policy,
                "max_order_ids": max_order_ids,
                "compact_threshold": compact_threshold,
                "silent_in_groups": silent_in_groups,
                "rules_mode": rules_mode,
                "log_retention_days": log_retention_days,
            }
        )
        if lifetime_days is not UNSET:
            field_dict["lifetime_days"] = lifetime_days
        if min_order_id_digits is not UNSET:
            field_dict["min_order_id_digits"] = min_order_id_digits
        if intents is not UNSET:
            field_dict["intents"] = intents

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cooldowns import Cooldowns  # noqa: PLC0415
        from ..models.intents import Intents  # noqa: PLC0415
        from ..models.matrix import Matrix  # noqa: PLC0415

        d = dict(src_dict)
        cooldowns = Cooldowns.from_dict(d.pop("cooldowns"))

        status_matrix = Matrix.from_dict(d.pop("status_matrix"))

        refill_anchor = Anchor(d.pop("refill_anchor"))

        unknown_refill_policy = UnknownPolicy(d.pop("unknown_refill_policy"))

        max_order_ids = d.pop("max_order_ids")

        compact_threshold = d.pop("compact_threshold")

        silent_in_groups = d.pop("silent_in_groups")

        rules_mode = RulesMode(d.pop("rules_mode"))

        log_retention_days = d.pop("log_retention_days")

        lifetime_days = d.pop("lifetime_days", UNSET)

        min_order_id_digits = d.pop("min_order_id_digits", UNSET)

        _intents = d.pop("intents", UNSET)
        intents: Intents | Unset
        if isinstance(_intents, Unset):
            intents = UNSET
        else:
            intents = Intents.from_dict(_intents)

        workspace_settings = cls(
            cooldowns=cooldowns,
            status_matrix=status_matrix,
            refill_anchor=refill_anchor,
            unknown_refill_policy=unknown_refill_policy,
            max_order_ids=max_order_ids,
            compact_threshold=compact_threshold,
            silent_in_groups=silent_in_groups,
            rules_mode=rules_mode,
            log_retention_days=log_retention_days,
            lifetime_days=lifetime_days,
            min_order_id_digits=min_order_id_digits,
            intents=intents,
        )

        return workspace_settings
