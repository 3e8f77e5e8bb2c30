from enum import StrEnum


class WebhookOutcome(StrEnum):
    ACCEPTED = "accepted"
    BAD_SIGNATURE = "bad_signature"
    DUPLICATE = "duplicate"
    ECHO = "echo"
    FAILED = "failed"
    IGNORED = "ignored"
    MALFORMED = "malformed"
    OVERSIZE = "oversize"
    STATUS = "status"
    UNAVAILABLE = "unavailable"
    UNKNOWN_CHANNEL = "unknown_channel"
    WORKSPACE_SUSPENDED = "workspace_suspended"

    def __str__(self) -> str:
        return str(self.value)
