//! The maintenance job: deletes each workspace's log and conversation rows older than its
//! `log_retention_days`, in bounded batches, and forgets replicas gone for a week. One
//! replica runs it per interval (the lease holder).

use super::job::{Cadence, JobError, JobSpec, ScheduledJob, Scope};
use crate::services::settings;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use panelrelay_adapters::storage::StorageError;

/// Rows deleted per table per statement.
pub const BATCH: i64 = 500;
/// Batches per workspace per run, so one run stays bounded; the rest waits for the next run.
pub const MAX_BATCHES: usize = 20;
/// How long deliveries to unknown channels (no workspace) are kept.
pub const UNOWNED_RETENTION: Duration = Duration::days(30);
/// Processes not seen for this long are dropped from the heartbeats.
pub const HEARTBEAT_RETENTION: Duration = Duration::days(7);
/// How often retention runs (across all replicas).
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(600);

/// Deletes the rows every workspace's retention period has passed at `now`. Returns how many
/// rows went.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> Result<usize, StorageError> {
    let mut deleted = 0;
    let mut after: Option<String> = None;
    loop {
        let page = state
            .db
            .workspaces()
            .list(None, after.as_deref(), 100)
            .await?;
        for workspace in &page.items {
            let days = settings::load(&state.db, workspace.id)
                .await?
                .log_retention_days;
            let cutoff = now - Duration::days(i64::from(days));
            for _ in 0..MAX_BATCHES {
                let gone = state.db.purge_before(workspace.id, cutoff, BATCH).await?;
                deleted += gone;
                // Below one batch in total: no table had a full batch, nothing is left.
                if gone < BATCH as usize {
                    break;
                }
            }
        }
        match page.next_after {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    for _ in 0..MAX_BATCHES {
        let gone = state
            .db
            .purge_unowned_webhooks(now - UNOWNED_RETENTION, BATCH)
            .await?;
        deleted += gone;
        if gone < BATCH as usize {
            break;
        }
    }
    state
        .db
        .forget_heartbeats(now - HEARTBEAT_RETENTION)
        .await?;
    Ok(deleted)
}

/// Retention as a scheduled job: once per [`INTERVAL`] on one replica (the lease holder).
pub struct Maintenance;

#[async_trait::async_trait]
impl ScheduledJob for Maintenance {
    fn spec(&self) -> JobSpec {
        JobSpec {
            kind: "maintenance",
            cadence: Cadence::Every(INTERVAL),
            scope: Scope::Global,
        }
    }

    async fn run(
        &self,
        state: &AppState,
        _scope: &str,
        now: DateTime<Utc>,
    ) -> Result<serde_json::Value, JobError> {
        let deleted = run_once(state, now).await?;
        tracing::info!(deleted, "retention pass done");
        Ok(serde_json::json!({ "deleted": deleted }))
    }
}
