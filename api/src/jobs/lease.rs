//! Running a scheduled job under its lease: at most one replica runs a (kind, scope) at a
//! time, the holder renews its lease while the run lasts, and a crashed holder's lease runs
//! out so another replica takes the job over. Times come from the state's clock, so tests
//! move time without sleeping.

use super::job::{Cadence, ScheduledJob};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::job_leases::RunOutcome;
use std::time::Duration;

/// What became of one attempt to run a job.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    /// Not due yet, or another replica holds the lease.
    Skipped,
    /// This replica ran it.
    Ran(RunOutcome),
    /// This replica started it but lost the lease while it ran (it was stopped).
    Lost,
}

/// Runs `job` for `scope` when it is due and its lease is free: takes the lease, renews it
/// every third of its length while the run lasts, then records the outcome, sets the next
/// due time and gives the lease up.
pub async fn run_leased(
    state: &AppState,
    job: &dyn ScheduledJob,
    scope: &str,
) -> Result<Attempt, StorageError> {
    let spec = job.spec();
    let leases = state.db.job_leases();
    let started = state.clock.now();
    let owner = state.instance.as_str();
    if !leases
        .acquire(
            spec.kind,
            scope,
            owner,
            started,
            after(started, job.lease()),
        )
        .await?
    {
        return Ok(Attempt::Skipped);
    }
    let renew_every = job.lease() / 3;
    let run = job.run(state, scope, started);
    tokio::pin!(run);
    let result = loop {
        tokio::select! {
            result = &mut run => break Some(result),
            _ = tokio::time::sleep(renew_every.max(Duration::from_millis(10))) => {
                let now = state.clock.now();
                match leases.renew(spec.kind, scope, owner, now, after(now, job.lease())).await {
                    Ok(true) => {}
                    Ok(false) => break None,
                    Err(error) => {
                        tracing::warn!(job = spec.kind, scope, %error, "lease not renewed");
                    }
                }
            }
        }
    };
    let Some(result) = result else {
        tracing::warn!(
            job = spec.kind,
            scope,
            "lease lost while running; run stopped"
        );
        return Ok(Attempt::Lost);
    };
    let outcome = match result {
        Ok(stats) => RunOutcome::Ok(stats.to_string()),
        Err(error) => {
            tracing::warn!(job = spec.kind, scope, %error, "job failed");
            RunOutcome::Failed(error.to_string())
        }
    };
    let finished = state.clock.now();
    let interval = match spec.cadence {
        Cadence::Every(every) => every,
        Cadence::Continuous => Duration::ZERO,
    };
    let kept = leases
        .finish(
            spec.kind,
            scope,
            owner,
            finished,
            after(started, interval),
            &outcome,
        )
        .await?;
    Ok(if kept {
        Attempt::Ran(outcome)
    } else {
        Attempt::Lost
    })
}

/// `at` plus `by`, saturating at the end of time.
fn after(at: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    chrono::Duration::from_std(by)
        .ok()
        .and_then(|by| at.checked_add_signed(by))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
