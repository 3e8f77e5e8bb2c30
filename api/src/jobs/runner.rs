//! The jobs of a worker replica: the continuous ones (the worker and the sender, each a
//! continuously refilled [`scheduler`] woken by ingress and polling as a fallback) and the
//! scheduled ones, started when due under their leases by one loop; each loop records its
//! heartbeat, and all stop on shutdown.

use super::job::{JobError, ScheduledJob, Scope};
use super::lease::{Attempt, run_leased};
use super::registry;
use crate::flow::heartbeat::Pulse;
use crate::flow::scheduler::{self, Slots};
use crate::flow::{sender, worker};
use crate::state::AppState;
use panelrelay_adapters::storage::job_leases::GLOBAL_SCOPE;
use panelrelay_adapters::storage::{Backend, Database, from_db_time};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::watch;

/// How often the scheduled jobs are looked at.
const TICK: Duration = Duration::from_secs(5);

/// The heartbeat name of the scheduled jobs' loop (runtime health has shown its only job,
/// retention, under this name since before there was a registry).
const SCHEDULED_LOOP: &str = "maintenance";

/// Items held at once by the worker and by the sender, which bounds the work (and panel
/// lookups) in flight: on SQLite 256 (measured with rounds: 1,024 made the worker hold the
/// one connection so long that webhook acknowledgements waited, ack p99 17 -> 174 ms), on
/// PostgreSQL 1,024, where each event waits on round trips and more in flight means more
/// throughput (373 -> 528 commands/s).
fn slots(db: &Database) -> usize {
    match db.backend() {
        Backend::Sqlite => 256,
        Backend::Postgres => 1024,
    }
}

/// Starts the continuous jobs and the loop of the scheduled ones; they stop when `stop`
/// turns true.
pub fn spawn(state: AppState, stop: watch::Receiver<bool>) -> Vec<tokio::task::JoinHandle<()>> {
    let slots = Slots::new(slots(&state.db));
    let inbox = Arc::new(worker::Inbox::new(state.clone()));
    let outbox = Arc::new(sender::Outbox::new(state.clone()));
    vec![
        tokio::spawn(scheduler::run(inbox, slots, state.clone(), stop.clone())),
        tokio::spawn(scheduler::run(outbox, slots, state.clone(), stop.clone())),
        tokio::spawn(scheduled_loop(state, registry::scheduled(), stop)),
    ]
}

/// One job to run in one scope.
struct Due {
    job: Arc<dyn ScheduledJob>,
    scope: String,
}

/// The (job, scope) pairs of `jobs` that are due now and not held by another replica, as
/// their leases say (one read per job kind; a scope that never ran is due).
async fn due(state: &AppState, jobs: &[Arc<dyn ScheduledJob>]) -> Result<Vec<Due>, JobError> {
    let now = state.clock.now();
    let mut due = Vec::new();
    for job in jobs {
        let spec = job.spec();
        let scopes = match spec.scope {
            Scope::Global => vec![GLOBAL_SCOPE.to_owned()],
            Scope::PerWorkspace => job.workspaces(state).await?,
        };
        let leases: HashMap<String, _> = state
            .db
            .job_leases()
            .of_kind(spec.kind)
            .await?
            .into_iter()
            .map(|lease| (lease.scope.clone(), lease))
            .collect();
        for scope in scopes {
            let ready = leases.get(&scope).is_none_or(|lease| {
                !lease.held_at(now) && lease.next_run_at.is_none_or(|at| from_db_time(at) <= now)
            });
            if ready {
                due.push(Due {
                    job: job.clone(),
                    scope,
                });
            }
        }
    }
    Ok(due)
}

/// Runs every due (job, scope) of `jobs` once, concurrently, and waits for them: what one
/// scheduling round does, for tests and one-off runs. Returns each attempt with its kind
/// and scope.
pub async fn run_due(
    state: &AppState,
    jobs: &[Arc<dyn ScheduledJob>],
) -> Result<Vec<(&'static str, String, Attempt)>, JobError> {
    let mut runs = tokio::task::JoinSet::new();
    for due in due(state, jobs).await? {
        let state = state.clone();
        runs.spawn(async move {
            let attempt = run_leased(&state, due.job.as_ref(), &due.scope).await;
            (due.job.spec().kind, due.scope, attempt)
        });
    }
    let mut attempts = Vec::new();
    while let Some(joined) = runs.join_next().await {
        let (kind, scope, attempt) =
            joined.map_err(|error| JobError::Failed(format!("job task: {error}")))?;
        attempts.push((kind, scope, attempt?));
    }
    attempts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(attempts)
}

/// Starts the due scheduled jobs every [`TICK`] until `stop` turns true; a (job, scope)
/// still running in this replica is not started again. Runs in progress at shutdown are
/// dropped (their leases run out and the job is due again).
async fn scheduled_loop(
    state: AppState,
    jobs: Vec<Arc<dyn ScheduledJob>>,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(loop_name = SCHEDULED_LOOP, jobs = jobs.len(), "started");
    let mut pulse = Pulse::new(SCHEDULED_LOOP);
    let running: Arc<Mutex<HashSet<(&'static str, String)>>> = Arc::default();
    let mut runs = tokio::task::JoinSet::new();
    while !*stop.borrow() {
        let error = match due(&state, &jobs).await {
            Ok(due) => {
                for due in due {
                    let key = (due.job.spec().kind, due.scope.clone());
                    let fresh = running
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(key.clone());
                    if !fresh {
                        continue;
                    }
                    let (state, running) = (state.clone(), running.clone());
                    runs.spawn(async move {
                        if let Err(error) = run_leased(&state, due.job.as_ref(), &due.scope).await {
                            tracing::warn!(job = key.0, scope = key.1, %error, "job not run");
                        }
                        running
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .remove(&key);
                    });
                }
                None
            }
            Err(error) => {
                tracing::warn!(loop_name = SCHEDULED_LOOP, %error, "due jobs unreadable");
                Some(error.to_string())
            }
        };
        pulse.beat(&state.db, error.as_deref()).await;
        while runs.try_join_next().is_some() {}
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = stop.changed() => {}
        }
    }
    runs.abort_all();
    tracing::info!(loop_name = SCHEDULED_LOOP, "stopped");
}
