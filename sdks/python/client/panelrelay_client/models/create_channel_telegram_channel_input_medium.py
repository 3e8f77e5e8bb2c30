from enum import StrEnum


class CreateChannelTelegramChannelInputMedium(StrEnum):
    TELEGRAM = "telegram"

    def __str__(self) -> str:
        return str(self.value)
