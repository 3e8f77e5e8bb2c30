from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_channel_meta_channel_input_medium import CreateChannelMetaChannelInputMedium
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateChannelMetaChannelInput")


@_attrs_define
class CreateChannelMetaChannelInput:
    """A new channel: one schema per medium, chosen by `medium`.

    Example:
        {'access_token': 'EAAGm0PX4ZCpsBAexampletoken', 'app_secret': '4f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c', 'name':
            'WhatsApp Business', 'phone_number_id': '109876543210987', 'medium': 'whatsapp_meta'}

    Attributes:
        phone_number_id (str): The WhatsApp phone number id.
        access_token (str): The access token (secret).
        app_secret (str): The app secret that signs webhooks (secret).
        medium (CreateChannelMetaChannelInputMedium):  Example: whatsapp_meta.
        name (str | Unset): A label, 1-100 characters (default `whatsapp_meta`).
        verify_token (str | Unset): The webhook verify token (generated when absent; read it back as the channel's
            `verify_token`).
        api_base_url (str | Unset): The Graph API's base URL (default `https://graph.facebook.com`).
        graph_version (str | Unset): The Graph API version (default `v26.0`).
    """

    phone_number_id: str
    access_token: str
    app_secret: str
    medium: CreateChannelMetaChannelInputMedium
    name: str | Unset = UNSET
    verify_token: str | Unset = UNSET
    api_base_url: str | Unset = UNSET
    graph_version: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phone_number_id = self.phone_number_id

        access_token = self.access_token

        app_secret = self.app_secret

        medium = self.medium.value

        name = self.name

        verify_token = self.verify_token

        api_base_url = self.api_base_url

        graph_version = self.graph_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "phone_number_id": phone_number_id,
                "access_token": access_token,
                "app_secret": app_secret,
                "medium": medium,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if verify_token is not UNSET:
            field_dict["verify_token"] = verify_token
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url
        if graph_version is not UNSET:
            field_dict["graph_version"] = graph_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phone_number_id = d.pop("phone_number_id")

        access_token = d.pop("access_token")

        app_secret = d.pop("app_secret")

        medium = CreateChannelMetaChannelInputMedium(d.pop("medium"))

        name = d.pop("name", UNSET)

        verify_token = d.pop("verify_token", UNSET)

        api_base_url = d.pop("api_base_url", UNSET)

        graph_version = d.pop("graph_version", UNSET)

        create_channel_meta_channel_input = cls(
            phone_number_id=phone_number_id,
            access_token=access_token,
            app_secret=app_secret,
            medium=medium,
            name=name,
            verify_token=verify_token,
            api_base_url=api_base_url,
            graph_version=graph_version,
        )

        create_channel_meta_channel_input.additional_properties = d
        return create_channel_meta_channel_input

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
