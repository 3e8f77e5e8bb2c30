from enum import StrEnum


class VerifyWebhookMedium(StrEnum):
    WHATSAPP_META = "whatsapp_meta"

    def __str__(self) -> str:
        return str(self.value)
