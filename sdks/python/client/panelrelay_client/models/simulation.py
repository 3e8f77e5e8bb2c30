from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sender_kind import SenderKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parsed_command import ParsedCommand
    from ..models.planned_dispatch import PlannedDispatch
    from ..models.simulated_outcome import SimulatedOutcome


T = TypeVar("T", bound="Simulation")


@_attrs_define
class Simulation:
    """The simulation's result.

    Attributes:
        sender (SenderKind): Who the sender is to the workspace.
        dispatches (list[PlannedDispatch]): The messages that would go to providers' groups.
        outcomes (list[SimulatedOutcome]): One outcome per order id.
        username (str | Unset): The linked panel username.
        command (ParsedCommand | Unset): The command the text was read as.
        reply (str | Unset): The reply the customer would get; absent when the automation stays silent.
    """

    sender: SenderKind
    dispatches: list[PlannedDispatch]
    outcomes: list[SimulatedOutcome]
    username: str | Unset = UNSET
    command: ParsedCommand | Unset = UNSET
    reply: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender = self.sender.value

        dispatches = []
        for dispatches_item_data in self.dispatches:
            dispatches_item = dispatches_item_data.to_dict()
            dispatches.append(dispatches_item)

        outcomes = []
        for outcomes_item_data in self.outcomes:
            outcomes_item = outcomes_item_data.to_dict()
            outcomes.append(outcomes_item)

        username = self.username

        command: dict[str, Any] | Unset = UNSET
        if not isinstance(self.command, Unset):
            command = self.command.to_dict()

        reply = self.reply

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sender": sender,
                "dispatches": dispatches,
                "outcomes": outcomes,
            }
        )
        if username is not UNSET:
            field_dict["username"] = username
        if command is not UNSET:
            field_dict["command"] = command
        if reply is not UNSET:
            field_dict["reply"] = reply

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.parsed_command import ParsedCommand  # noqa: PLC0415
        from ..models.planned_dispatch import PlannedDispatch  # noqa: PLC0415
        from ..models.simulated_outcome import SimulatedOutcome  # noqa: PLC0415

        d = dict(src_dict)
        sender = SenderKind(d.pop("sender"))

        dispatches = []
        _dispatches = d.pop("dispatches")
        for dispatches_item_data in _dispatches:
            dispatches_item = PlannedDispatch.from_dict(dispatches_item_data)

            dispatches.append(dispatches_item)

        outcomes = []
        _outcomes = d.pop("outcomes")
        for outcomes_item_data in _outcomes:
            outcomes_item = SimulatedOutcome.from_dict(outcomes_item_data)

            outcomes.append(outcomes_item)

        username = d.pop("username", UNSET)

        _command = d.pop("command", UNSET)
        command: ParsedCommand | Unset
        if isinstance(_command, Unset):
            command = UNSET
        else:
            command = ParsedCommand.from_dict(_command)

        reply = d.pop("reply", UNSET)

        simulation = cls(
            sender=sender,
            dispatches=dispatches,
            outcomes=outcomes,
            username=username,
            command=command,
            reply=reply,
        )

        simulation.additional_properties = d
        return simulation

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
