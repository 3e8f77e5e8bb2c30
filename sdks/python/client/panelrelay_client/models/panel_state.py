from enum import StrEnum


class PanelState(StrEnum):
    ERROR = "error"
    NOT_CONNECTED = "not_connected"
    OK = "ok"
    UNTESTED = "untested"

    def __str__(self) -> str:
        return str(self.value)
