from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.import_report import ImportReport
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: File,
    verify_usernames: bool | Unset = UNSET,
    dry_run: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["verify_usernames"] = verify_usernames

    params["dry_run"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/linked-users/import-csv",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ImportReport | None:
    if response.status_code == 200:
        response_200 = ImportReport.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ImportReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    verify_usernames: bool | Unset = UNSET,
    dry_run: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ImportReport]:
    """Import linked users from a CSV file (owner).

     The body is the CSV file in UTF-8, sent as `text/csv` or `application/octet-stream`:
    a header naming the columns `medium`, `identity` and `username` (in any order; other
    columns are ignored), then one link per line. Rows are reported as by
    `import_linked_users`.

    Args:
        verify_usernames (bool | Unset):
        dry_run (bool | Unset):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ImportReport]
    """

    kwargs = _get_kwargs(
        body=body,
        verify_usernames=verify_usernames,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: File,
    verify_usernames: bool | Unset = UNSET,
    dry_run: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ImportReport | None:
    """Import linked users from a CSV file (owner).

     The body is the CSV file in UTF-8, sent as `text/csv` or `application/octet-stream`:
    a header naming the columns `medium`, `identity` and `username` (in any order; other
    columns are ignored), then one link per line. Rows are reported as by
    `import_linked_users`.

    Args:
        verify_usernames (bool | Unset):
        dry_run (bool | Unset):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ImportReport
    """

    return sync_detailed(
        client=client,
        body=body,
        verify_usernames=verify_usernames,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: File,
    verify_usernames: bool | Unset = UNSET,
    dry_run: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ImportReport]:
    """Import linked users from a CSV file (owner).

     The body is the CSV file in UTF-8, sent as `text/csv` or `application/octet-stream`:
    a header naming the columns `medium`, `identity` and `username` (in any order; other
    columns are ignored), then one link per line. Rows are reported as by
    `import_linked_users`.

    Args:
        verify_usernames (bool | Unset):
        dry_run (bool | Unset):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ImportReport]
    """

    kwargs = _get_kwargs(
        body=body,
        verify_usernames=verify_usernames,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: File,
    verify_usernames: bool | Unset = UNSET,
    dry_run: bool | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ImportReport | None:
    """Import linked users from a CSV file (owner).

     The body is the CSV file in UTF-8, sent as `text/csv` or `application/octet-stream`:
    a header naming the columns `medium`, `identity` and `username` (in any order; other
    columns are ignored), then one link per line. Rows are reported as by
    `import_linked_users`.

    Args:
        verify_usernames (bool | Unset):
        dry_run (bool | Unset):
        idempotency_key (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ImportReport
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            verify_usernames=verify_usernames,
            dry_run=dry_run,
            idempotency_key=idempotency_key,
        )
    ).parsed
