//! Checkpointing SQLite's write-ahead log from a thread of its own.
//!
//! By default SQLite checkpoints inside the commit that makes the log pass 1,000 pages: that
//! commit copies the log into the database file and waits for `fsync`, on the one connection
//! every stage of the flow shares (under the benchmark, 7 % of the server's CPU samples, and
//! everything else waited). This thread runs a `PASSIVE` checkpoint every [`INTERVAL`] on a
//! second connection instead, which never blocks the writer.
//!
//! Passive checkpoints alone never let the log start over under constant writes: the writer
//! restarts the log only when it finds everything in it copied, and each passive checkpoint
//! copies what was there when it began while more is appended meanwhile. The log then grew
//! without end (18 GB over a 150,000-delivery benchmark, every group commit appending fresh
//! copies of the same hot pages), and with it the index every page read searches. So the
//! writer keeps SQLite's own checkpoint at [`WRITER_CHECKPOINT_FRAMES`]: by the time the log
//! is that long the thread has copied nearly all of it, the writer's checkpoint copies the
//! rest, and its next transaction starts the log from the beginning.

use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use std::path::Path;
use std::sync::Weak;
use std::time::Duration;

/// How often the log is checkpointed. A checkpoint copies each page once, however many
/// commits rewrote it since the last one, and the flow rewrites the same hot pages (the
/// newest leaf of each index, per workspace) all the time.
pub(crate) const INTERVAL: Duration = Duration::from_millis(500);

/// The log length (in frames, one page each) at which the writer's own commit checkpoints:
/// 128 MB with 4 KB pages. With 16 MB (and a 100 ms interval) the benchmark's writer
/// checkpointed in its own commits several times a second, the server wrote 35 GB for a
/// 0.9 GB database over 150,000 deliveries, and CPU per command grew by a third from
/// 20,000 deliveries (BENCHMARKS.md, 2026-12-08).
pub(crate) const WRITER_CHECKPOINT_FRAMES: u32 = 32_000;

/// The setting of the writer's connection when this thread runs.
pub(crate) fn writer_setup() -> String {
    format!("PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_FRAMES};")
}

/// Starts the checkpoint thread of the database at `path`; it ends within [`INTERVAL`] of
/// the last handle of `pool` (the database's connection pool) being dropped. Returns whether
/// it started (when it did not, SQLite's own checkpoints must stay on).
pub(crate) fn spawn<P: Send + Sync + 'static>(path: String, pool: Weak<P>) -> bool {
    std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || run(&path, &pool))
        .map_err(|error| tracing::warn!(%error, "SQLite checkpoint thread not started"))
        .is_ok()
}

fn run<P>(path: &str, pool: &Weak<P>) {
    let mut conn: Option<SqliteConnection> = None;
    loop {
        std::thread::sleep(INTERVAL);
        if pool.strong_count() == 0 {
            return;
        }
        // The pool creates the file (in WAL mode) with its first connection.
        if conn.is_none() && Path::new(path).exists() {
            conn = open(path);
        }
        if let Some(connection) = conn.as_mut() {
            if let Err(error) = connection.batch_execute("PRAGMA wal_checkpoint(PASSIVE);") {
                tracing::warn!(%error, "SQLite checkpoint failed; reconnecting");
                conn = None;
            }
        }
    }
}

fn open(path: &str) -> Option<SqliteConnection> {
    let mut conn = SqliteConnection::establish(path)
        .map_err(|error| tracing::warn!(%error, "SQLite checkpoint connection failed"))
        .ok()?;
    conn.batch_execute("PRAGMA busy_timeout = 10000;")
        .map_err(|error| tracing::warn!(%error, "SQLite checkpoint connection setup failed"))
        .ok()?;
    Some(conn)
}

#[cfg(test)]
mod tests {
    use super::super::{Database, StorageError, with_conn};
    use diesel::sql_types::Integer;
    use diesel_async::{RunQueryDsl, SimpleAsyncConnection};

    #[derive(diesel::QueryableByName)]
    struct AutoCheckpoint {
        #[diesel(sql_type = Integer)]
        wal_autocheckpoint: i32,
    }

    /// About 2 MB written: under the writer's own checkpoint threshold, so only the
    /// checkpoint thread copies it into the database file.
    #[tokio::test(flavor = "multi_thread")]
    async fn the_thread_copies_the_log_into_the_database_file() -> Result<(), StorageError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.db");
        let db = Database::open(&format!("sqlite://{}", path.display()), 1).unwrap();
        let setting: Vec<AutoCheckpoint> = with_conn!(db, |conn| {
            conn.batch_execute("CREATE TABLE filler (b BLOB)").await?;
            diesel::sql_query("PRAGMA wal_autocheckpoint")
                .load(conn)
                .await?
        });
        assert_eq!(
            i64::from(setting[0].wal_autocheckpoint),
            i64::from(super::WRITER_CHECKPOINT_FRAMES),
            "the writer checkpoints only a long log"
        );
        tokio::time::sleep(super::INTERVAL * 3).await;
        let before = std::fs::metadata(&path).unwrap().len();
        with_conn!(db, |conn| {
            conn.batch_execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
                 INSERT INTO filler SELECT randomblob(1000) FROM n",
            )
            .await?
        });
        let mut after = before;
        for _ in 0..50 {
            tokio::time::sleep(super::INTERVAL).await;
            after = std::fs::metadata(&path).unwrap().len();
            if after > before + 1_500_000 {
                break;
            }
        }
        assert!(
            after > before + 1_500_000,
            "the database file grew from {before} to {after} bytes"
        );
        Ok(())
    }

    /// Under writes that never pause, the passive checkpoints alone never let the writer
    /// start the log over (it grew to 18 GB over a 150,000-delivery benchmark); the
    /// writer's own checkpoint keeps it near [`super::WRITER_CHECKPOINT_FRAMES`].
    #[tokio::test(flavor = "multi_thread")]
    async fn the_log_is_started_over_under_constant_writes() -> Result<(), StorageError> {
        const PAGE: u64 = 4096;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("restart.db");
        let wal = dir.path().join("restart.db-wal");
        let db = Database::open(&format!("sqlite://{}", path.display()), 1).unwrap();
        with_conn!(db, |conn| {
            conn.batch_execute("CREATE TABLE filler (b BLOB)").await?
        });
        let mut largest = 0;
        for round in 0..40_000 {
            with_conn!(db, |conn| {
                conn.batch_execute("INSERT INTO filler VALUES (randomblob(1500))")
                    .await?
            });
            if round % 500 == 0 {
                largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
            }
        }
        let frames = u64::from(super::WRITER_CHECKPOINT_FRAMES);
        let limit = 3 * frames * PAGE;
        assert!(
            largest > frames * PAGE / 2,
            "the test wrote too little to matter: the log peaked at {largest} bytes"
        );
        assert!(
            largest <= limit,
            "the log grew to {largest} bytes (limit {limit})"
        );
        Ok(())
    }
}
