from enum import StrEnum


class OutgoingKind(StrEnum):
    DISPATCH = "dispatch"
    REPLY = "reply"

    def __str__(self) -> str:
        return str(self.value)
