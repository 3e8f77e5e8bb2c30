//! Leases of the background jobs: at most one replica runs a (job kind, scope) at a time,
//! and a crashed holder's lease runs out so another replica takes the job over. Each row
//! also keeps when the job runs next and how its last run went.

use super::schema::job_leases;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// The scope of a global job (one lease for the whole platform).
pub const GLOBAL_SCOPE: &str = "";

/// One job's lease and run record.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = job_leases)]
pub struct JobLease {
    /// The job kind (`maintenance`, …).
    pub kind: String,
    /// The workspace id, or [`GLOBAL_SCOPE`].
    pub scope: String,
    /// The replica holding the lease, if any.
    pub owner: Option<String>,
    /// Until when the holder may run the job without renewing.
    pub lease_until: Option<NaiveDateTime>,
    /// The holder's last renewal.
    pub heartbeat_at: Option<NaiveDateTime>,
    /// When the job is due next (`None`: now).
    pub next_run_at: Option<NaiveDateTime>,
    /// When the last run started.
    pub last_started_at: Option<NaiveDateTime>,
    /// When a run last succeeded.
    pub last_ok_at: Option<NaiveDateTime>,
    /// When a run last failed.
    pub last_error_at: Option<NaiveDateTime>,
    /// That failure.
    pub last_error: Option<String>,
    /// What the last successful run did (JSON).
    pub last_stats: Option<String>,
    /// Runs finished.
    pub runs: i64,
}

impl JobLease {
    /// Whether a holder's lease is still running at `now`.
    pub fn held_at(&self, now: DateTime<Utc>) -> bool {
        self.owner.is_some()
            && self
                .lease_until
                .is_some_and(|until| from_db_time(until) > now)
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub enum RunOutcome {
    /// It succeeded; what it did, as JSON.
    Ok(String),
    /// It failed, with the reason (no secrets).
    Failed(String),
}

/// The leases of the background jobs.
pub struct JobLeases<'a> {
    db: &'a Database,
}

impl Database {
    /// The background jobs' leases.
    pub fn job_leases(&self) -> JobLeases<'_> {
        JobLeases { db: self }
    }
}

impl JobLeases<'_> {
    /// Takes the lease of `kind` in `scope` for `owner` until `until`, when the job is due at
    /// `now` and no other holder's lease is running. Returns whether `owner` holds it now.
    pub async fn acquire(
        &self,
        kind: &str,
        scope: &str,
        owner: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let (now, until) = (to_db_time(now), to_db_time(until));
        Ok(with_conn!(self.db, |conn| {
            diesel::insert_into(job_leases::table)
                .values((
                    job_leases::kind.eq(kind),
                    job_leases::scope.eq(scope),
                    job_leases::runs.eq(0_i64),
                ))
                .on_conflict_do_nothing()
                .execute(conn)
                .await?;
            let free = job_leases::owner
                .is_null()
                .or(job_leases::lease_until.is_null())
                .or(job_leases::lease_until.le(now))
                .or(job_leases::owner.eq(owner));
            let due = job_leases::next_run_at
                .is_null()
                .or(job_leases::next_run_at.le(now));
            let taken = diesel::update(
                job_leases::table
                    .filter(job_leases::kind.eq(kind))
                    .filter(job_leases::scope.eq(scope))
                    .filter(free)
                    .filter(due),
            )
            .set((
                job_leases::owner.eq(owner),
                job_leases::lease_until.eq(until),
                job_leases::heartbeat_at.eq(now),
                job_leases::last_started_at.eq(now),
            ))
            .execute(conn)
            .await?;
            taken == 1
        }))
    }

    /// Extends `owner`'s lease of `kind` in `scope` to `until`. Returns false when `owner`
    /// no longer holds it (it ran out and another replica took it): the run should stop.
    pub async fn renew(
        &self,
        kind: &str,
        scope: &str,
        owner: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            diesel::update(
                job_leases::table
                    .filter(job_leases::kind.eq(kind))
                    .filter(job_leases::scope.eq(scope))
                    .filter(job_leases::owner.eq(owner)),
            )
            .set((
                job_leases::lease_until.eq(to_db_time(until)),
                job_leases::heartbeat_at.eq(to_db_time(now)),
            ))
            .execute(conn)
            .await?
                == 1
        }))
    }

    /// Records how `owner`'s run of `kind` in `scope` ended at `now`, sets when the job is
    /// due next, and gives the lease up. Returns false when `owner` had lost the lease (the
    /// record is then left to the new holder).
    pub async fn finish(
        &self,
        kind: &str,
        scope: &str,
        owner: &str,
        now: DateTime<Utc>,
        next_run_at: DateTime<Utc>,
        outcome: &RunOutcome,
    ) -> Result<bool, StorageError> {
        let (now, next) = (to_db_time(now), to_db_time(next_run_at));
        let held = job_leases::table
            .filter(job_leases::kind.eq(kind))
            .filter(job_leases::scope.eq(scope))
            .filter(job_leases::owner.eq(owner));
        let release = (
            job_leases::owner.eq(None::<String>),
            job_leases::lease_until.eq(None::<NaiveDateTime>),
            job_leases::next_run_at.eq(next),
            job_leases::runs.eq(job_leases::runs + 1),
        );
        Ok(with_conn!(self.db, |conn| {
            let updated = match outcome {
                RunOutcome::Ok(stats) => {
                    diesel::update(held)
                        .set((
                            release,
                            job_leases::last_ok_at.eq(now),
                            job_leases::last_stats.eq(stats),
                        ))
                        .execute(conn)
                        .await?
                }
                RunOutcome::Failed(error) => {
                    diesel::update(held)
                        .set((
                            release,
                            job_leases::last_error_at.eq(now),
                            job_leases::last_error.eq(error),
                        ))
                        .execute(conn)
                        .await?
                }
            };
            updated == 1
        }))
    }

    /// The lease of `kind` in `scope`, if the job ever ran there.
    pub async fn get(&self, kind: &str, scope: &str) -> Result<Option<JobLease>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            job_leases::table
                .filter(job_leases::kind.eq(kind))
                .filter(job_leases::scope.eq(scope))
                .select(JobLease::as_select())
                .first(conn)
                .await
                .optional()?
        }))
    }

    /// The leases of `kind`, by scope.
    pub async fn of_kind(&self, kind: &str) -> Result<Vec<JobLease>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            job_leases::table
                .filter(job_leases::kind.eq(kind))
                .select(JobLease::as_select())
                .order(job_leases::scope)
                .load(conn)
                .await?
        }))
    }

    /// Every lease, by kind and scope.
    pub async fn all(&self) -> Result<Vec<JobLease>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            job_leases::table
                .select(JobLease::as_select())
                .order((job_leases::kind, job_leases::scope))
                .load(conn)
                .await?
        }))
    }
}
