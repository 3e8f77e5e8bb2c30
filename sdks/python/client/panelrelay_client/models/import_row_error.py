from enum import StrEnum


class ImportRowError(StrEnum):
    DUPLICATE_ROW = "duplicate_row"
    IDENTITY_ALREADY_LINKED = "identity_already_linked"
    INVALID_IDENTITY = "invalid_identity"
    INVALID_MEDIUM = "invalid_medium"
    INVALID_USERNAME = "invalid_username"
    MALFORMED_ROW = "malformed_row"
    PANEL_ERROR = "panel_error"
    USERNAME_NOT_ON_PANEL = "username_not_on_panel"

    def __str__(self) -> str:
        return str(self.value)
