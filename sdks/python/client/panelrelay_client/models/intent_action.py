from enum import StrEnum


class IntentAction(StrEnum):
    CANCEL = "cancel"
    DETAILS = "details"
    OFF = "off"
    REFILL = "refill"
    SPEED = "speed"

    def __str__(self) -> str:
        return str(self.value)
