from enum import StrEnum


class ForwardedAction(StrEnum):
    CANCEL = "cancel"
    REFILL = "refill"
    SPEED = "speed"

    def __str__(self) -> str:
        return str(self.value)
