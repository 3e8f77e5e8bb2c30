//! Heartbeats of the background loops (worker, sender, maintenance) of every process, so
//! any replica can tell whether each loop runs somewhere.

use super::schema::runner_heartbeats;
use super::{Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;

/// The last sign of life of one loop in one process.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = runner_heartbeats)]
pub struct Heartbeat {
    /// `worker`, `sender` or `maintenance`.
    pub runner: String,
    /// The process (host and pid).
    pub instance: String,
    /// When the loop last completed a round.
    pub last_seen_at: NaiveDateTime,
    /// The error of that round, if it failed.
    pub last_error: Option<String>,
}

impl Database {
    /// Records that `runner` of `instance` completed a round at `now`.
    pub async fn beat(
        &self,
        runner: &str,
        instance: &str,
        now: DateTime<Utc>,
        last_error: Option<&str>,
    ) -> Result<(), StorageError> {
        let row = Heartbeat {
            runner: runner.into(),
            instance: instance.into(),
            last_seen_at: to_db_time(now),
            last_error: last_error.map(str::to_string),
        };
        with_conn!(self, |conn| {
            diesel::insert_into(runner_heartbeats::table)
                .values(&row)
                .on_conflict((runner_heartbeats::runner, runner_heartbeats::instance))
                .do_update()
                .set((
                    runner_heartbeats::last_seen_at.eq(excluded(runner_heartbeats::last_seen_at)),
                    runner_heartbeats::last_error.eq(excluded(runner_heartbeats::last_error)),
                ))
                .execute(conn)
                .await?;
        });
        Ok(())
    }

    /// Every recorded heartbeat, the most recent first.
    pub async fn heartbeats(&self) -> Result<Vec<Heartbeat>, StorageError> {
        Ok(with_conn!(self, |conn| {
            runner_heartbeats::table
                .select(Heartbeat::as_select())
                .order(runner_heartbeats::last_seen_at.desc())
                .load(conn)
                .await?
        }))
    }

    /// Forgets processes not seen since `before` (replicas that went away).
    pub async fn forget_heartbeats(&self, before: DateTime<Utc>) -> Result<usize, StorageError> {
        Ok(with_conn!(self, |conn| {
            diesel::delete(
                runner_heartbeats::table
                    .filter(runner_heartbeats::last_seen_at.lt(to_db_time(before))),
            )
            .execute(conn)
            .await?
        }))
    }
}
