//! The background loops of a process: the worker and the sender, woken by ingress and
//! polling as a fallback, and the maintenance runner; each records its heartbeat, and all
//! stop on shutdown.

use super::heartbeat::Pulse;
use super::{maintenance, sender, worker};
use crate::state::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// Items claimed per round; a round handles its chats concurrently, so this bounds the
/// events (and panel lookups) in flight: 256 keeps ~5,000 events/s moving at 50 ms of panel
/// latency.
const BATCH: i64 = 256;
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
                worker::run_once(&state, BATCH)
                    .await
                    .map_err(|e| e.to_string())
            })
        })),
        tokio::spawn(run_loop(
            "sender",
            sender_state.clone(),
            stop.clone(),
            |state| Box::pin(async move { sender::run_once(&state, BATCH).await }),
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
