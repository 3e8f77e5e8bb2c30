from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_channel_greenapi_channel_input_medium import CreateChannelGreenapiChannelInputMedium
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateChannelGreenapiChannelInput")


@_attrs_define
class CreateChannelGreenapiChannelInput:
    """A new channel: one schema per medium, chosen by `medium`.

    Example:
        {'api_token': 'd75b3a66374942c5b3c019c698abc2067e151558acbd412345', 'id_instance': '1101823456', 'name':
            'WhatsApp support', 'medium': 'whatsapp_greenapi'}

    Attributes:
        id_instance (str): The instance id.
        api_token (str): The instance's API token (secret).
        medium (CreateChannelGreenapiChannelInputMedium):  Example: whatsapp_greenapi.
        name (str | Unset): A label, 1-100 characters (default `whatsapp_greenapi`).
        webhook_secret (str | Unset): The bearer token Green API must send with webhooks (secret; generated when
            absent).
        api_base_url (str | Unset): Green API's base URL (default `https://api.green-api.com`).
    """

    id_instance: str
    api_token: str
    medium: CreateChannelGreenapiChannelInputMedium
    name: str | Unset = UNSET
    webhook_secret: str | Unset = UNSET
    api_base_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_instance = self.id_instance

        api_token = self.api_token

        medium = self.medium.value

        name = self.name

        webhook_secret = self.webhook_secret

        api_base_url = self.api_base_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_instance": id_instance,
                "api_token": api_token,
                "medium": medium,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if webhook_secret is not UNSET:
            field_dict["webhook_secret"] = webhook_secret
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_instance = d.pop("id_instance")

        api_token = d.pop("api_token")

        medium = CreateChannelGreenapiChannelInputMedium(d.pop("medium"))

        name = d.pop("name", UNSET)

        webhook_secret = d.pop("webhook_secret", UNSET)

        api_base_url = d.pop("api_base_url", UNSET)

        create_channel_greenapi_channel_input = cls(
            id_instance=id_instance,
            api_token=api_token,
            medium=medium,
            name=name,
            webhook_secret=webhook_secret,
            api_base_url=api_base_url,
        )

        create_channel_greenapi_channel_input.additional_properties = d
        return create_channel_greenapi_channel_input

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
