//! The job seam: scheduled jobs run under leases on the database, once per interval, by one
//! replica at a time, and a crashed holder's job is taken over after its lease runs out.
//! Time is moved with the test app's clock, never slept.

use crate::support::TestApp;
use chrono::Duration;
use panelrelay_adapters::storage::job_leases::{GLOBAL_SCOPE, RunOutcome};
use panelrelay_api::jobs::job::{Cadence, JobError, JobSpec, ScheduledJob, Scope};
use panelrelay_api::jobs::lease::Attempt;
use panelrelay_api::jobs::registry;
use panelrelay_api::jobs::runner::run_due;
use panelrelay_api::state::AppState;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A job that counts its runs and how many run at once.
struct Counting {
    kind: &'static str,
    scope: Scope,
    runs: AtomicUsize,
    running: AtomicUsize,
    most_at_once: AtomicUsize,
    /// How long a run takes (real time, so concurrent runs would overlap).
    takes: std::time::Duration,
}

impl Counting {
    fn new(kind: &'static str, scope: Scope) -> Arc<Self> {
        Arc::new(Counting {
            kind,
            scope,
            runs: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            most_at_once: AtomicUsize::new(0),
            takes: std::time::Duration::from_millis(50),
        })
    }
}

#[async_trait::async_trait]
impl ScheduledJob for Counting {
    fn spec(&self) -> JobSpec {
        JobSpec {
            kind: self.kind,
            cadence: Cadence::Every(std::time::Duration::from_secs(60)),
            scope: self.scope,
        }
    }

    async fn run(
        &self,
        _state: &AppState,
        scope: &str,
        _now: chrono::DateTime<chrono::Utc>,
    ) -> Result<serde_json::Value, JobError> {
        let now_running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_at_once.fetch_max(now_running, Ordering::SeqCst);
        tokio::time::sleep(self.takes).await;
        self.running.fetch_sub(1, Ordering::SeqCst);
        self.runs.fetch_add(1, Ordering::SeqCst);
        Ok(serde_json::json!({ "scope": scope }))
    }
}

fn ran(attempts: &[(&'static str, String, Attempt)]) -> usize {
    attempts
        .iter()
        .filter(|(_, _, attempt)| matches!(attempt, Attempt::Ran(RunOutcome::Ok(_))))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheduled_job_runs_once_per_interval_across_replicas() {
    let app = TestApp::new().await;
    let replicas = [app.state.clone(), app.replica(), app.replica()];
    let job = Counting::new("counting", Scope::Global);
    let jobs: Vec<Arc<dyn ScheduledJob>> = vec![job.clone()];
    for round in 0..3 {
        // Every replica tries at once; only one holds the lease and runs.
        let tries = replicas.iter().map(|state| {
            let (state, jobs) = (state.clone(), jobs.clone());
            tokio::spawn(async move { run_due(&state, &jobs).await.unwrap() })
        });
        let mut runs = 0;
        for tried in tries {
            runs += ran(&tried.await.unwrap());
        }
        assert_eq!(runs, 1, "round {round}");
        assert_eq!(job.most_at_once.load(Ordering::SeqCst), 1);
        // Not due again within the interval.
        for state in &replicas {
            assert_eq!(ran(&run_due(state, &jobs).await.unwrap()), 0);
        }
        app.clock.advance(Duration::seconds(59));
        assert_eq!(ran(&run_due(&replicas[1], &jobs).await.unwrap()), 0);
        app.clock.advance(Duration::seconds(1));
    }
    assert_eq!(job.runs.load(Ordering::SeqCst), 3);
    let lease = app
        .state
        .db
        .job_leases()
        .get("counting", GLOBAL_SCOPE)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(lease.runs, 3);
    assert!(lease.owner.is_none(), "given up after each run");
    assert_eq!(lease.last_stats.as_deref(), Some(r#"{"scope":""}"#));
    assert!(lease.last_ok_at.is_some() && lease.last_error.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crashed_holder_is_taken_over_after_its_lease_runs_out() {
    let app = TestApp::new().await;
    let job = Counting::new("counting", Scope::Global);
    let jobs: Vec<Arc<dyn ScheduledJob>> = vec![job.clone()];
    // Another replica took the lease and died without giving it up.
    let now = app.state.clock.now();
    let leases = app.state.db.job_leases();
    assert!(
        leases
            .acquire(
                "counting",
                GLOBAL_SCOPE,
                "crashed",
                now,
                now + Duration::seconds(60)
            )
            .await
            .unwrap()
    );
    assert_eq!(ran(&run_due(&app.state, &jobs).await.unwrap()), 0);
    // The taker-over's attempt on the lease itself is refused too.
    let attempt = panelrelay_api::jobs::lease::run_leased(&app.state, job.as_ref(), GLOBAL_SCOPE)
        .await
        .unwrap();
    assert_eq!(attempt, Attempt::Skipped);
    app.clock.advance(Duration::seconds(61));
    assert_eq!(ran(&run_due(&app.state, &jobs).await.unwrap()), 1);
    assert_eq!(job.runs.load(Ordering::SeqCst), 1);
    // The crashed holder, back, cannot renew or finish what it lost.
    let later = app.state.clock.now();
    assert!(
        !leases
            .renew(
                "counting",
                GLOBAL_SCOPE,
                "crashed",
                later,
                later + Duration::seconds(60)
            )
            .await
            .unwrap()
    );
    let outcome = RunOutcome::Failed("late".into());
    assert!(
        !leases
            .finish("counting", GLOBAL_SCOPE, "crashed", later, later, &outcome)
            .await
            .unwrap()
    );
    let lease = leases.get("counting", GLOBAL_SCOPE).await.unwrap().unwrap();
    assert!(lease.last_error.is_none(), "{lease:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_per_workspace_job_holds_one_lease_per_workspace() {
    let app = TestApp::new().await;
    let first = app.workspace("A").await;
    let second = app.workspace("B").await;
    let job = Counting::new("per-workspace", Scope::PerWorkspace);
    let jobs: Vec<Arc<dyn ScheduledJob>> = vec![job.clone()];
    let attempts = run_due(&app.state, &jobs).await.unwrap();
    let mut scopes: Vec<String> = attempts.iter().map(|(_, scope, _)| scope.clone()).collect();
    scopes.sort();
    let mut expected = vec![first.id.clone(), second.id.clone()];
    expected.sort();
    assert_eq!(scopes, expected);
    assert_eq!(ran(&attempts), 2);
    // Each workspace's lease is its own: one taken elsewhere does not hold up the other.
    app.clock.advance(Duration::seconds(60));
    let now = app.state.clock.now();
    let leases = app.state.db.job_leases();
    assert!(
        leases
            .acquire(
                "per-workspace",
                &first.id,
                "elsewhere",
                now,
                now + Duration::seconds(60)
            )
            .await
            .unwrap()
    );
    let attempts = run_due(&app.state, &jobs).await.unwrap();
    assert_eq!(ran(&attempts), 1);
    assert_eq!(attempts[0].1, second.id);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_registry_runs_retention_under_a_lease() {
    let app = TestApp::new().await;
    let jobs = registry::scheduled();
    let attempts = run_due(&app.state, &jobs).await.unwrap();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    let (kind, scope, attempt) = &attempts[0];
    assert_eq!((*kind, scope.as_str()), ("maintenance", GLOBAL_SCOPE));
    assert_eq!(
        attempt,
        &Attempt::Ran(RunOutcome::Ok(r#"{"deleted":0}"#.into()))
    );
    // Due again only after its interval.
    assert!(run_due(&app.state, &jobs).await.unwrap().is_empty());
    app.clock.advance(Duration::seconds(600));
    assert_eq!(run_due(&app.state, &jobs).await.unwrap().len(), 1);
}
