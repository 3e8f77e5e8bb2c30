from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.verify_webhook_medium import VerifyWebhookMedium
from ...types import UNSET, Response


def _get_kwargs(
    medium: VerifyWebhookMedium,
    channel_id: str,
    *,
    hub_mode: str,
    hub_verify_token: str,
    hub_challenge: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["hub.mode"] = hub_mode

    params["hub.verify_token"] = hub_verify_token

    params["hub.challenge"] = hub_challenge

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/webhooks/{medium}/{channel_id}".format(
            medium=quote(str(medium), safe=""),
            channel_id=quote(str(channel_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorEnvelope | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    medium: VerifyWebhookMedium,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    hub_mode: str,
    hub_verify_token: str,
    hub_challenge: str,
) -> Response[ErrorEnvelope | str]:
    """Answer Meta's webhook verification.

     Meta calls it when the webhook is set up in the App Dashboard: the answer is `hub.challenge` when
    `hub.verify_token` is the channel's `verify_token`. Only WhatsApp Cloud API (Meta) channels verify
    this way.

    Args:
        medium (VerifyWebhookMedium):
        channel_id (str):
        hub_mode (str):
        hub_verify_token (str):
        hub_challenge (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        medium=medium,
        channel_id=channel_id,
        hub_mode=hub_mode,
        hub_verify_token=hub_verify_token,
        hub_challenge=hub_challenge,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    medium: VerifyWebhookMedium,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    hub_mode: str,
    hub_verify_token: str,
    hub_challenge: str,
) -> ErrorEnvelope | str | None:
    """Answer Meta's webhook verification.

     Meta calls it when the webhook is set up in the App Dashboard: the answer is `hub.challenge` when
    `hub.verify_token` is the channel's `verify_token`. Only WhatsApp Cloud API (Meta) channels verify
    this way.

    Args:
        medium (VerifyWebhookMedium):
        channel_id (str):
        hub_mode (str):
        hub_verify_token (str):
        hub_challenge (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return sync_detailed(
        medium=medium,
        channel_id=channel_id,
        client=client,
        hub_mode=hub_mode,
        hub_verify_token=hub_verify_token,
        hub_challenge=hub_challenge,
    ).parsed


async def asyncio_detailed(
    medium: VerifyWebhookMedium,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    hub_mode: str,
    hub_verify_token: str,
    hub_challenge: str,
) -> Response[ErrorEnvelope | str]:
    """Answer Meta's webhook verification.

     Meta calls it when the webhook is set up in the App Dashboard: the answer is `hub.challenge` when
    `hub.verify_token` is the channel's `verify_token`. Only WhatsApp Cloud API (Meta) channels verify
    this way.

    Args:
        medium (VerifyWebhookMedium):
        channel_id (str):
        hub_mode (str):
        hub_verify_token (str):
        hub_challenge (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | str]
    """

    kwargs = _get_kwargs(
        medium=medium,
        channel_id=channel_id,
        hub_mode=hub_mode,
        hub_verify_token=hub_verify_token,
        hub_challenge=hub_challenge,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    medium: VerifyWebhookMedium,
    channel_id: str,
    *,
    client: AuthenticatedClient | Client,
    hub_mode: str,
    hub_verify_token: str,
    hub_challenge: str,
) -> ErrorEnvelope | str | None:
    """Answer Meta's webhook verification.

     Meta calls it when the webhook is set up in the App Dashboard: the answer is `hub.challenge` when
    `hub.verify_token` is the channel's `verify_token`. Only WhatsApp Cloud API (Meta) channels verify
    this way.

    Args:
        medium (VerifyWebhookMedium):
        channel_id (str):
        hub_mode (str):
        hub_verify_token (str):
        hub_challenge (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | str
    """

    return (
        await asyncio_detailed(
            medium=medium,
            channel_id=channel_id,
            client=client,
            hub_mode=hub_mode,
            hub_verify_token=hub_verify_token,
            hub_challenge=hub_challenge,
        )
    ).parsed
