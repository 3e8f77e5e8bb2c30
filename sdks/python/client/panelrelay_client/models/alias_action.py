from enum import StrEnum


class AliasAction(StrEnum):
    BALANCE = "balance"
    CANCEL = "cancel"
    DETAILS = "details"
    HELP = "help"
    REFILL = "refill"
    SPEED = "speed"

    def __str__(self) -> str:
        return str(self.value)
