from enum import StrEnum


class RulesMode(StrEnum):
    ADVANCED = "advanced"
    QUICK = "quick"

    def __str__(self) -> str:
        return str(self.value)
