//! Heartbeats of the background loops: each loop of each process records, at most every
//! [`BEAT_EVERY`], that it completed a round, so any replica's health report can tell which
//! loops run somewhere and which were never seen.

use chrono::Utc;
use panelrelay_adapters::storage::Database;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The most often a loop writes its heartbeat.
pub const BEAT_EVERY: Duration = Duration::from_secs(10);

/// This process: `{host}:{pid}` (the host from `HOSTNAME`, else `local`).
pub fn instance_id() -> &'static str {
    static INSTANCE: OnceLock<String> = OnceLock::new();
    INSTANCE.get_or_init(|| {
        let host = std::env::var("HOSTNAME")
            .ok()
            .filter(|host| !host.is_empty())
            .unwrap_or_else(|| "local".into());
        format!("{host}:{}", std::process::id())
    })
}

/// The heartbeat of one loop in this process.
pub struct Pulse {
    runner: &'static str,
    last: Option<Instant>,
}

impl Pulse {
    /// A loop that has not beaten yet.
    pub fn new(runner: &'static str) -> Self {
        Pulse { runner, last: None }
    }

    /// Records a completed round (with its error, if it failed) unless one was recorded
    /// less than [`BEAT_EVERY`] ago; a failed round is always recorded.
    pub async fn beat(&mut self, db: &Database, error: Option<&str>) {
        let due = self.last.is_none_or(|last| last.elapsed() >= BEAT_EVERY);
        if !due && error.is_none() {
            return;
        }
        match db.beat(self.runner, instance_id(), Utc::now(), error).await {
            Ok(()) => self.last = Some(Instant::now()),
            Err(err) => {
                tracing::warn!(loop_name = self.runner, error = %err, "heartbeat write failed")
            }
        }
    }
}
