//! `/v1/panel`: the panel a workspace connects (type, URL, timezone, write-only key), and
//! `POST /v1/panel/test` to see what works.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::resources::closed_sets::ServicesSource;
use crate::services::panel::{client, redact};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels::{self, Diagnosis, PanelKind};
use panelrelay_adapters::secrets::last_chars;
use panelrelay_adapters::storage::panel_connections::PanelConnection;
use panelrelay_core::access::Role;
use panelrelay_core::ports::panel::PanelCapabilities;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

/// The API a panel speaks.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum PanelType {
    /// Perfect Panel admin API v2 (`/adminapi/v2`, `X-Api-Key`): orders with owner, provider
    /// and external id, users, tickets.
    PerfectPanelV2,
    /// Rental-style admin API v1 (`/adminapi/v1`, action-based): orders with owner, provider
    /// and external id, users.
    AdminV1,
    /// Reseller API v2 (`/api/v2`) for panels without an admin API: status and services only;
    /// no ownership check and no forwarding (admin chats only).
    ResellerV2,
}

impl From<PanelType> for PanelKind {
    fn from(kind: PanelType) -> Self {
        match kind {
            PanelType::PerfectPanelV2 => PanelKind::PerfectPanelV2,
            PanelType::AdminV1 => PanelKind::AdminV1,
            PanelType::ResellerV2 => PanelKind::ResellerV2,
        }
    }
}

impl From<PanelKind> for PanelType {
    fn from(kind: PanelKind) -> Self {
        match kind {
            PanelKind::PerfectPanelV2 => PanelType::PerfectPanelV2,
            PanelKind::AdminV1 => PanelType::AdminV1,
            PanelKind::ResellerV2 => PanelType::ResellerV2,
        }
    }
}

/// Connects (or reconnects) the workspace's panel.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct PutPanel {
    /// The panel's API.
    #[oai(rename = "type")]
    pub kind: PanelType,
    /// The panel's address, e.g. `https://yourpanel.com` (http or https).
    #[oai(validator(pattern = "^https?://"))]
    pub base_url: String,
    /// IANA timezone of the panel's dates, e.g. `Asia/Kolkata` (default `UTC`).
    pub timezone: Option<String>,
    /// The admin (or reseller) API key. Write-only: never returned. Required the first time;
    /// omit it to keep the stored key.
    #[oai(validator(min_length = 1, max_length = 512))]
    pub api_key: Option<String>,
    /// Requests per second panelrelay sends to the panel at most, 1-50 (default 5).
    #[oai(validator(minimum(value = "1"), maximum(value = "50")))]
    pub requests_per_second: Option<i32>,
    /// Per-request timeout in seconds, 1-60 (default 10).
    #[oai(validator(minimum(value = "1"), maximum(value = "60")))]
    pub timeout_seconds: Option<i32>,
}

impl poem_openapi::types::Example for PutPanel {
    fn example() -> Self {
        PutPanel {
            kind: PanelType::PerfectPanelV2,
            base_url: "https://yourpanel.com".into(),
            timezone: Some("Asia/Kolkata".into()),
            api_key: Some("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6".into()),
            requests_per_second: Some(5),
            timeout_seconds: Some(10),
        }
    }
}

/// What a panel type can do.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Capabilities {
    /// Orders can be looked up by id.
    pub order_lookup: bool,
    /// Orders carry their owner's username (ownership checks work).
    pub ownership: bool,
    /// Orders carry the provider and its order id (forwarding works).
    pub external_ids: bool,
    /// Users can be looked up by username.
    pub users: bool,
    /// User balances are available.
    pub balance: bool,
    /// Where the service list comes from.
    pub services: ServicesSource,
    /// Tickets can be listed.
    pub tickets_list: bool,
    /// A ticket can be read.
    pub tickets_get: bool,
    /// Tickets can be answered.
    pub tickets_reply: bool,
    /// Tickets can be opened in a customer's account (self-service linking codes).
    pub tickets_open: bool,
    /// Order ids per panel call.
    pub orders_per_call: i64,
}

impl From<PanelCapabilities> for Capabilities {
    fn from(c: PanelCapabilities) -> Self {
        Capabilities {
            order_lookup: c.order_lookup,
            ownership: c.ownership,
            external_ids: c.external_ids,
            users: c.users,
            balance: c.balance,
            services: c.services.into(),
            tickets_list: c.tickets.list,
            tickets_get: c.tickets.get,
            tickets_reply: c.tickets.reply,
            tickets_open: c.tickets.open,
            orders_per_call: i64::from(c.orders_per_call),
        }
    }
}

/// The last connection test.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct LastTest {
    /// When it ran.
    pub at: DateTime<Utc>,
    /// Whether it passed.
    pub ok: bool,
    /// Its diagnosis.
    pub summary: String,
}

/// The workspace's panel connection. The key is never shown.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Panel {
    /// The panel's API.
    #[oai(rename = "type")]
    pub kind: PanelType,
    /// The panel's address.
    pub base_url: String,
    /// Timezone of the panel's dates.
    pub timezone: String,
    /// Whether a key is stored.
    pub api_key_set: bool,
    /// The key's last four characters.
    pub api_key_last4: String,
    /// Requests per second at most.
    pub requests_per_second: i32,
    /// Per-request timeout in seconds.
    pub timeout_seconds: i32,
    /// What this panel type can do.
    pub capabilities: Capabilities,
    /// The last test, if any.
    pub last_test: Option<LastTest>,
    /// When it was first connected.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The result of `POST /v1/panel/test`.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct PanelTest {
    /// Reachable and authenticated.
    pub ok: bool,
    /// The panel answered at the HTTP level.
    pub reachable: bool,
    /// The key was accepted.
    pub authenticated: bool,
    /// Round trip of the probe in milliseconds.
    pub latency_ms: i64,
    /// A machine code for the failure (`panel_timeout`, `panel_bad_key`,
    /// `panel_challenge_page`, …), absent on success.
    pub error_code: Option<String>,
    /// What works and what to do, in plain words.
    pub summary: String,
    /// What this panel type can do.
    pub capabilities: Capabilities,
}

fn view(connection: PanelConnection) -> ApiResult<Panel> {
    let kind = PanelKind::parse(&connection.kind)
        .ok_or_else(|| ApiError::internal("stored panel kind"))?;
    let capabilities = panels::capabilities(kind).into();
    let last_test = match (
        connection.last_test_at,
        connection.last_test_ok,
        connection.last_test_summary,
    ) {
        (Some(at), Some(ok), Some(summary)) => Some(LastTest { at, ok, summary }),
        _ => None,
    };
    Ok(Panel {
        kind: kind.into(),
        base_url: connection.base_url,
        timezone: connection.timezone,
        api_key_set: !connection.api_key_sealed.is_empty(),
        api_key_last4: connection.api_key_last4,
        requests_per_second: connection.requests_per_second,
        timeout_seconds: connection.timeout_ms / 1000,
        capabilities,
        last_test,
        created_at: connection.created_at,
        updated_at: connection.updated_at,
    })
}

/// The workspace's panel connection.
pub struct PanelApiResource;

#[OpenApi(tag = "ApiTags::Panel")]
impl PanelApiResource {
    /// Connect the workspace's panel (owner).
    ///
    /// Connect the workspace's panel (owner). The key is encrypted at rest and never returned.
    #[oai(path = "/v1/panel", method = "put", operation_id = "put_panel")]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        body: Json<PutPanel>,
    ) -> ApiResult<Json<Panel>> {
        let member = auth.0;
        member.require(Role::Owner)?;
        let base_url = panels::validate_base_url(&body.base_url)
            .map_err(|e| ApiError::invalid_body(e.to_string()))?;
        let timezone = body.timezone.clone().unwrap_or_else(|| "UTC".into());
        if timezone.parse::<panels::Tz>().is_err() {
            return Err(ApiError::invalid_body(format!(
                "unknown timezone '{timezone}'; use an IANA name like Asia/Kolkata"
            )));
        }
        let requests_per_second = body.requests_per_second.unwrap_or(5);
        if !(1..=50).contains(&requests_per_second) {
            return Err(ApiError::invalid_body("requests_per_second must be 1-50"));
        }
        let timeout_seconds = body.timeout_seconds.unwrap_or(10);
        if !(1..=60).contains(&timeout_seconds) {
            return Err(ApiError::invalid_body("timeout_seconds must be 1-60"));
        }
        let connections = state.db.panel_connection(member.workspace_id);
        let (api_key_sealed, api_key_last4) = match body.api_key.as_deref().map(str::trim) {
            Some(key) if !key.is_empty() => {
                if key.len() > 512 || key.chars().any(char::is_control) {
                    return Err(ApiError::invalid_body(
                        "api_key must be 1-512 printable characters",
                    ));
                }
                (
                    state.secrets.seal(key).map_err(ApiError::internal)?,
                    last_chars(key, 4),
                )
            }
            Some(_) => return Err(ApiError::invalid_body("api_key must not be empty")),
            None => match connections.get().await? {
                Some(existing) => (existing.api_key_sealed, existing.api_key_last4),
                None => {
                    return Err(ApiError::invalid_body(
                        "api_key is required when connecting a panel",
                    ));
                }
            },
        };
        let now = Utc::now();
        let saved = connections
            .put(
                PanelConnection {
                    kind: PanelKind::from(body.kind).as_str().into(),
                    base_url,
                    timezone,
                    api_key_sealed,
                    api_key_last4,
                    requests_per_second,
                    timeout_ms: timeout_seconds * 1000,
                    last_test_at: None,
                    last_test_ok: None,
                    last_test_summary: None,
                    created_at: now,
                    updated_at: now,
                },
                now,
            )
            .await?;
        tracing::info!(workspace_id = %member.workspace_id, kind = %saved.kind, "panel connected");
        Ok(Json(view(saved)?))
    }

    /// Get the workspace's panel connection (the key is never shown).
    #[oai(path = "/v1/panel", method = "get", operation_id = "get_panel")]
    async fn get(&self, auth: WorkspaceAuth, state: Data<&AppState>) -> ApiResult<Json<Panel>> {
        let connection = state.db.panel_connection(auth.0.workspace_id).get().await?;
        let connection =
            connection.ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no panel connected"))?;
        Ok(Json(view(connection)?))
    }

    /// Test the panel connection (agent).
    ///
    /// Test the panel connection (agent): reachability, authentication, capabilities, latency
    /// and a diagnosis in plain words. The result is stored and shown on the panel.
    #[oai(path = "/v1/panel/test", method = "post", operation_id = "test_panel")]
    async fn test(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
    ) -> ApiResult<Json<PanelTest>> {
        let member = auth.0;
        member.require(Role::Agent)?;
        let (panel, key) = client(&state.db, &state.secrets, member.workspace_id).await?;
        let Diagnosis {
            reachable,
            authenticated,
            latency_ms,
            capabilities,
            summary,
            error_code,
        } = panels::diagnose(panel.as_ref()).await;
        let summary = redact(&summary, &key);
        let ok = reachable && authenticated;
        state
            .db
            .panel_connection(member.workspace_id)
            .record_test(ok, &summary, Utc::now())
            .await?;
        tracing::info!(workspace_id = %member.workspace_id, ok, latency_ms, code = error_code.unwrap_or("ok"), "panel tested");
        Ok(Json(PanelTest {
            ok,
            reachable,
            authenticated,
            latency_ms: i64::try_from(latency_ms).unwrap_or(i64::MAX),
            error_code: error_code.map(String::from),
            summary,
            capabilities: capabilities.into(),
        }))
    }
}
