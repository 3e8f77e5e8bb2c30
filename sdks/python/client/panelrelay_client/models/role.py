from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    OWNER = "owner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
