from enum import StrEnum


class CreateChannelGreenapiChannelInputMedium(StrEnum):
    WHATSAPP_GREENAPI = "whatsapp_greenapi"

    def __str__(self) -> str:
        return str(self.value)
