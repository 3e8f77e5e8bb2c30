//! `GET /v1/health`: the workspace's runtime health, read from stored data only — its
//! channels (validation, last webhook deliveries), its panel connection, its access, what is
//! configured, whether the background loops run somewhere, and its queue backlogs.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use panelrelay_adapters::storage::flow::{WebhookRecord, at};
use panelrelay_adapters::storage::heartbeats::Heartbeat;
use panelrelay_adapters::storage::workspace_health::Backlog;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// The background loops every deployment needs somewhere.
const RUNNERS: [&str; 3] = ["worker", "sender", "maintenance"];
/// A loop not seen for this long is reported stale (loops beat every 10-30 s).
const STALE_AFTER: Duration = Duration::seconds(90);

/// The workspace's access.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Access {
    /// `active` or `suspended`.
    pub status: String,
    /// When it was suspended, while it is.
    pub suspended_at: Option<DateTime<Utc>>,
}

/// The panel connection.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct PanelHealth {
    /// `not_connected`, `untested`, `ok` or `error` (the last connection test).
    pub status: String,
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
    pub medium: String,
    /// `unvalidated`, `ok` or `error` (the last validation).
    pub status: String,
    /// When it was last validated.
    pub last_validated_at: Option<DateTime<Utc>>,
    /// The last validation error.
    pub last_error: Option<String>,
    /// When its webhook last brought an event.
    pub last_event_at: Option<DateTime<Utc>>,
    /// When its webhook was last called (any outcome).
    pub last_webhook_at: Option<DateTime<Utc>>,
    /// The outcome of that call (`accepted`, `duplicate`, `bad_signature`, …).
    pub last_webhook_outcome: Option<String>,
    /// When a call to its webhook was last refused (HTTP 400 or more).
    pub last_refused_webhook_at: Option<DateTime<Utc>>,
    /// Why (`bad_signature`, `malformed`, `oversize`, `unavailable`, …).
    pub last_refused_webhook_outcome: Option<String>,
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
    /// `quick` or `advanced` service rules.
    pub rules_mode: String,
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
    /// `worker`, `sender` or `maintenance`.
    pub runner: String,
    /// `running` (seen in the last 90 s), `stale` (seen before) or `never_seen`.
    pub status: String,
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
    pub status: String,
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

fn runner(name: &str, beats: &[Heartbeat], now: DateTime<Utc>) -> RunnerHealth {
    let instances: Vec<RunnerInstance> = beats
        .iter()
        .filter(|beat| beat.runner == name)
        .map(|beat| RunnerInstance {
            instance: beat.instance.clone(),
            last_seen_at: at(beat.last_seen_at),
            last_round_failed: beat.last_error.is_some(),
        })
        .collect();
    let last_seen_at = instances.iter().map(|i| i.last_seen_at).max();
    let status = match last_seen_at {
        None => "never_seen",
        Some(seen) if now - seen <= STALE_AFTER => "running",
        Some(_) => "stale",
    };
    RunnerHealth {
        runner: name.into(),
        status: status.into(),
        last_seen_at,
        instances,
    }
}

fn webhook_at(record: Option<&WebhookRecord>) -> (Option<DateTime<Utc>>, Option<String>) {
    (
        record.map(|r| at(r.received_at)),
        record.map(|r| r.outcome.clone()),
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
                None => "not_connected",
                Some(p) => match p.last_test_ok {
                    None => "untested",
                    Some(true) => "ok",
                    Some(false) => "error",
                },
            }
            .into(),
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
                medium: channel.medium.as_str().into(),
                status: channel.status,
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
            panel_connected: panel.status != "not_connected",
            channels: i64::try_from(channels.len()).unwrap_or(i64::MAX),
            validated_channels: i64::try_from(channels.iter().filter(|c| c.status == "ok").count())
                .unwrap_or(i64::MAX),
            provider_routes: counts.routes,
            enabled_provider_routes: counts.enabled_routes,
            fallback_route: counts.fallback_routes > 0,
            linked_users: counts.linked_users,
            admin_chats: counts.admin_chats,
            rules_mode: serde_json::to_value(settings.rules_mode)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            log_retention_days: i64::from(settings.log_retention_days),
        };
        let beats = db.heartbeats().await?;
        let runners: Vec<RunnerHealth> = RUNNERS
            .iter()
            .map(|name| runner(name, &beats, now))
            .collect();
        let degraded = panel.status != "ok"
            || channels.iter().any(|c| c.status == "error")
            || runners.iter().any(|r| r.status != "running");
        Ok(Json(RuntimeHealth {
            status: if degraded { "degraded" } else { "ok" }.into(),
            checked_at: now,
            access: Access {
                status: workspace.status.as_str().into(),
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
