//! What a background job is: its kind, cadence and scope, and the trait a scheduled job
//! implements (run once per interval under a lease, globally or per workspace).

use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::StorageError;
use std::time::Duration;

/// How a job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// Always, in every worker replica, claiming its own items under per-item leases.
    Continuous,
    /// Once per interval, by one replica at a time (the lease holder).
    Every(Duration),
}

/// Where a job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Once for the whole platform.
    Global,
    /// Once for each workspace it applies to, each under its own lease.
    PerWorkspace,
}

/// What the registry says of one job kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobSpec {
    /// The kind's name, as leases, logs and heartbeats show it.
    pub kind: &'static str,
    /// How it runs.
    pub cadence: Cadence,
    /// Where it runs.
    pub scope: Scope,
}

/// Why a scheduled run failed (it is recorded on the lease and tried again at the next
/// interval).
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The job's own failure, explained (no secrets).
    #[error("{0}")]
    Failed(String),
}

/// A job run once per interval under a lease.
#[async_trait::async_trait]
pub trait ScheduledJob: Send + Sync + 'static {
    /// The job's kind, interval and scope.
    fn spec(&self) -> JobSpec;

    /// How long a holder may run without renewing its lease (renewed every third of it
    /// while the run lasts); a crashed holder's job is taken over after this long.
    fn lease(&self) -> Duration {
        Duration::from_secs(60)
    }

    /// The workspaces a per-workspace job applies to now (a global job is not asked).
    async fn workspaces(&self, state: &AppState) -> Result<Vec<String>, JobError> {
        let mut ids = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = state
                .db
                .workspaces()
                .list(None, after.as_deref(), 500)
                .await?;
            ids.extend(page.items.iter().map(|workspace| workspace.id.to_string()));
            match page.next_after {
                Some(next) => after = Some(next),
                None => return Ok(ids),
            }
        }
    }

    /// Runs once for `scope` (a workspace id, or empty for a global job) at `now`, and
    /// returns what it did (recorded as the lease's last stats).
    async fn run(
        &self,
        state: &AppState,
        scope: &str,
        now: DateTime<Utc>,
    ) -> Result<serde_json::Value, JobError>;
}
