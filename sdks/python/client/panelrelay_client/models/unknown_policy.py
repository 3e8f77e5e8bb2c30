from enum import StrEnum


class UnknownPolicy(StrEnum):
    ALLOW = "allow"
    ASK_ADMIN = "ask_admin"
    DENY = "deny"

    def __str__(self) -> str:
        return str(self.value)
