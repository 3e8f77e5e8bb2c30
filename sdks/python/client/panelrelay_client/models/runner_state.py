from enum import StrEnum


class RunnerState(StrEnum):
    NEVER_SEEN = "never_seen"
    RUNNING = "running"
    STALE = "stale"

    def __str__(self) -> str:
        return str(self.value)
