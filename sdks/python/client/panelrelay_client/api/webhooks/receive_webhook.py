from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.medium_name import MediumName
from ...models.receive_webhook_body import ReceiveWebhookBody
from ...models.webhook_receipt import WebhookReceipt
from ...types import UNSET, Response, Unset


def _get_kwargs(
    medium: MediumName,
    channel_id: str,
    *,
    body: ReceiveWebhookBody,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
    authorization: str | Unset = UNSET,
    x_hub_signature_256: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_telegram_bot_api_secret_token, Unset):
        headers["X-Telegram-Bot-Api-Secret-Token"] = x_telegram_bot_api_secret_token

    if not isinstance(authorization, Unset):
        headers["Authorization"] = authorization

    if not isinstance(x_hub_signature_256, Unset):
        headers["X-Hub-Signature-256"] = x_hub_signature_256

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks/{medium}/{channel_id}".format(
            medium=quote(str(medium), safe=""),
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookReceipt | None:
    if response.status_code == 200:
        response_200 = WebhookReceipt.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ErrorEnvelope.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | WebhookReceipt]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    medium: MediumName,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveWebhookBody,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
    authorization: str | Unset = UNSET,
    x_hub_signature_256: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookReceipt]:
    """Receive a provider's webhook delivery.

     Where Telegram, Green API and Meta deliver a channel's events. The delivery is authenticated with
    the channel's secret (the header its medium uses), stored once (a repeated delivery is a
    `duplicate`) and answered at once; the worker handles it afterwards. Every delivery is in `GET
    /v1/logs/webhooks`.

    Args:
        medium (MediumName): A messaging medium.
        channel_id (str):
        x_telegram_bot_api_secret_token (str | Unset):
        authorization (str | Unset):
        x_hub_signature_256 (str | Unset):
        body (ReceiveWebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookReceipt]
    """

    kwargs = _get_kwargs(
        medium=medium,
        channel_id=channel_id,
        body=body,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
        authorization=authorization,
        x_hub_signature_256=x_hub_signature_256,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    medium: MediumName,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveWebhookBody,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
    authorization: str | Unset = UNSET,
    x_hub_signature_256: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookReceipt | None:
    """Receive a provider's webhook delivery.

     Where Telegram, Green API and Meta deliver a channel's events. The delivery is authenticated with
    the channel's secret (the header its medium uses), stored once (a repeated delivery is a
    `duplicate`) and answered at once; the worker handles it afterwards. Every delivery is in `GET
    /v1/logs/webhooks`.

    Args:
        medium (MediumName): A messaging medium.
        channel_id (str):
        x_telegram_bot_api_secret_token (str | Unset):
        authorization (str | Unset):
        x_hub_signature_256 (str | Unset):
        body (ReceiveWebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookReceipt
    """

    return sync_detailed(
        medium=medium,
        channel_id=channel_id,
        client=client,
        body=body,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
        authorization=authorization,
        x_hub_signature_256=x_hub_signature_256,
    ).parsed


async def asyncio_detailed(
    medium: MediumName,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveWebhookBody,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
    authorization: str | Unset = UNSET,
    x_hub_signature_256: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookReceipt]:
    """Receive a provider's webhook delivery.

     Where Telegram, Green API and Meta deliver a channel's events. The delivery is authenticated with
    the channel's secret (the header its medium uses), stored once (a repeated delivery is a
    `duplicate`) and answered at once; the worker handles it afterwards. Every delivery is in `GET
    /v1/logs/webhooks`.

    Args:
        medium (MediumName): A messaging medium.
        channel_id (str):
        x_telegram_bot_api_secret_token (str | Unset):
        authorization (str | Unset):
        x_hub_signature_256 (str | Unset):
        body (ReceiveWebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookReceipt]
    """

    kwargs = _get_kwargs(
        medium=medium,
        channel_id=channel_id,
        body=body,
        x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
        authorization=authorization,
        x_hub_signature_256=x_hub_signature_256,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    medium: MediumName,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReceiveWebhookBody,
    x_telegram_bot_api_secret_token: str | Unset = UNSET,
    authorization: str | Unset = UNSET,
    x_hub_signature_256: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookReceipt | None:
    """Receive a provider's webhook delivery.

     Where Telegram, Green API and Meta deliver a channel's events. The delivery is authenticated with
    the channel's secret (the header its medium uses), stored once (a repeated delivery is a
    `duplicate`) and answered at once; the worker handles it afterwards. Every delivery is in `GET
    /v1/logs/webhooks`.

    Args:
        medium (MediumName): A messaging medium.
        channel_id (str):
        x_telegram_bot_api_secret_token (str | Unset):
        authorization (str | Unset):
        x_hub_signature_256 (str | Unset):
        body (ReceiveWebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookReceipt
    """

    return (
        await asyncio_detailed(
            medium=medium,
            channel_id=channel_id,
            client=client,
            body=body,
            x_telegram_bot_api_secret_token=x_telegram_bot_api_secret_token,
            authorization=authorization,
            x_hub_signature_256=x_hub_signature_256,
        )
    ).parsed
