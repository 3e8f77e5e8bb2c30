from enum import StrEnum


class CreateChannelMetaChannelInputMedium(StrEnum):
    WHATSAPP_META = "whatsapp_meta"

    def __str__(self) -> str:
        return str(self.value)
