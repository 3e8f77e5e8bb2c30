from enum import StrEnum


class PanelType(StrEnum):
    ADMIN_V1 = "admin_v1"
    PERFECT_PANEL_V2 = "perfect_panel_v2"
    RESELLER_V2 = "reseller_v2"

    def __str__(self) -> str:
        return str(self.value)
