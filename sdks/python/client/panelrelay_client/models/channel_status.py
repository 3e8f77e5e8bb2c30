from enum import StrEnum


class ChannelStatus(StrEnum):
    ERROR = "error"
    OK = "ok"
    UNVALIDATED = "unvalidated"

    def __str__(self) -> str:
        return str(self.value)
