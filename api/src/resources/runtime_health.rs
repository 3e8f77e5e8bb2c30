//! `GET /v1/health`: the workspace's runtime health, read from stored data only — its
//! channels (validation, last webhook deliveries), its panel connection, its access, what is
//! configured, whether the background loops run somewhere, and its queue backlogs.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::resources::channels::MediumName;
use crate::resources::closed_sets::{ChannelStatus, WebhookOutcome, from_name, name_of};
use crate::resources::settings::RulesMode;
use crate::resources::workspaces::WorkspaceStatus;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use panelrelay_adapters::storage::flow::{WebhookRecord, at};
use panelrelay_adapters::storage::heartbeats::Heartbeat;
use panelrelay_adapters::storage::workspace_health::Backlog;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};
use serde::Serialize;

/// The background loops every deployment needs somewhere.
const RUNNERS: [Runner; 3] = [Runner::Worker, Runner::Sender, Runner::Maintenance];

/// A background loop.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Runner {
    /// Handles customer messages.
    Worker,
    /// Sends replies and provider commands.
    Sender,
    /// Prunes logs and refreshes caches.
    Maintenance,
}

/// Whether a loop runs.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RunnerState {
    /// Seen in the last 90 s.
    Running,
    /// Seen before, not lately.
    Stale,
    /// Never seen.
    NeverSeen,
}

/// The panel connection's state.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum PanelState {
    /// No panel is connected.
    NotConnected,
    /// Connected, never tested.
    Untested,
    /// The last connection test passed.
    Ok,
    /// The last connection test failed.
    Error,
}

/// The workspace's overall state.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum OverallState {
    /// Everything runs.
    Ok,
    /// The panel is not connected or its last test failed, a channel reports an error, or
    /// a background loop is not running.
    Degraded,
}
/// A loop not seen for this long is reported stale (loops beat every 10-30 s).
const STALE_AFTER: Duration = Duration::seconds(90);

/// The workspace's access.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Access {
    /// Whether it may use the API.
    pub status: WorkspaceStatus,
    /// When it was suspended, while it is.
    pub suspended_at: Option<DateTime<Utc>>,
}

/// The panel connection.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct PanelHealth {
    /// Its state (from the last connection test).
    pub status: PanelState,
    /// The panel's API flavour, when connected.
    pub kind: Option<String>,
    /// When the connection was last tested.
    pub last_test_at: Option<DateTime<Utc>>,
    /// The last test's diagnosis.
    pub last_test_summary: Option<String>,
}

/// One channel.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ChannelHealth {
    /// Its id.
    pub id: String,
    /// Its label.
    pub name: String,
    /// Its medium.
    pub medium: MediumName,
    /// Its last validation.
    pub status: ChannelStatus,
    /// When it was last validated.
    pub last_validated_at: Option<DateTime<Utc>>,
    /// The last validation error.
    pub last_error: Option<String>,
    /// When its webhook last brought an event.
    pub last_event_at: Option<DateTime<Utc>>,
    /// When its webhook was last called (any outcome).
    pub last_webhook_at: Option<DateTime<Utc>>,
    /// The outcome of that call.
    pub last_webhook_outcome: Option<WebhookOutcome>,
    /// When a call to its webhook was last refused (HTTP 400 or more).
    pub last_refused_webhook_at: Option<DateTime<Utc>>,
    /// Why.
    pub last_refused_webhook_outcome: Option<WebhookOutcome>,
}

/// What is configured.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Modules {
    /// Whether a panel is connected.
    pub panel_connected: bool,
    /// Channels.
    pub channels: i64,
    /// Channels whose last validation passed.
    pub validated_channels: i64,
    /// Provider routes.
    pub provider_routes: i64,
    /// Enabled provider routes.
    pub enabled_provider_routes: i64,
    /// Whether an enabled fallback route takes orders no other route matches.
    pub fallback_route: bool,
    /// Linked users.
    pub linked_users: i64,
    /// Admin chats.
    pub admin_chats: i64,
    /// Which service rules apply.
    pub rules_mode: RulesMode,
    /// Days logs are kept.
    pub log_retention_days: i64,
}

/// One process running a loop.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RunnerInstance {
    /// `{host}:{pid}`.
    pub instance: String,
    /// When it last completed a round.
    pub last_seen_at: DateTime<Utc>,
    /// Whether that round failed.
    pub last_round_failed: bool,
}

/// One background loop across every process.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RunnerHealth {
    /// The loop.
    pub runner: Runner,
    /// Whether it runs.
    pub status: RunnerState,
    /// When any process last ran it.
    pub last_seen_at: Option<DateTime<Utc>>,
    /// The processes that ran it, the most recent first.
    pub instances: Vec<RunnerInstance>,
}

/// A queue's backlog for this workspace.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct QueueHealth {
    /// Items waiting or in progress.
    pub pending: i64,
    /// Seconds the oldest of them has waited.
    pub oldest_pending_age_seconds: Option<i64>,
    /// Items given up for good.
    pub failed: i64,
}

/// The workspace's runtime health.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RuntimeHealth {
    /// `ok`, or `degraded` when the panel is not connected or its last test did not pass,
    /// a channel reports an error, or a background loop is not running.
    pub status: OverallState,
    /// When this report was made.
    pub checked_at: DateTime<Utc>,
    /// The workspace's access.
    pub access: Access,
    /// The panel connection.
    pub panel: PanelHealth,
    /// Every channel.
    pub channels: Vec<ChannelHealth>,
    /// What is configured.
    pub modules: Modules,
    /// The background loops.
    pub runners: Vec<RunnerHealth>,
    /// Webhook events not yet handled.
    pub inbox: QueueHealth,
    /// Messages not yet sent.
    pub outbox: QueueHealth,
}

fn queue(backlog: Backlog) -> QueueHealth {
    QueueHealth {
        pending: backlog.pending,
        oldest_pending_age_seconds: backlog.oldest_age.map(|age| age.num_seconds().max(0)),
        failed: backlog.failed,
    }
}

fn runner(name: Runner, beats: &[Heartbeat], now: DateTime<Utc>) -> RunnerHealth {
    let stored_name = name_of(&name);
    let instances: Vec<RunnerInstance> = beats
        .iter()
        .filter(|beat| beat.runner == stored_name)
        .map(|beat| RunnerInstance {
            instance: beat.instance.clone(),
            last_seen_at: at(beat.last_seen_at),
            last_round_failed: beat.last_error.is_some(),
        })
        .collect();
    let last_seen_at = instances.iter().map(|i| i.last_seen_at).max();
    let status = match last_seen_at {
        None => RunnerState::NeverSeen,
        Some(seen) if now - seen <= STALE_AFTER => RunnerState::Running,
        Some(_) => RunnerState::Stale,
    };
    RunnerHealth {
        runner: name,
        status,
        last_seen_at,
        instances,
    }
}

fn webhook_at(record: Option<&WebhookRecord>) -> (Option<DateTime<Utc>>, Option<WebhookOutcome>) {
    (
        record.map(|r| at(r.received_at)),
        record.map(|r| from_name(&r.outcome).unwrap_or(WebhookOutcome::Failed)),
    )
}

/// Runtime health.
pub struct RuntimeHealthApi;

#[OpenApi(tag = "ApiTags::RuntimeHealth")]
impl RuntimeHealthApi {
    /// Get the workspace's runtime health.
    #[oai(
        path = "/v1/health",
        method = "get",
        operation_id = "get_runtime_health"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
    ) -> ApiResult<Json<RuntimeHealth>> {
        let workspace_id = auth.0.workspace_id;
        let now = Utc::now();
        let db = &state.db;
        let workspace = db
            .workspaces()
            .get(workspace_id)
            .await?
            .ok_or_else(|| ApiError::not_found("workspace"))?;
        let facts = db.workspace_health(workspace_id);
        let panel = db.panel_connection(workspace_id).get().await?;
        let panel = PanelHealth {
            status: match &panel {
                None => PanelState::NotConnected,
                Some(p) => match p.last_test_ok {
                    None => PanelState::Untested,
                    Some(true) => PanelState::Ok,
                    Some(false) => PanelState::Error,
                },
            },
            kind: panel.as_ref().map(|p| p.kind.clone()),
            last_test_at: panel.as_ref().and_then(|p| p.last_test_at),
            last_test_summary: panel.and_then(|p| p.last_test_summary),
        };
        let stored = db.channels(workspace_id).list(None, None, 200).await?.items;
        let mut channels = Vec::with_capacity(stored.len());
        for channel in stored {
            let (last, refused) = facts.last_webhooks(channel.id).await?;
            let (last_webhook_at, last_webhook_outcome) = webhook_at(last.as_ref());
            let (last_refused_webhook_at, last_refused_webhook_outcome) =
                webhook_at(refused.as_ref());
            channels.push(ChannelHealth {
                id: channel.id.to_string(),
                name: channel.name,
                medium: channel.medium.into(),
                status: ChannelStatus::stored(&channel.status),
                last_validated_at: channel.last_validated_at,
                last_error: channel.last_error,
                last_event_at: channel.last_event_at,
                last_webhook_at,
                last_webhook_outcome,
                last_refused_webhook_at,
                last_refused_webhook_outcome,
            });
        }
        let counts = facts.modules().await?;
        let settings = crate::services::settings::load(db, workspace_id).await?;
        let modules = Modules {
            panel_connected: panel.status != PanelState::NotConnected,
            channels: i64::try_from(channels.len()).unwrap_or(i64::MAX),
            validated_channels: i64::try_from(
                channels
                    .iter()
                    .filter(|c| c.status == ChannelStatus::Ok)
                    .count(),
            )
            .unwrap_or(i64::MAX),
            provider_routes: counts.routes,
            enabled_provider_routes: counts.enabled_routes,
            fallback_route: counts.fallback_routes > 0,
            linked_users: counts.linked_users,
            admin_chats: counts.admin_chats,
            rules_mode: settings.rules_mode.into(),
            log_retention_days: i64::from(settings.log_retention_days),
        };
        let beats = db.heartbeats().await?;
        let runners: Vec<RunnerHealth> = RUNNERS
            .iter()
            .map(|name| runner(*name, &beats, now))
            .collect();
        let degraded = panel.status != PanelState::Ok
            || channels.iter().any(|c| c.status == ChannelStatus::Error)
            || runners.iter().any(|r| r.status != RunnerState::Running);
        Ok(Json(RuntimeHealth {
            status: if degraded {
                OverallState::Degraded
            } else {
                OverallState::Ok
            },
            checked_at: now,
            access: Access {
                status: workspace.status.into(),
                suspended_at: workspace.suspended_at,
            },
            panel,
            channels,
            modules,
            runners,
            inbox: queue(facts.inbox(now).await?),
            outbox: queue(facts.outbox(now).await?),
        }))
    }
}
