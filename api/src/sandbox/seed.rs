//! The demo workspace, written straight through the repositories: an owner key, the fake
//! panel connected, one channel per medium pointing at the fakes, provider routes and
//! alice linked on every medium.

use crate::runtime::StartupError;
use crate::state::AppState;
use chrono::Utc;
use panelrelay_adapters::secrets::{TokenKind, issue_token, last_chars};
use panelrelay_adapters::storage::api_keys::NewApiKey;
use panelrelay_adapters::storage::channels::ChannelFields;
use panelrelay_adapters::storage::panel_connections::PanelConnection;
use panelrelay_adapters::storage::provider_routes::RouteFields;
use panelrelay_core::access::Role;
use panelrelay_core::ids::{ChannelId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::routing::DispatchTemplates;
use std::collections::BTreeMap;

/// Alice's chat identity on each medium (the fixtures' senders).
pub const ALICE_TELEGRAM: &str = "5123456789";
/// Alice on WhatsApp through Green API.
pub const ALICE_GREENAPI: &str = "79001234567@c.us";
/// Alice on WhatsApp Cloud API.
pub const ALICE_META: &str = "5215512345678";
/// Where provider-one.com's commands go (through the Telegram channel).
pub const PROVIDER_ONE_GROUP: &str = "-1001";
/// Where provider-two.com's commands go (through the Telegram channel).
pub const PROVIDER_TWO_GROUP: &str = "-1002";

/// The demo channels' credentials, generated per run; the fakes check them.
#[derive(Debug, Clone)]
pub struct DemoSecrets {
    /// Telegram bot token.
    pub bot_token: String,
    /// Telegram `X-Telegram-Bot-Api-Secret-Token`.
    pub telegram_webhook_secret: String,
    /// Green API instance id.
    pub id_instance: String,
    /// Green API token.
    pub api_token: String,
    /// Green API webhook `Authorization: Bearer` token.
    pub greenapi_webhook_secret: String,
    /// Meta phone number id.
    pub phone_number_id: String,
    /// Meta access token.
    pub access_token: String,
    /// Meta app secret (signs webhooks).
    pub app_secret: String,
    /// Meta webhook verify token.
    pub verify_token: String,
}

fn random() -> Result<String, StartupError> {
    let token = issue_token(TokenKind::Workspace)
        .map_err(|err| StartupError(format!("sandbox secrets: {err}")))?;
    Ok(token
        .secret
        .trim_start_matches("prk_")
        .replace(['-', '_'], ""))
}

impl DemoSecrets {
    /// Fresh random credentials.
    pub fn generate() -> Result<Self, StartupError> {
        Ok(DemoSecrets {
            bot_token: format!("7345678901:AA{}", random()?),
            telegram_webhook_secret: random()?,
            id_instance: "1101823456".into(),
            api_token: random()?,
            greenapi_webhook_secret: random()?,
            phone_number_id: "109876543210987".into(),
            access_token: format!("EAAG{}", random()?),
            app_secret: random()?,
            verify_token: random()?,
        })
    }
}

/// Base URLs of the fakes.
#[derive(Debug, Clone)]
pub struct FakeUrls {
    /// The fake panel's root.
    pub panel: String,
    /// The fake Telegram Bot API.
    pub telegram: String,
    /// The fake Green API.
    pub greenapi: String,
    /// The fake Meta Graph API.
    pub meta: String,
}

/// What was seeded.
#[derive(Debug, Clone)]
pub struct Demo {
    /// The demo workspace.
    pub workspace_id: WorkspaceId,
    /// Its owner API key (shown once).
    pub owner_key: String,
    /// The Telegram channel (also carries the provider groups).
    pub telegram: ChannelId,
    /// The Green API channel.
    pub greenapi: ChannelId,
    /// The Meta channel.
    pub meta: ChannelId,
}

fn fail(what: &str) -> impl Fn(panelrelay_adapters::storage::StorageError) -> StartupError + '_ {
    move |err| StartupError(format!("sandbox: {what}: {err}"))
}

/// Creates a fresh demo workspace (one per run: its owner key can only be shown once).
pub async fn seed(
    state: &AppState,
    urls: &FakeUrls,
    secrets: &DemoSecrets,
) -> Result<Demo, StartupError> {
    let now = Utc::now();
    let token = issue_token(TokenKind::Workspace)
        .map_err(|err| StartupError(format!("sandbox owner key: {err}")))?;
    let owner = NewApiKey {
        name: "sandbox owner".into(),
        role: Role::Owner,
        prefix: token.prefix.clone(),
        secret_hash: token.hash.clone(),
    };
    let name = format!("Sandbox demo {}", now.format("%Y-%m-%d %H:%M:%S"));
    let (workspace, _) = state
        .db
        .workspaces()
        .create(&name, owner, now)
        .await
        .map_err(fail("workspace"))?;
    let ws = workspace.id;

    let api_key_sealed = seal(state, crate::fakes::panel_admin_v2::PANEL_API_KEY)?;
    state
        .db
        .panel_connection(ws)
        .put(
            PanelConnection {
                kind: "perfect_panel_v2".into(),
                base_url: urls.panel.clone(),
                timezone: "UTC".into(),
                api_key_sealed,
                api_key_last4: last_chars(crate::fakes::panel_admin_v2::PANEL_API_KEY, 4),
                requests_per_second: 5,
                timeout_ms: 10_000,
                last_test_at: None,
                last_test_ok: None,
                last_test_summary: None,
                created_at: now,
                updated_at: now,
            },
            now,
        )
        .await
        .map_err(fail("panel connection"))?;

    let channels = state.db.channels(ws);
    let telegram = fields(
        state,
        "Sandbox Telegram bot",
        &[("api_base_url", &urls.telegram)],
        &[
            ("bot_token", &secrets.bot_token),
            ("webhook_secret", &secrets.telegram_webhook_secret),
        ],
    )?;
    let telegram = channels
        .create(Medium::Telegram, telegram, now)
        .await
        .map_err(fail("telegram channel"))?
        .id;
    let greenapi = fields(
        state,
        "Sandbox WhatsApp (Green API)",
        &[
            ("api_base_url", &urls.greenapi),
            ("id_instance", &secrets.id_instance),
        ],
        &[
            ("api_token", &secrets.api_token),
            ("webhook_secret", &secrets.greenapi_webhook_secret),
        ],
    )?;
    let greenapi = channels
        .create(Medium::WhatsappGreenapi, greenapi, now)
        .await
        .map_err(fail("green api channel"))?
        .id;
    let meta = fields(
        state,
        "Sandbox WhatsApp (Meta)",
        &[
            ("api_base_url", &urls.meta),
            ("graph_version", "v26.0"),
            ("phone_number_id", &secrets.phone_number_id),
        ],
        &[
            ("access_token", &secrets.access_token),
            ("app_secret", &secrets.app_secret),
            ("verify_token", &secrets.verify_token),
        ],
    )?;
    let meta = channels
        .create(Medium::WhatsappMeta, meta, now)
        .await
        .map_err(fail("meta channel"))?
        .id;

    for (name, domain, group) in [
        ("provider one", "provider-one.com", PROVIDER_ONE_GROUP),
        ("provider two", "provider-two.com", PROVIDER_TWO_GROUP),
    ] {
        let route = RouteFields {
            name: name.into(),
            channel_id: telegram,
            provider_domains: vec![domain.into()],
            alias: None,
            target_chat_id: group.into(),
            target_topic_id: None,
            templates: DispatchTemplates::default(),
            enabled: true,
            is_fallback: false,
        };
        state
            .db
            .provider_routes(ws)
            .create(route, now)
            .await
            .map_err(fail("provider route"))?
            .ok_or_else(|| StartupError("sandbox: provider route: no channel".into()))?;
    }
    for (medium, chat) in [
        (Medium::Telegram, ALICE_TELEGRAM),
        (Medium::WhatsappGreenapi, ALICE_GREENAPI),
        (Medium::WhatsappMeta, ALICE_META),
    ] {
        state
            .db
            .identities(ws)
            .link(medium, chat, "alice", now)
            .await
            .map_err(fail("linked user"))?;
    }
    tracing::info!(workspace_id = %ws, "sandbox demo workspace seeded");
    Ok(Demo {
        workspace_id: ws,
        owner_key: token.secret,
        telegram,
        greenapi,
        meta,
    })
}

fn seal(state: &AppState, plain: &str) -> Result<String, StartupError> {
    state
        .secrets
        .seal(plain)
        .map_err(|err| StartupError(format!("sandbox: sealing a secret: {err}")))
}

/// A channel's stored fields, as `/v1/channels` stores them: settings plain, the secrets
/// one sealed JSON object, hints of their last four characters.
fn fields(
    state: &AppState,
    name: &str,
    settings: &[(&str, &str)],
    secrets: &[(&str, &str)],
) -> Result<ChannelFields, StartupError> {
    let config: BTreeMap<&str, &str> = settings.iter().copied().collect();
    let secrets: BTreeMap<String, String> = secrets
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    let hints = secrets
        .iter()
        .map(|(k, v)| (k.clone(), last_chars(v, 4)))
        .collect();
    let json = serde_json::to_string(&secrets)
        .map_err(|err| StartupError(format!("sandbox: secrets: {err}")))?;
    Ok(ChannelFields {
        name: name.into(),
        config: serde_json::to_value(config)
            .map_err(|err| StartupError(format!("sandbox: settings: {err}")))?,
        secrets_sealed: seal(state, &json)?,
        secret_hints: hints,
    })
}
