from enum import StrEnum


class MediumName(StrEnum):
    TELEGRAM = "telegram"
    WHATSAPP_GREENAPI = "whatsapp_greenapi"
    WHATSAPP_META = "whatsapp_meta"

    def __str__(self) -> str:
        return str(self.value)
