from enum import StrEnum


class ServicesSource(StrEnum):
    CATALOGUE = "catalogue"
    NONE = "none"
    RECENT_ORDERS = "recent_orders"

    def __str__(self) -> str:
        return str(self.value)
