//! Checkpointing SQLite's write-ahead log from a thread of its own.
//!
//! By default SQLite checkpoints inside the commit that makes the log pass 1,000 pages: that
//! commit copies the log into the database file and waits for `fsync`, on the one connection
//! every stage of the flow shares (under the benchmark, 7 % of the server's CPU samples, and
//! everything else waited). The pool's connection turns that off
//! (`wal_autocheckpoint = 0`) and this thread runs a `PASSIVE` checkpoint every
//! [`INTERVAL`] on a second connection instead: it never blocks the writer, and the writer
//! starts the log over once everything in it has been copied.

use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use std::path::Path;
use std::sync::Weak;
use std::time::Duration;

/// How often the log is checkpointed.
pub(crate) const INTERVAL: Duration = Duration::from_millis(100);

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

    /// About 2 MB written: under SQLite's own 1,000-page checkpoint threshold, so only the
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
            setting[0].wal_autocheckpoint, 0,
            "SQLite's own checkpoints are off"
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
}
