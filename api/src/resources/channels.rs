//! `/v1/channels`: the workspace's Telegram bots, Green API instances and Meta WhatsApp
//! numbers. Secrets are write-only and sealed; each channel shows its webhook URL.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::closed_sets::ChannelStatus;
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::secrets::{TokenKind, issue_token, last_chars};
use panelrelay_adapters::storage::channels::{Channel as StoredChannel, ChannelFields};
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_core::access::Role;
use panelrelay_core::ids::ChannelId;
use panelrelay_core::medium::Medium;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Union};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A messaging medium.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum MediumName {
    /// Telegram Bot API.
    Telegram,
    /// WhatsApp through Green API.
    WhatsappGreenapi,
    /// WhatsApp Cloud API (Meta).
    WhatsappMeta,
}

impl From<MediumName> for Medium {
    fn from(medium: MediumName) -> Self {
        match medium {
            MediumName::Telegram => Medium::Telegram,
            MediumName::WhatsappGreenapi => Medium::WhatsappGreenapi,
            MediumName::WhatsappMeta => Medium::WhatsappMeta,
        }
    }
}

impl From<Medium> for MediumName {
    fn from(medium: Medium) -> Self {
        match medium {
            Medium::Telegram => MediumName::Telegram,
            Medium::WhatsappGreenapi => MediumName::WhatsappGreenapi,
            Medium::WhatsappMeta => MediumName::WhatsappMeta,
        }
    }
}

/// Changes to a channel's settings and secrets. Which fields apply depends on the medium:
/// Telegram `bot_token`; Green API `id_instance`, `api_token`; Meta `phone_number_id`,
/// `access_token`, `app_secret`. `webhook_secret` (Telegram, Green API) and `verify_token`
/// (Meta) are generated when not given. Base URLs default to the providers' own.
#[derive(Object, Debug, Clone, Default, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct ChannelInput {
    /// A label, 1-100 characters.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
    /// Telegram: the bot token from @BotFather (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub bot_token: Option<String>,
    /// Green API: the instance id.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub id_instance: Option<String>,
    /// Green API: the instance's API token (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub api_token: Option<String>,
    /// Meta: the WhatsApp phone number id.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub phone_number_id: Option<String>,
    /// Meta: the access token (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub access_token: Option<String>,
    /// Meta: the app secret that signs webhooks (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub app_secret: Option<String>,
    /// Meta: the webhook verify token (generated when absent; read it back as the channel's
    /// `verify_token`).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub verify_token: Option<String>,
    /// Telegram and Green API: the token webhooks must carry (secret; generated when absent).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub webhook_secret: Option<String>,
    /// The provider API's base URL (Telegram `https://api.telegram.org`, Green API
    /// `https://api.green-api.com`, Meta `https://graph.facebook.com`); set it to point a
    /// channel at a local sandbox.
    pub api_base_url: Option<String>,
    /// Meta: the Graph API version (default `v26.0`).
    #[oai(validator(max_length = 10, pattern = r"^v"))]
    pub graph_version: Option<String>,
}

impl poem_openapi::types::Example for ChannelInput {
    fn example() -> Self {
        ChannelInput {
            name: Some("Support bot (main)".into()),
            ..ChannelInput::default()
        }
    }
}

/// A new Telegram bot.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct TelegramChannelInput {
    /// A label, 1-100 characters (default `telegram`).
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
    /// The bot token from @BotFather (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub bot_token: String,
    /// The token Telegram must send in `X-Telegram-Bot-Api-Secret-Token` (secret;
    /// generated when absent).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub webhook_secret: Option<String>,
    /// The Bot API's base URL (default `https://api.telegram.org`); set it to point the
    /// channel at a local sandbox.
    pub api_base_url: Option<String>,
}

impl poem_openapi::types::Example for TelegramChannelInput {
    fn example() -> Self {
        TelegramChannelInput {
            name: Some("Support bot".into()),
            bot_token: "7345678901:AAF3kq9xZp0-example-token".into(),
            webhook_secret: None,
            api_base_url: None,
        }
    }
}

/// A new WhatsApp number connected through Green API.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct GreenapiChannelInput {
    /// A label, 1-100 characters (default `whatsapp_greenapi`).
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
    /// The instance id.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub id_instance: String,
    /// The instance's API token (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub api_token: String,
    /// The bearer token Green API must send with webhooks (secret; generated when absent).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub webhook_secret: Option<String>,
    /// Green API's base URL (default `https://api.green-api.com`).
    pub api_base_url: Option<String>,
}

impl poem_openapi::types::Example for GreenapiChannelInput {
    fn example() -> Self {
        GreenapiChannelInput {
            name: Some("WhatsApp support".into()),
            id_instance: "1101823456".into(),
            api_token: "d75b3a66374942c5b3c019c698abc2067e151558acbd412345".into(),
            webhook_secret: None,
            api_base_url: None,
        }
    }
}

/// A new WhatsApp number on the WhatsApp Cloud API (Meta).
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct MetaChannelInput {
    /// A label, 1-100 characters (default `whatsapp_meta`).
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
    /// The WhatsApp phone number id.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub phone_number_id: String,
    /// The access token (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub access_token: String,
    /// The app secret that signs webhooks (secret).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub app_secret: String,
    /// The webhook verify token (generated when absent; read it back as the channel's
    /// `verify_token`).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub verify_token: Option<String>,
    /// The Graph API's base URL (default `https://graph.facebook.com`).
    pub api_base_url: Option<String>,
    /// The Graph API version (default `v26.0`).
    #[oai(validator(max_length = 10, pattern = r"^v"))]
    pub graph_version: Option<String>,
}

impl poem_openapi::types::Example for MetaChannelInput {
    fn example() -> Self {
        MetaChannelInput {
            name: Some("WhatsApp Business".into()),
            phone_number_id: "109876543210987".into(),
            access_token: "EAAGm0PX4ZCpsBAexampletoken".into(),
            app_secret: "4f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c".into(),
            verify_token: None,
            api_base_url: None,
            graph_version: None,
        }
    }
}

/// A new channel: one schema per medium, chosen by `medium`.
#[derive(Union, Debug, Clone, Serialize)]
#[oai(discriminator_name = "medium", one_of)]
#[serde(tag = "medium")]
pub enum CreateChannel {
    /// A Telegram bot.
    #[oai(mapping = "telegram")]
    #[serde(rename = "telegram")]
    Telegram(TelegramChannelInput),
    /// WhatsApp through Green API.
    #[oai(mapping = "whatsapp_greenapi")]
    #[serde(rename = "whatsapp_greenapi")]
    WhatsappGreenapi(GreenapiChannelInput),
    /// WhatsApp Cloud API (Meta).
    #[oai(mapping = "whatsapp_meta")]
    #[serde(rename = "whatsapp_meta")]
    WhatsappMeta(MetaChannelInput),
}

impl CreateChannel {
    /// The medium and its settings in the shape [`ChannelInput`] gives them.
    fn split(&self) -> (Medium, ChannelInput) {
        match self.clone() {
            CreateChannel::Telegram(input) => (
                Medium::Telegram,
                ChannelInput {
                    name: input.name,
                    bot_token: Some(input.bot_token),
                    webhook_secret: input.webhook_secret,
                    api_base_url: input.api_base_url,
                    ..ChannelInput::default()
                },
            ),
            CreateChannel::WhatsappGreenapi(input) => (
                Medium::WhatsappGreenapi,
                ChannelInput {
                    name: input.name,
                    id_instance: Some(input.id_instance),
                    api_token: Some(input.api_token),
                    webhook_secret: input.webhook_secret,
                    api_base_url: input.api_base_url,
                    ..ChannelInput::default()
                },
            ),
            CreateChannel::WhatsappMeta(input) => (
                Medium::WhatsappMeta,
                ChannelInput {
                    name: input.name,
                    phone_number_id: Some(input.phone_number_id),
                    access_token: Some(input.access_token),
                    app_secret: Some(input.app_secret),
                    verify_token: input.verify_token,
                    api_base_url: input.api_base_url,
                    graph_version: input.graph_version,
                    ..ChannelInput::default()
                },
            ),
        }
    }
}

/// What is known of a stored secret.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct SecretHint {
    /// Whether it is set.
    pub set: bool,
    /// Its last four characters.
    pub last4: String,
}

/// A channel. Secrets are never returned, only hints.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct Channel {
    /// Its id.
    pub id: String,
    /// The medium.
    pub medium: MediumName,
    /// A label.
    pub name: String,
    /// Where the provider must deliver webhooks.
    pub webhook_url: String,
    /// Non-secret settings (`id_instance`, `phone_number_id`, `api_base_url`, `graph_version`).
    pub settings: BTreeMap<String, String>,
    /// Secret hints by name.
    pub secrets: BTreeMap<String, SecretHint>,
    /// Meta: the webhook verify token in full, to paste into the App Dashboard's webhook
    /// settings (a token the owner shares with Meta, not a credential to Meta's API).
    pub verify_token: Option<String>,
    /// Its last validation.
    pub status: ChannelStatus,
    /// When it was last validated.
    pub last_validated_at: Option<DateTime<Utc>>,
    /// The last validation error.
    pub last_error: Option<String>,
    /// When its webhook last delivered an event.
    pub last_event_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A page of channels.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ChannelList {
    /// Newest first.
    pub items: Vec<Channel>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateChannelResponse {
    /// The channel.
    #[oai(status = 201)]
    Created(
        Json<Channel>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

/// Which settings and secrets each medium takes: (settings, required secrets, generated secret).
fn shape(
    medium: Medium,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
) {
    match medium {
        Medium::Telegram => (&[], &["bot_token"], "webhook_secret"),
        Medium::WhatsappGreenapi => (&["id_instance"], &["api_token"], "webhook_secret"),
        Medium::WhatsappMeta => (
            &["phone_number_id"],
            &["access_token", "app_secret"],
            "verify_token",
        ),
    }
}

fn default_base(medium: Medium) -> &'static str {
    match medium {
        Medium::Telegram => "https://api.telegram.org",
        Medium::WhatsappGreenapi => "https://api.green-api.com",
        Medium::WhatsappMeta => "https://graph.facebook.com",
    }
}

fn secret_fields(input: &ChannelInput) -> [(&'static str, &Option<String>); 6] {
    [
        ("bot_token", &input.bot_token),
        ("api_token", &input.api_token),
        ("access_token", &input.access_token),
        ("app_secret", &input.app_secret),
        ("verify_token", &input.verify_token),
        ("webhook_secret", &input.webhook_secret),
    ]
}

fn check_value(name: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.len() > 1000 || value.chars().any(char::is_control) {
        return Err(ApiError::invalid_body(format!(
            "{name} must be 1-1000 printable characters"
        )));
    }
    Ok(value.to_string())
}

/// Merges input into the existing settings and secrets, checking what the medium needs.
fn merge(
    state: &AppState,
    medium: Medium,
    input: &ChannelInput,
    existing: Option<&StoredChannel>,
) -> Result<ChannelFields, ApiError> {
    let (setting_names, required, generated) = shape(medium);
    let mut secrets: BTreeMap<String, String> = match existing {
        Some(channel) => {
            let opened = state
                .secrets
                .open(&channel.secrets_sealed)
                .map_err(ApiError::internal)?;
            serde_json::from_str(&opened).map_err(ApiError::internal)?
        }
        None => BTreeMap::new(),
    };
    let allowed: Vec<&str> = required.iter().copied().chain([generated]).collect();
    for (name, value) in secret_fields(input) {
        if let Some(value) = value {
            if !allowed.contains(&name) {
                return Err(ApiError::invalid_body(format!(
                    "{name} does not apply to {}",
                    medium.as_str()
                )));
            }
            secrets.insert(name.to_string(), check_value(name, value)?);
        }
    }
    for name in required {
        if !secrets.contains_key(*name) {
            return Err(ApiError::invalid_body(format!(
                "{name} is required for {}",
                medium.as_str()
            )));
        }
    }
    if !secrets.contains_key(generated) {
        let token = issue_token(TokenKind::Workspace).map_err(ApiError::internal)?;
        secrets.insert(
            generated.to_string(),
            token
                .secret
                .trim_start_matches("prk_")
                .replace(['-', '_'], ""),
        );
    }
    let mut config: BTreeMap<String, String> = existing
        .and_then(|c| serde_json::from_value(c.config.clone()).ok())
        .unwrap_or_default();
    for (name, value) in [
        ("id_instance", &input.id_instance),
        ("phone_number_id", &input.phone_number_id),
    ] {
        if let Some(value) = value {
            if !setting_names.contains(&name) {
                return Err(ApiError::invalid_body(format!(
                    "{name} does not apply to {}",
                    medium.as_str()
                )));
            }
            config.insert(name.to_string(), check_value(name, value)?);
        }
    }
    for name in setting_names {
        if !config.contains_key(*name) {
            return Err(ApiError::invalid_body(format!(
                "{name} is required for {}",
                medium.as_str()
            )));
        }
    }
    if let Some(url) = &input.api_base_url {
        let url = panelrelay_adapters::panels::validate_base_url(url).map_err(|e| {
            ApiError::invalid_body(e.to_string().replace("base_url", "api_base_url"))
        })?;
        config.insert("api_base_url".into(), url);
    }
    config
        .entry("api_base_url".into())
        .or_insert_with(|| default_base(medium).into());
    if medium == Medium::WhatsappMeta {
        if let Some(version) = &input.graph_version {
            if !version.starts_with('v') || version.len() > 10 {
                return Err(ApiError::invalid_body("graph_version looks like v26.0"));
            }
            config.insert("graph_version".into(), version.clone());
        }
        config
            .entry("graph_version".into())
            .or_insert_with(|| "v26.0".into());
    }
    let name = match (&input.name, existing) {
        (Some(name), _) => super::names::validate_name(name)?,
        (None, Some(channel)) => channel.name.clone(),
        (None, None) => medium.as_str().to_string(),
    };
    let hints = secrets
        .iter()
        .map(|(k, v)| (k.clone(), last_chars(v, 4)))
        .collect();
    let sealed = state
        .secrets
        .seal(&serde_json::to_string(&secrets).map_err(ApiError::internal)?)
        .map_err(ApiError::internal)?;
    Ok(ChannelFields {
        name,
        config: serde_json::to_value(config).map_err(ApiError::internal)?,
        secrets_sealed: sealed,
        secret_hints: hints,
    })
}

/// The public form of a stored channel.
pub fn view(state: &AppState, channel: StoredChannel) -> Channel {
    let verify_token = (channel.medium == Medium::WhatsappMeta)
        .then(|| meta_verify_token(state, &channel.secrets_sealed))
        .flatten();
    Channel {
        verify_token,
        webhook_url: format!(
            "{}/webhooks/{}/{}",
            state.public_url,
            channel.medium.as_str(),
            channel.id
        ),
        id: channel.id.to_string(),
        medium: channel.medium.into(),
        name: channel.name,
        settings: serde_json::from_value(channel.config).unwrap_or_default(),
        secrets: channel
            .secret_hints
            .into_iter()
            .map(|(name, last4)| (name, SecretHint { set: true, last4 }))
            .collect(),
        status: ChannelStatus::stored(&channel.status),
        last_validated_at: channel.last_validated_at,
        last_error: channel.last_error,
        last_event_at: channel.last_event_at,
        created_at: channel.created_at,
        updated_at: channel.updated_at,
    }
}

fn parse_id(id: &str) -> Result<ChannelId, ApiError> {
    ChannelId::parse(id).ok_or_else(|| ApiError::not_found("channel"))
}

/// The result of validating a channel.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ChannelValidation {
    /// Whether the channel works and its webhook points here.
    pub ok: bool,
    /// `ok`, `auth_failed`, `timeout`, `unreachable`, `instance_not_authorized`,
    /// `webhook_mismatch`, `phone_mismatch`, `provider_error`, `invalid_config`, …
    pub status: String,
    /// What was checked and what to do, in plain words.
    pub detail: String,
    /// Telegram: the bot's username.
    pub bot_username: Option<String>,
    /// Meta: the number as displayed.
    pub display_phone: Option<String>,
    /// Meta: the verified business name.
    pub verified_name: Option<String>,
    /// The channel with its stored validation state.
    pub channel: Channel,
}

/// Channels.
pub struct ChannelsApi;

#[OpenApi(tag = "ApiTags::Channels")]
impl ChannelsApi {
    /// Add a channel (owner). Secrets are encrypted and never returned.
    #[oai(
        path = "/v1/channels",
        method = "post",
        operation_id = "create_channel"
    )]
    async fn create(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first answer.
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        body: Json<CreateChannel>,
    ) -> ApiResult<CreateChannelResponse> {
        let member = auth.0;
        member.require(Role::Owner)?;
        let (medium, input) = body.split();
        let fields = merge(&state, medium, &input, None)?;
        let scope = IdempotencyScope::Workspace(member.workspace_id);
        let channel = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_channel",
            &body.0,
            async {
                let channel = state
                    .db
                    .channels(member.workspace_id)
                    .create(medium, fields, Utc::now())
                    .await?;
                state.channel_cache.forget(channel.id);
                Ok(view(&state, channel))
            },
        )
        .await?;
        let location = location("/v1/channels", &channel.id);
        Ok(CreateChannelResponse::Created(Json(channel), location))
    }

    /// List the workspace's channels, newest first.
    #[oai(path = "/v1/channels", method = "get", operation_id = "list_channels")]
    async fn list(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Only channels of this medium.
        medium: Query<Option<MediumName>>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ChannelList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .channels(auth.0.workspace_id)
            .list(medium.0.map(Into::into), page.after(), page.limit)
            .await?;
        Ok(Json(ChannelList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(|c| view(&state, c)).collect(),
        }))
    }

    /// Get a channel.
    #[oai(
        path = "/v1/channels/:id",
        method = "get",
        operation_id = "get_channel"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Channel>> {
        let channel = state
            .db
            .channels(auth.0.workspace_id)
            .get(parse_id(&id)?)
            .await?;
        channel
            .map(|c| Json(view(&state, c)))
            .ok_or_else(|| ApiError::not_found("channel"))
    }

    /// Update a channel (owner).
    ///
    /// Update a channel (owner): given fields replace, absent ones stay. Validation state
    /// is reset.
    #[oai(
        path = "/v1/channels/:id",
        method = "patch",
        operation_id = "update_channel"
    )]
    async fn update(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<ChannelInput>,
    ) -> ApiResult<Json<Channel>> {
        auth.0.require(Role::Owner)?;
        let channels = state.db.channels(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let existing = channels
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("channel"))?;
        let fields = merge(&state, existing.medium, &body, Some(&existing))?;
        let updated = channels.update(id, fields, Utc::now()).await?;
        state.channel_cache.forget(id);
        updated
            .map(|c| Json(view(&state, c)))
            .ok_or_else(|| ApiError::not_found("channel"))
    }

    /// Validate a channel and set its webhook (owner).
    ///
    /// Validate a channel against its provider and point the provider's webhook here
    /// (owner): Telegram `getMe` + `setWebhook` + `getWebhookInfo`; Green API
    /// `getStateInstance` + webhook settings (the instance restarts); Meta phone-number check.
    #[oai(
        path = "/v1/channels/:id/validate",
        method = "post",
        operation_id = "validate_channel"
    )]
    async fn validate(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<ChannelValidation>> {
        auth.0.require(Role::Owner)?;
        let channels = state.db.channels(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let stored = channels
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("channel"))?;
        let open = crate::services::channels::OpenChannel::open(&state.secrets, stored)
            .map_err(ApiError::internal)?;
        let report = match open
            .validate(state.messengers.http(), &state.public_url)
            .await
        {
            Ok(report) => report,
            Err(err) => panelrelay_adapters::messaging::ValidationReport {
                ok: false,
                status: "invalid_config".into(),
                detail: err.to_string(),
                ..Default::default()
            },
        };
        let error = (!report.ok).then_some(report.detail.as_str());
        channels
            .record_validation(id, report.ok, error, Utc::now())
            .await?;
        state.channel_cache.forget(id);
        tracing::info!(workspace_id = %auth.0.workspace_id, channel = %id, ok = report.ok, status = %report.status, "channel validated");
        let channel = channels
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("channel"))?;
        Ok(Json(ChannelValidation {
            ok: report.ok,
            status: report.status,
            detail: report.detail,
            bot_username: report.bot_username,
            display_phone: report.display_phone,
            verified_name: report.verified_name,
            channel: view(&state, channel),
        }))
    }

    /// Delete a channel (owner). A channel that provider routes use cannot be deleted.
    #[oai(
        path = "/v1/channels/:id",
        method = "delete",
        operation_id = "delete_channel"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Channel>> {
        auth.0.require(Role::Owner)?;
        let channels = state.db.channels(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let existing = channels
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("channel"))?;
        let deleted = channels.delete(id).await;
        state.channel_cache.forget(id);
        match deleted {
            Ok(true) => Ok(Json(view(&state, existing))),
            Ok(false) => Err(ApiError::not_found("channel")),
            Err(panelrelay_adapters::storage::StorageError::Conflict(_)) => Err(ApiError::new(
                ErrorCode::Conflict,
                "provider routes use this channel; delete or move them first",
            )),
            Err(err) => Err(err.into()),
        }
    }
}

/// A Meta channel's verify token, opened from its sealed secrets.
fn meta_verify_token(state: &AppState, sealed: &str) -> Option<String> {
    let plain = state.secrets.open(sealed).ok()?;
    let secrets: BTreeMap<String, String> = serde_json::from_str(&plain).ok()?;
    secrets.get("verify_token").cloned()
}
