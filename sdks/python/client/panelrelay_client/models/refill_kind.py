from enum import StrEnum


class RefillKind(StrEnum):
    DAYS = "days"
    LIFETIME = "lifetime"
    NONE = "none"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
