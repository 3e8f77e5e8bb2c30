from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.import_report import ImportReport
from ...models.import_request import ImportRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ImportRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/linked-users/import",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

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
    body: ImportRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ImportReport]:
    """Import linked users from JSON rows (owner).

     Up to 10,000 rows (more: 422 `too_many_rows`). Every row is reported: `created`,
    `unchanged` (already linked to that username) or `error` with a code; a bad row never
    stops the others. `verify_usernames` checks each username on the panel (409
    `panel_not_connected` without one); `dry_run` writes nothing. For a CSV file, see
    `import_linked_users_csv`.

    Args:
        idempotency_key (str | Unset):
        body (ImportRequest): Links to import as JSON. Example: {'dry_run': False, 'rows':
            [{'identity': '5234567890', 'medium': 'telegram', 'username': 'bob'}, {'identity': '+44
            7700 900123', 'medium': 'whatsapp_greenapi', 'username': 'carol'}], 'verify_usernames':
            False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ImportReport]
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
    body: ImportRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ImportReport | None:
    """Import linked users from JSON rows (owner).

     Up to 10,000 rows (more: 422 `too_many_rows`). Every row is reported: `created`,
    `unchanged` (already linked to that username) or `error` with a code; a bad row never
    stops the others. `verify_usernames` checks each username on the panel (409
    `panel_not_connected` without one); `dry_run` writes nothing. For a CSV file, see
    `import_linked_users_csv`.

    Args:
        idempotency_key (str | Unset):
        body (ImportRequest): Links to import as JSON. Example: {'dry_run': False, 'rows':
            [{'identity': '5234567890', 'medium': 'telegram', 'username': 'bob'}, {'identity': '+44
            7700 900123', 'medium': 'whatsapp_greenapi', 'username': 'carol'}], 'verify_usernames':
            False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ImportReport
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ImportReport]:
    """Import linked users from JSON rows (owner).

     Up to 10,000 rows (more: 422 `too_many_rows`). Every row is reported: `created`,
    `unchanged` (already linked to that username) or `error` with a code; a bad row never
    stops the others. `verify_usernames` checks each username on the panel (409
    `panel_not_connected` without one); `dry_run` writes nothing. For a CSV file, see
    `import_linked_users_csv`.

    Args:
        idempotency_key (str | Unset):
        body (ImportRequest): Links to import as JSON. Example: {'dry_run': False, 'rows':
            [{'identity': '5234567890', 'medium': 'telegram', 'username': 'bob'}, {'identity': '+44
            7700 900123', 'medium': 'whatsapp_greenapi', 'username': 'carol'}], 'verify_usernames':
            False}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ImportReport]
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
    body: ImportRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | ImportReport | None:
    """Import linked users from JSON rows (owner).

     Up to 10,000 rows (more: 422 `too_many_rows`). Every row is reported: `created`,
    `unchanged` (already linked to that username) or `error` with a code; a bad row never
    stops the others. `verify_usernames` checks each username on the panel (409
    `panel_not_connected` without one); `dry_run` writes nothing. For a CSV file, see
    `import_linked_users_csv`.

    Args:
        idempotency_key (str | Unset):
        body (ImportRequest): Links to import as JSON. Example: {'dry_run': False, 'rows':
            [{'identity': '5234567890', 'medium': 'telegram', 'username': 'bob'}, {'identity': '+44
            7700 900123', 'medium': 'whatsapp_greenapi', 'username': 'carol'}], 'verify_usernames':
            False}.

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
            idempotency_key=idempotency_key,
        )
    ).parsed
