//! The maintenance runner: deletes each workspace's log and conversation rows older than its
//! `log_retention_days`, in bounded batches. One replica runs it per interval (a key-value
//! lock), the others only report their heartbeat.

use super::heartbeat::{Pulse, instance_id};
use crate::resources::settings;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use panelrelay_adapters::storage::StorageError;
use tokio::sync::watch;

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
/// How often the loop wakes to beat and to try the lock.
const TICK: std::time::Duration = std::time::Duration::from_secs(30);
/// The lock that elects the replica running retention for one interval.
const LOCK: &str = "maintenance:retention";

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

/// Runs retention once per [`INTERVAL`] on one replica until `stop` turns true.
pub async fn run_loop(state: AppState, mut stop: watch::Receiver<bool>) {
    tracing::info!(loop_name = "maintenance", "started");
    let mut pulse = Pulse::new("maintenance");
    while !*stop.borrow() {
        let error = match state.kv.lock(LOCK, instance_id(), INTERVAL).await {
            Ok(true) => match run_once(&state, Utc::now()).await {
                Ok(deleted) => {
                    tracing::info!(deleted, "retention pass done");
                    None
                }
                Err(err) => Some(err.to_string()),
            },
            Ok(false) => None,
            Err(err) => Some(err.to_string()),
        };
        if let Some(error) = &error {
            tracing::warn!(loop_name = "maintenance", %error, "round failed");
        }
        pulse.beat(&state, error.as_deref()).await;
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!(loop_name = "maintenance", "stopped");
}
