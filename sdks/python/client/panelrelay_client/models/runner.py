from enum import StrEnum


class Runner(StrEnum):
    MAINTENANCE = "maintenance"
    SENDER = "sender"
    WORKER = "worker"

    def __str__(self) -> str:
        return str(self.value)
