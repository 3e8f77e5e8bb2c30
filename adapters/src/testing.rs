//! Test support: a fresh database and key-value namespace per test, on the embedded backends
//! by default and on PostgreSQL and Redis when `PANELRELAY_TEST_DATABASE_URL` and
//! `PANELRELAY_TEST_REDIS_URL` are set. A set variable whose server cannot be reached fails
//! the test: nothing skips silently.
//!
//! When `PANELRELAY_TEST_BACKEND_LOG` names a file, every test database and store created is
//! recorded there, one line each, so CI can prove which backends the suite really used.

// Test support: a failure to set up is a failed test, so panicking is the right response.
#![allow(clippy::expect_used)]

use crate::key_value::{MemoryKeyValue, RedisKeyValue};
use crate::storage::Database;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use panelrelay_core::ports::KeyValue;
use std::io::Write;
use std::sync::Arc;

/// The PostgreSQL server URL for tests, if configured.
pub fn postgres_url() -> Option<String> {
    std::env::var("PANELRELAY_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// The Redis URL for tests, if configured.
pub fn redis_url() -> Option<String> {
    std::env::var("PANELRELAY_TEST_REDIS_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

fn record_backend(line: &str) {
    if let Ok(path) = std::env::var("PANELRELAY_TEST_BACKEND_LOG") {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        if let Ok(mut file) = file {
            let _ = writeln!(file, "{line}");
        }
    }
}

/// A database for one test, removed when dropped.
pub struct TestDatabase {
    /// The migrated database.
    pub db: Database,
    /// The URL it was opened with (for tests that run the binary on it).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { server_url: String, name: String },
}

impl TestDatabase {
    /// A fresh, migrated database on the configured backend.
    ///
    /// # Panics
    /// When PostgreSQL is configured but unreachable, or migrations fail.
    pub async fn new() -> Self {
        match postgres_url() {
            Some(server_url) => Self::postgres(server_url).await,
            None => Self::sqlite().await,
        }
    }

    async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = Database::open(&url, 1).expect("open sqlite");
        db.migrate().await.expect("migrate sqlite");
        record_backend("sqlite");
        TestDatabase {
            db,
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    async fn postgres(server_url: String) -> Self {
        let name = format!("panelrelay_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = AsyncPgConnection::establish(&server_url)
            .await
            .unwrap_or_else(|err| panic!("PANELRELAY_TEST_DATABASE_URL unreachable: {err}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let url = with_database(&server_url, &name);
        let db = Database::open(&url, 8).expect("open postgres");
        db.migrate().await.expect("migrate postgres");
        record_backend(&format!("postgres {name}"));
        TestDatabase {
            db,
            url,
            cleanup: Cleanup::Postgres { server_url, name },
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { server_url, name } = &self.cleanup {
            let (server_url, name) = (server_url.clone(), name.clone());
            // Drop runs outside async context: use a short-lived runtime on its own thread.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async move {
                        if let Ok(mut admin) = AsyncPgConnection::establish(&server_url).await {
                            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                            let _ = diesel::sql_query(sql).execute(&mut admin).await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

/// `server_url` with its database name replaced by `name`.
fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server_url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

/// A key-value store for one test: Redis under a unique key prefix when configured,
/// otherwise in process.
///
/// # Panics
/// When Redis is configured but unreachable.
pub async fn test_key_value() -> Arc<dyn KeyValue> {
    match redis_url() {
        Some(url) => {
            let prefix = format!("panelrelay-test:{}:", uuid::Uuid::new_v4().simple());
            let store = RedisKeyValue::connect(&url, &prefix, std::time::Duration::from_secs(5))
                .await
                .unwrap_or_else(|err| panic!("PANELRELAY_TEST_REDIS_URL unreachable: {err}"));
            record_backend(&format!("redis {prefix}"));
            Arc::new(store)
        }
        None => {
            record_backend("memory");
            Arc::new(MemoryKeyValue::new())
        }
    }
}

/// Every stored idempotent response body, as stored (to check that it is sealed).
pub async fn stored_idempotent_responses(db: &Database) -> Vec<String> {
    use crate::storage::schema::idempotency_keys;
    use diesel::QueryDsl;
    let result: Result<Vec<Option<String>>, crate::storage::StorageError> = async {
        Ok(crate::storage::with_conn!(db, |conn| {
            idempotency_keys::table
                .select(idempotency_keys::response_body)
                .load(conn)
                .await?
        }))
    }
    .await;
    result
        .expect("read idempotency records")
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "t1"),
            "postgres://u@h:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
    }
}
