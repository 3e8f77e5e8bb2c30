from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.panel import Panel
from ...models.put_panel import PutPanel
from ...types import Response


def _get_kwargs(
    *,
    body: PutPanel,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/panel",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorEnvelope | Panel | None:
    if response.status_code == 200:
        response_200 = Panel.from_dict(response.json())

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
) -> Response[ErrorEnvelope | Panel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PutPanel,
) -> Response[ErrorEnvelope | Panel]:
    """Connect the workspace's panel (owner).

     Connect the workspace's panel (owner). The key is encrypted at rest and never returned.

    Args:
        body (PutPanel): Connects (or reconnects) the workspace's panel. Example: {'api_key':
            'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'base_url': 'https://yourpanel.com',
            'requests_per_second': 5, 'timeout_seconds': 10, 'timezone': 'Asia/Kolkata', 'type':
            'perfect_panel_v2'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Panel]
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
    body: PutPanel,
) -> ErrorEnvelope | Panel | None:
    """Connect the workspace's panel (owner).

     Connect the workspace's panel (owner). The key is encrypted at rest and never returned.

    Args:
        body (PutPanel): Connects (or reconnects) the workspace's panel. Example: {'api_key':
            'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'base_url': 'https://yourpanel.com',
            'requests_per_second': 5, 'timeout_seconds': 10, 'timezone': 'Asia/Kolkata', 'type':
            'perfect_panel_v2'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Panel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PutPanel,
) -> Response[ErrorEnvelope | Panel]:
    """Connect the workspace's panel (owner).

     Connect the workspace's panel (owner). The key is encrypted at rest and never returned.

    Args:
        body (PutPanel): Connects (or reconnects) the workspace's panel. Example: {'api_key':
            'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'base_url': 'https://yourpanel.com',
            'requests_per_second': 5, 'timeout_seconds': 10, 'timezone': 'Asia/Kolkata', 'type':
            'perfect_panel_v2'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Panel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PutPanel,
) -> ErrorEnvelope | Panel | None:
    """Connect the workspace's panel (owner).

     Connect the workspace's panel (owner). The key is encrypted at rest and never returned.

    Args:
        body (PutPanel): Connects (or reconnects) the workspace's panel. Example: {'api_key':
            'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'base_url': 'https://yourpanel.com',
            'requests_per_second': 5, 'timeout_seconds': 10, 'timezone': 'Asia/Kolkata', 'type':
            'perfect_panel_v2'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Panel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
