from enum import StrEnum


class Reason(StrEnum):
    ACCEPTED = "accepted"
    IN_COOLDOWN = "in_cooldown"
    NEEDS_ADMIN = "needs_admin"
    NOT_FOUND = "not_found"
    NOT_PERMITTED = "not_permitted"
    NOT_YOURS = "not_yours"
    PANEL_UNAVAILABLE = "panel_unavailable"
    PROVIDER_MISSING = "provider_missing"
    REFILL_NOT_OFFERED = "refill_not_offered"
    REFILL_POLICY_UNKNOWN = "refill_policy_unknown"
    REFILL_WINDOW_EXPIRED = "refill_window_expired"
    ROUTE_MISSING = "route_missing"
    SPEED_TOO_EARLY = "speed_too_early"
    STATUS_NOT_ALLOWED = "status_not_allowed"
    STORE_UNAVAILABLE = "store_unavailable"
    TOO_MANY_ORDERS = "too_many_orders"

    def __str__(self) -> str:
        return str(self.value)
