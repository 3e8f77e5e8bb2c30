import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_status import DeliveryStatus
from ...models.dispatch_log_list import DispatchLogList
from ...models.error_envelope import ErrorEnvelope
from ...models.medium_name import MediumName
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    medium: MediumName | Unset = UNSET,
    channel_id: str | Unset = UNSET,
    chat_id: str | Unset = UNSET,
    order_id: int | Unset = UNSET,
    outcome: DeliveryStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["cursor"] = cursor

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_medium: str | Unset = UNSET
    if not isinstance(medium, Unset):
        json_medium = medium.value

    params["medium"] = json_medium

    params["channel_id"] = channel_id

    params["chat_id"] = chat_id

    params["order_id"] = order_id

    json_outcome: str | Unset = UNSET
    if not isinstance(outcome, Unset):
        json_outcome = outcome.value

    params["outcome"] = json_outcome

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/logs/dispatches",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DispatchLogList | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = DispatchLogList.from_dict(response.json())

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
) -> Response[DispatchLogList | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    medium: MediumName | Unset = UNSET,
    channel_id: str | Unset = UNSET,
    chat_id: str | Unset = UNSET,
    order_id: int | Unset = UNSET,
    outcome: DeliveryStatus | Unset = UNSET,
) -> Response[DispatchLogList | ErrorEnvelope]:
    """List requests forwarded to provider groups, newest first.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        medium (MediumName | Unset): A messaging medium.
        channel_id (str | Unset):
        chat_id (str | Unset):
        order_id (int | Unset):
        outcome (DeliveryStatus | Unset): Where an outgoing message is on its way out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DispatchLogList | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        medium=medium,
        channel_id=channel_id,
        chat_id=chat_id,
        order_id=order_id,
        outcome=outcome,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    medium: MediumName | Unset = UNSET,
    channel_id: str | Unset = UNSET,
    chat_id: str | Unset = UNSET,
    order_id: int | Unset = UNSET,
    outcome: DeliveryStatus | Unset = UNSET,
) -> DispatchLogList | ErrorEnvelope | None:
    """List requests forwarded to provider groups, newest first.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        medium (MediumName | Unset): A messaging medium.
        channel_id (str | Unset):
        chat_id (str | Unset):
        order_id (int | Unset):
        outcome (DeliveryStatus | Unset): Where an outgoing message is on its way out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DispatchLogList | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        medium=medium,
        channel_id=channel_id,
        chat_id=chat_id,
        order_id=order_id,
        outcome=outcome,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    medium: MediumName | Unset = UNSET,
    channel_id: str | Unset = UNSET,
    chat_id: str | Unset = UNSET,
    order_id: int | Unset = UNSET,
    outcome: DeliveryStatus | Unset = UNSET,
) -> Response[DispatchLogList | ErrorEnvelope]:
    """List requests forwarded to provider groups, newest first.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        medium (MediumName | Unset): A messaging medium.
        channel_id (str | Unset):
        chat_id (str | Unset):
        order_id (int | Unset):
        outcome (DeliveryStatus | Unset): Where an outgoing message is on its way out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DispatchLogList | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        from_=from_,
        to=to,
        medium=medium,
        channel_id=channel_id,
        chat_id=chat_id,
        order_id=order_id,
        outcome=outcome,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    medium: MediumName | Unset = UNSET,
    channel_id: str | Unset = UNSET,
    chat_id: str | Unset = UNSET,
    order_id: int | Unset = UNSET,
    outcome: DeliveryStatus | Unset = UNSET,
) -> DispatchLogList | ErrorEnvelope | None:
    """List requests forwarded to provider groups, newest first.

    Args:
        limit (int | Unset):
        cursor (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        medium (MediumName | Unset): A messaging medium.
        channel_id (str | Unset):
        chat_id (str | Unset):
        order_id (int | Unset):
        outcome (DeliveryStatus | Unset): Where an outgoing message is on its way out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DispatchLogList | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            from_=from_,
            to=to,
            medium=medium,
            channel_id=channel_id,
            chat_id=chat_id,
            order_id=order_id,
            outcome=outcome,
        )
    ).parsed
