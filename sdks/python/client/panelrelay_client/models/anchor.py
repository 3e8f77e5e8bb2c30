from enum import StrEnum


class Anchor(StrEnum):
    CREATED = "created"
    FIRST_SEEN_COMPLETED = "first_seen_completed"
    LAST_UPDATE = "last_update"

    def __str__(self) -> str:
        return str(self.value)
