from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.command_alias import CommandAlias
from ...models.command_alias_input import CommandAliasInput
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CommandAliasInput,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/command-aliases",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommandAlias | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = CommandAlias.from_dict(response.json())

        return response_201

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

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

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
) -> Response[CommandAlias | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CommandAliasInput,
    idempotency_key: str | Unset = UNSET,
) -> Response[CommandAlias | ErrorEnvelope]:
    """Create a command alias (owner).

     Create a command alias (owner). A phrase the workspace already uses, as an alias or a
    custom command's trigger, is a conflict (`phrase_taken`).

    Args:
        idempotency_key (str | Unset):
        body (CommandAliasInput): An alias's settings. Example: {'action': 'refill', 'phrase':
            'refil pls'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandAlias | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CommandAliasInput,
    idempotency_key: str | Unset = UNSET,
) -> CommandAlias | ErrorEnvelope | None:
    """Create a command alias (owner).

     Create a command alias (owner). A phrase the workspace already uses, as an alias or a
    custom command's trigger, is a conflict (`phrase_taken`).

    Args:
        idempotency_key (str | Unset):
        body (CommandAliasInput): An alias's settings. Example: {'action': 'refill', 'phrase':
            'refil pls'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandAlias | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CommandAliasInput,
    idempotency_key: str | Unset = UNSET,
) -> Response[CommandAlias | ErrorEnvelope]:
    """Create a command alias (owner).

     Create a command alias (owner). A phrase the workspace already uses, as an alias or a
    custom command's trigger, is a conflict (`phrase_taken`).

    Args:
        idempotency_key (str | Unset):
        body (CommandAliasInput): An alias's settings. Example: {'action': 'refill', 'phrase':
            'refil pls'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandAlias | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CommandAliasInput,
    idempotency_key: str | Unset = UNSET,
) -> CommandAlias | ErrorEnvelope | None:
    """Create a command alias (owner).

     Create a command alias (owner). A phrase the workspace already uses, as an alias or a
    custom command's trigger, is a conflict (`phrase_taken`).

    Args:
        idempotency_key (str | Unset):
        body (CommandAliasInput): An alias's settings. Example: {'action': 'refill', 'phrase':
            'refil pls'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandAlias | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
