from enum import StrEnum


class SenderKind(StrEnum):
    ADMIN = "admin"
    LINKED = "linked"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
