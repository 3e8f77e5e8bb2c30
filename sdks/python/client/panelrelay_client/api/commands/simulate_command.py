from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.simulate_input import SimulateInput
from ...models.simulation import Simulation
from ...types import Response


def _get_kwargs(
    *,
    body: SimulateInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/commands/simulate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Simulation | None:
    if response.status_code == 200:
        response_200 = Simulation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 408:
        response_408 = ErrorEnvelope.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorEnvelope.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

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
) -> Response[ErrorEnvelope | Simulation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SimulateInput,
) -> Response[ErrorEnvelope | Simulation]:
    """Simulate a customer message (agent).

     Simulate a customer message (agent): the parsed command, the reply, the provider
    messages and per-order outcomes a real message would produce right now. Nothing is
    sent, no cooldown is used, nothing is logged; linking messages (`link <username>`,
    a code) get their reply without a code made, a ticket opened or an attempt counted.

    Args:
        body (SimulateInput): A customer message to try. Example: {'is_group': False, 'medium':
            'telegram', 'sender_id': '5123456789', 'text': '2274209 refill'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Simulation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SimulateInput,
) -> ErrorEnvelope | Simulation | None:
    """Simulate a customer message (agent).

     Simulate a customer message (agent): the parsed command, the reply, the provider
    messages and per-order outcomes a real message would produce right now. Nothing is
    sent, no cooldown is used, nothing is logged; linking messages (`link <username>`,
    a code) get their reply without a code made, a ticket opened or an attempt counted.

    Args:
        body (SimulateInput): A customer message to try. Example: {'is_group': False, 'medium':
            'telegram', 'sender_id': '5123456789', 'text': '2274209 refill'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Simulation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SimulateInput,
) -> Response[ErrorEnvelope | Simulation]:
    """Simulate a customer message (agent).

     Simulate a customer message (agent): the parsed command, the reply, the provider
    messages and per-order outcomes a real message would produce right now. Nothing is
    sent, no cooldown is used, nothing is logged; linking messages (`link <username>`,
    a code) get their reply without a code made, a ticket opened or an attempt counted.

    Args:
        body (SimulateInput): A customer message to try. Example: {'is_group': False, 'medium':
            'telegram', 'sender_id': '5123456789', 'text': '2274209 refill'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Simulation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SimulateInput,
) -> ErrorEnvelope | Simulation | None:
    """Simulate a customer message (agent).

     Simulate a customer message (agent): the parsed command, the reply, the provider
    messages and per-order outcomes a real message would produce right now. Nothing is
    sent, no cooldown is used, nothing is logged; linking messages (`link <username>`,
    a code) get their reply without a code made, a ticket opened or an attempt counted.

    Args:
        body (SimulateInput): A customer message to try. Example: {'is_group': False, 'medium':
            'telegram', 'sender_id': '5123456789', 'text': '2274209 refill'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Simulation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
