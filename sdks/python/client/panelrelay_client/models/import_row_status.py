from enum import StrEnum


class ImportRowStatus(StrEnum):
    CREATED = "created"
    ERROR = "error"
    UNCHANGED = "unchanged"

    def __str__(self) -> str:
        return str(self.value)
