"""What a new user does with the SDK, against a live sandbox: create a workspace, connect
the panel, add a channel per medium, route a provider, link a customer, simulate a command,
let a real message flow, page through the command log and get typed errors."""

from __future__ import annotations

import time

import httpx
from panelrelay_client import AuthenticatedClient, Client
from panelrelay_client.api.channels import create_channel, get_channel, list_channels
from panelrelay_client.api.commands import simulate_command
from panelrelay_client.api.identities import create_linked_user
from panelrelay_client.api.logs import list_command_logs
from panelrelay_client.api.panel import put_panel
from panelrelay_client.api.provider_routes import create_provider_route
from panelrelay_client.api.workspace import get_own_workspace
from panelrelay_client.api.workspaces import create_workspace
from panelrelay_client.models import (
    Channel,
    CommandLogList,
    CreateChannelGreenapiChannelInput,
    CreateChannelGreenapiChannelInputMedium,
    CreateChannelMetaChannelInput,
    CreateChannelMetaChannelInputMedium,
    CreateChannelTelegramChannelInput,
    CreateChannelTelegramChannelInputMedium,
    CreatedWorkspace,
    CreateWorkspace,
    ErrorCode,
    ErrorEnvelope,
    LinkedUser,
    LinkUser,
    MediumName,
    PanelType,
    PutPanel,
    Route,
    RouteInput,
    SenderKind,
    Simulation,
    SimulateInput,
)

from conftest import PANEL_API_KEY, Sandbox

CUSTOMER = "5123456789"
WEBHOOK_SECRET = "py-sdk-hook-secret"


def new_workspace(sandbox: Sandbox, name: str) -> AuthenticatedClient:
    admin = AuthenticatedClient(base_url=sandbox.base_url, token=sandbox.admin_key)
    created = create_workspace.sync_detailed(client=admin, body=CreateWorkspace(name=name))
    assert created.status_code == 201
    assert isinstance(created.parsed, CreatedWorkspace)
    assert created.parsed.workspace.name == name
    assert created.parsed.owner_key.secret.startswith("prk_")
    return AuthenticatedClient(base_url=sandbox.base_url, token=created.parsed.owner_key.secret)


def add_channels(owner: AuthenticatedClient, sandbox: Sandbox) -> dict[MediumName, Channel]:
    bodies = [
        CreateChannelTelegramChannelInput(
            medium=CreateChannelTelegramChannelInputMedium.TELEGRAM,
            bot_token=sandbox.telegram_bot_token,
            name="support bot",
            webhook_secret=WEBHOOK_SECRET,
            api_base_url=sandbox.telegram_url,
        ),
        CreateChannelGreenapiChannelInput(
            medium=CreateChannelGreenapiChannelInputMedium.WHATSAPP_GREENAPI,
            id_instance=sandbox.greenapi_instance,
            api_token=sandbox.greenapi_token,
            api_base_url=sandbox.greenapi_url,
        ),
        CreateChannelMetaChannelInput(
            medium=CreateChannelMetaChannelInputMedium.WHATSAPP_META,
            phone_number_id=sandbox.meta_phone_number_id,
            access_token=sandbox.meta_access_token,
            app_secret="sdk-test-app-secret",
            api_base_url=sandbox.meta_url,
        ),
    ]
    channels: dict[MediumName, Channel] = {}
    for body in bodies:
        created = create_channel.sync_detailed(client=owner, body=body)
        assert created.status_code == 201, created.content
        assert isinstance(created.parsed, Channel)
        assert created.headers["location"] == f"/v1/channels/{created.parsed.id}"
        # Secrets are write-only: only hints come back.
        shown = str(created.parsed.to_dict())
        for secret in [sandbox.telegram_bot_token, sandbox.greenapi_token, sandbox.meta_access_token]:
            assert secret not in shown
        channels[created.parsed.medium] = created.parsed
    return channels


def test_a_new_user_sets_up_a_workspace_and_a_command_flows(sandbox: Sandbox) -> None:
    owner = new_workspace(sandbox, "Python SDK")
    own = get_own_workspace.sync(client=owner)
    assert own is not None and own.name == "Python SDK"

    panel = put_panel.sync_detailed(
        client=owner,
        body=PutPanel(type_=PanelType.PERFECT_PANEL_V2, base_url=sandbox.panel_url, api_key=PANEL_API_KEY),
    )
    assert panel.status_code == 200, panel.content

    channels = add_channels(owner, sandbox)
    assert set(channels) == {MediumName.TELEGRAM, MediumName.WHATSAPP_GREENAPI, MediumName.WHATSAPP_META}
    listed = list_channels.sync(client=owner, limit=10)
    assert listed is not None and {c.id for c in listed.items} == {c.id for c in channels.values()}

    telegram = channels[MediumName.TELEGRAM]
    route = create_provider_route.sync_detailed(
        client=owner,
        body=RouteInput(
            name="provider one",
            channel_id=telegram.id,
            provider_domains=["provider-one.com"],
            target_chat_id="-100777",
        ),
    )
    assert route.status_code == 201, route.content
    assert isinstance(route.parsed, Route)

    link = create_linked_user.sync_detailed(
        client=owner, body=LinkUser(medium=MediumName.TELEGRAM, identity=CUSTOMER, username="alice")
    )
    assert link.status_code == 201, link.content
    assert isinstance(link.parsed, LinkedUser) and link.parsed.username == "alice"

    # What would happen, without sending anything: alice's own order goes to the provider,
    # bob's is refused.
    simulation = simulate_command.sync(
        client=owner,
        body=SimulateInput(medium=MediumName.TELEGRAM, sender_id=CUSTOMER, text="2274209, 2274211 refill"),
    )
    assert isinstance(simulation, Simulation)
    assert simulation.sender == SenderKind.LINKED
    assert simulation.username == "alice"
    reasons = {outcome.order_id: outcome.reason for outcome in simulation.outcomes}
    assert reasons == {2274209: "accepted", 2274211: "not_yours"}
    assert [d.text for d in simulation.dispatches] == ["7450284 refill"]

    # The customer really writes, twice; the sandbox's worker and sender handle it.
    for update_id, text in [(1, "2274209 refill"), (2, "2274213 refill")]:
        update = {
            "update_id": 990_000 + update_id,
            "message": {
                "message_id": update_id,
                "from": {"id": int(CUSTOMER), "is_bot": False, "first_name": "Aziz"},
                "chat": {"id": int(CUSTOMER), "first_name": "Aziz", "type": "private"},
                "date": int(time.time()),
                "text": text,
            },
        }
        delivered = httpx.post(
            f"{sandbox.base_url}/webhooks/telegram/{telegram.id}",
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        )
        assert delivered.status_code == 200, delivered.text

    # Page through the command log one entry at a time.
    deadline = time.monotonic() + 30
    while True:
        first = list_command_logs.sync(client=owner, limit=1)
        assert isinstance(first, CommandLogList)
        if first.next_cursor or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    seen = []
    page: CommandLogList | None = first
    while page is not None:
        seen.extend(page.items)
        if not page.next_cursor:
            break
        page = list_command_logs.sync(client=owner, limit=1, cursor=page.next_cursor)
        assert isinstance(page, CommandLogList)
    assert [entry.text for entry in seen] == ["2274213 refill", "2274209 refill"]
    assert all(entry.outcomes[0].reason == "accepted" for entry in seen)

    # The provider group got the clean commands.
    deadline = time.monotonic() + 30
    while True:
        sent = httpx.get(f"{sandbox.telegram_url}/sent").json()
        texts = {m.get("text") for m in sent if str(m.get("chat_id")) == "-100777"}
        if {"7450284 refill", "7450301 refill"} <= texts or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert {"7450284 refill", "7450301 refill"} <= texts


def test_errors_arrive_typed(sandbox: Sandbox) -> None:
    owner = new_workspace(sandbox, "Errors")
    missing = get_channel.sync_detailed(client=owner, id="ch_00000000000000000000000000")
    assert missing.status_code == 404
    assert isinstance(missing.parsed, ErrorEnvelope)
    assert missing.parsed.error.code == ErrorCode.NOT_FOUND
    assert missing.parsed.error.request_id == missing.headers["x-request-id"]

    # A field the Telegram schema does not know is refused, not ignored.
    body = CreateChannelTelegramChannelInput(
        medium=CreateChannelTelegramChannelInputMedium.TELEGRAM, bot_token="123456:SDK-TEST"
    )
    body.additional_properties["nme"] = "typo"
    refused = create_channel.sync_detailed(client=owner, body=body)
    assert refused.status_code == 400
    assert isinstance(refused.parsed, ErrorEnvelope)
    assert refused.parsed.error.code == ErrorCode.UNKNOWN_FIELD
    assert "nme" in refused.parsed.error.message

    anonymous = Client(base_url=sandbox.base_url)
    denied = get_own_workspace.sync_detailed(client=anonymous)  # type: ignore[arg-type]
    assert denied.status_code == 401
    assert isinstance(denied.parsed, ErrorEnvelope)
    assert denied.parsed.error.code == ErrorCode.UNAUTHORIZED
