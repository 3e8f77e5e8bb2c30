from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.workspace_settings import WorkspaceSettings
from ...types import Response


def _get_kwargs(
    *,
    body: WorkspaceSettings,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/settings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WorkspaceSettings | None:
    if response.status_code == 200:
        response_200 = WorkspaceSettings.from_dict(response.json())

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
) -> Response[ErrorEnvelope | WorkspaceSettings]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkspaceSettings,
) -> Response[ErrorEnvelope | WorkspaceSettings]:
    """Replace the workspace's settings (owner).

    Args:
        body (WorkspaceSettings): A workspace's settings. `PUT` replaces them whole: read, change,
            write back. Example: {'compact_threshold': 5, 'cooldowns': {'cancel_seconds': 43200,
            'refill_seconds': 43200, 'speed_seconds': 43200}, 'intents': {'dropped': 'refill',
            'not_started': 'speed', 'where_is': 'details', 'wrong_link': 'cancel'},
            'log_retention_days': 30, 'max_order_ids': 100, 'min_order_id_digits': 4, 'refill_anchor':
            'created', 'rules_mode': 'quick', 'silent_in_groups': True, 'status_matrix': {'canceled':
            {'cancel': False, 'refill': False, 'speed': False}, 'completed': {'cancel': False,
            'refill': True, 'speed': False}, 'failed': {'cancel': False, 'refill': False, 'speed':
            False}, 'in_progress': {'cancel': True, 'refill': False, 'speed': True}, 'partial':
            {'cancel': False, 'refill': False, 'speed': False}, 'pending': {'cancel': True, 'refill':
            False, 'speed': True}, 'processing': {'cancel': True, 'refill': False, 'speed': True},
            'refunded': {'cancel': False, 'refill': False, 'speed': False}, 'unknown': {'cancel':
            False, 'refill': False, 'speed': False}}, 'unknown_refill_policy': 'deny'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WorkspaceSettings]
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
    body: WorkspaceSettings,
) -> ErrorEnvelope | WorkspaceSettings | None:
    """Replace the workspace's settings (owner).

    Args:
        body (WorkspaceSettings): A workspace's settings. `PUT` replaces them whole: read, change,
            write back. Example: {'compact_threshold': 5, 'cooldowns': {'cancel_seconds': 43200,
            'refill_seconds': 43200, 'speed_seconds': 43200}, 'intents': {'dropped': 'refill',
            'not_started': 'speed', 'where_is': 'details', 'wrong_link': 'cancel'},
            'log_retention_days': 30, 'max_order_ids': 100, 'min_order_id_digits': 4, 'refill_anchor':
            'created', 'rules_mode': 'quick', 'silent_in_groups': True, 'status_matrix': {'canceled':
            {'cancel': False, 'refill': False, 'speed': False}, 'completed': {'cancel': False,
            'refill': True, 'speed': False}, 'failed': {'cancel': False, 'refill': False, 'speed':
            False}, 'in_progress': {'cancel': True, 'refill': False, 'speed': True}, 'partial':
            {'cancel': False, 'refill': False, 'speed': False}, 'pending': {'cancel': True, 'refill':
            False, 'speed': True}, 'processing': {'cancel': True, 'refill': False, 'speed': True},
            'refunded': {'cancel': False, 'refill': False, 'speed': False}, 'unknown': {'cancel':
            False, 'refill': False, 'speed': False}}, 'unknown_refill_policy': 'deny'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WorkspaceSettings
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkspaceSettings,
) -> Response[ErrorEnvelope | WorkspaceSettings]:
    """Replace the workspace's settings (owner).

    Args:
        body (WorkspaceSettings): A workspace's settings. `PUT` replaces them whole: read, change,
            write back. Example: {'compact_threshold': 5, 'cooldowns': {'cancel_seconds': 43200,
            'refill_seconds': 43200, 'speed_seconds': 43200}, 'intents': {'dropped': 'refill',
            'not_started': 'speed', 'where_is': 'details', 'wrong_link': 'cancel'},
            'log_retention_days': 30, 'max_order_ids': 100, 'min_order_id_digits': 4, 'refill_anchor':
            'created', 'rules_mode': 'quick', 'silent_in_groups': True, 'status_matrix': {'canceled':
            {'cancel': False, 'refill': False, 'speed': False}, 'completed': {'cancel': False,
            'refill': True, 'speed': False}, 'failed': {'cancel': False, 'refill': False, 'speed':
            False}, 'in_progress': {'cancel': True, 'refill': False, 'speed': True}, 'partial':
            {'cancel': False, 'refill': False, 'speed': False}, 'pending': {'cancel': True, 'refill':
            False, 'speed': True}, 'processing': {'cancel': True, 'refill': False, 'speed': True},
            'refunded': {'cancel': False, 'refill': False, 'speed': False}, 'unknown': {'cancel':
            False, 'refill': False, 'speed': False}}, 'unknown_refill_policy': 'deny'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WorkspaceSettings]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WorkspaceSettings,
) -> ErrorEnvelope | WorkspaceSettings | None:
    """Replace the workspace's settings (owner).

    Args:
        body (WorkspaceSettings): A workspace's settings. `PUT` replaces them whole: read, change,
            write back. Example: {'compact_threshold': 5, 'cooldowns': {'cancel_seconds': 43200,
            'refill_seconds': 43200, 'speed_seconds': 43200}, 'intents': {'dropped': 'refill',
            'not_started': 'speed', 'where_is': 'details', 'wrong_link': 'cancel'},
            'log_retention_days': 30, 'max_order_ids': 100, 'min_order_id_digits': 4, 'refill_anchor':
            'created', 'rules_mode': 'quick', 'silent_in_groups': True, 'status_matrix': {'canceled':
            {'cancel': False, 'refill': False, 'speed': False}, 'completed': {'cancel': False,
            'refill': True, 'speed': False}, 'failed': {'cancel': False, 'refill': False, 'speed':
            False}, 'in_progress': {'cancel': True, 'refill': False, 'speed': True}, 'partial':
            {'cancel': False, 'refill': False, 'speed': False}, 'pending': {'cancel': True, 'refill':
            False, 'speed': True}, 'processing': {'cancel': True, 'refill': False, 'speed': True},
            'refunded': {'cancel': False, 'refill': False, 'speed': False}, 'unknown': {'cancel':
            False, 'refill': False, 'speed': False}}, 'unknown_refill_policy': 'deny'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WorkspaceSettings
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
