//! The background loops of a process: the worker and the sender, woken by ingress and
//! polling as a fallback, and the maintenance runner; each records its heartbeat, and all
//! stop on shutdown.

use super::heartbeat::Pulse;
use super::{maintenance, sender, worker};
use crate::state::AppState;
use panelrelay_adapters::storage::{Backend, Database};
use std::time::Duration;
use tokio::sync::watch;

/// Items claimed per round. A round handles its chats concurrently and ends when its
/// slowest chat is done, so this bounds the work (and panel lookups) in flight: on SQLite
/// 256 (measured: 1,024 made the worker hold the one connection so long that webhook
/// acknowledgements waited, ack p99 17 -> 174 ms), on PostgreSQL 1,024, where each event
/// waits on round trips and more in flight means more throughput (373 -> 528 commands/s).
fn batch(db: &Database) -> i64 {
    match db.backend() {
        Backend::Sqlite => 256,
        Backend::Postgres => 1024,
    }
}
/// The longest sleep between rounds when idle.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// Starts the worker, the sender and the maintenance runner; they stop when `stop` turns
/// true.
pub fn spawn(state: AppState, stop: watch::Receiver<bool>) -> Vec<tokio::task::JoinHandle<()>> {
    let worker_state = state.clone();
    let sender_state = state;
    vec![
        tokio::spawn(run_loop("worker", worker_state, stop.clone(), |state| {
            Box::pin(async move {
                worker::run_once(&state, batch(&state.db))
                    .await
                    .map_err(|e| e.to_string())
            })
        })),
        tokio::spawn(run_loop(
            "sender",
            sender_state.clone(),
            stop.clone(),
            |state| Box::pin(async move { sender::run_once(&state, batch(&state.db)).await }),
        )),
        tokio::spawn(maintenance::run_loop(sender_state, stop)),
    ]
}

type Round = std::pin::Pin<Box<dyn std::future::Future<Output = Result<usize, String>> + Send>>;

async fn run_loop(
    name: &'static str,
    state: AppState,
    mut stop: watch::Receiver<bool>,
    round: fn(AppState) -> Round,
) {
    tracing::info!(loop_name = name, "started");
    let mut pulse = Pulse::new(name);
    loop {
        if *stop.borrow() {
            break;
        }
        let handled = match round(state.clone()).await {
            Ok(handled) => {
                pulse.beat(&state, None).await;
                handled
            }
            Err(err) => {
                tracing::warn!(loop_name = name, error = %err, "round failed");
                pulse.beat(&state, Some(&err)).await;
                0
            }
        };
        if handled > 0 {
            continue;
        }
        tokio::select! {
            _ = state.wake.notified() => {}
            _ = tokio::time::sleep(IDLE_POLL) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!(loop_name = name, "stopped");
}
