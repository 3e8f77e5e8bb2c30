//! Opening the database: URL parsing, pools, connection setup, migrations.

use super::{StorageError, checkpoint};
use diesel::SqliteConnection;
use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
use diesel_async::pooled_connection::deadpool::{Object, Pool as DeadPool};
use diesel_async::pooled_connection::{AsyncDieselConnectionManager, ManagerConfig};
use diesel_async::sync_connection_wrapper::{SpawnBlocking, SyncConnectionWrapper};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Mutex;

const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

/// The SQLite connection type used through the async pool.
pub(crate) type SqliteConn = SyncConnectionWrapper<SqliteConnection, Inline>;

/// Runs each SQLite call on the calling thread instead of tokio's blocking pool.
///
/// An embedded SQLite statement takes microseconds (WAL, `synchronous = NORMAL`: a commit
/// does not wait for the disk), while a hop to the blocking pool and back costs two context
/// switches; measured under the benchmark, those hops were about a third of the server's CPU.
/// The pool holds one connection, so at most one runtime thread runs SQLite at a time; the
/// only long wait is `busy_timeout` while another process (the admin CLI) holds the write
/// lock, which is rare and short.
pub(crate) struct Inline;

impl SpawnBlocking for Inline {
    fn spawn_blocking<'a, R>(
        &mut self,
        task: impl FnOnce() -> R + Send + 'static,
    ) -> futures_util::future::BoxFuture<'a, Result<R, Box<dyn std::error::Error + Send + Sync>>>
    where
        R: Send + 'static,
    {
        Box::pin(std::future::ready(Ok(task())))
    }

    fn get_runtime() -> Self {
        Inline
    }
}

/// Where a `Database`'s connections come from: a pool of one backend or the other, or the
/// one connection of an open transaction (see `transaction`).
#[allow(
    clippy::large_enum_variant,
    reason = "one per Database, behind its Arc"
)]
pub(crate) enum Pool {
    Postgres(DeadPool<AsyncPgConnection>),
    Sqlite(DeadPool<SqliteConn>),
    Transaction(Open),
}

/// A pooled connection of either backend.
#[allow(
    clippy::large_enum_variant,
    reason = "one per open transaction, behind the transaction's Arc"
)]
pub(crate) enum Pooled {
    Postgres(Object<AsyncPgConnection>),
    Sqlite(Object<SqliteConn>),
}

/// The connection of an open transaction; `None` once the transaction has ended.
pub(crate) struct Open {
    backend: Backend,
    pub(crate) conn: Mutex<Option<Pooled>>,
}

impl Open {
    /// The transaction open on `conn`.
    pub(crate) fn new(backend: Backend, conn: Pooled) -> Self {
        Open {
            backend,
            conn: Mutex::new(Some(conn)),
        }
    }

    pub(crate) fn backend(&self) -> Backend {
        self.backend
    }
}

/// Which SQL backend a database runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL, for production and scale-out.
    Postgres,
    /// SQLite, the embedded default.
    Sqlite,
}

impl Backend {
    /// The backend's name, as shown in health output.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Postgres => "postgres",
            Backend::Sqlite => "sqlite",
        }
    }
}

/// The database: a pool over PostgreSQL or SQLite. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    inner: Arc<Pool>,
}

/// SQLite settings applied to every new connection: WAL for concurrent readers, a busy
/// timeout so a second process (e.g. `panelrelay admin create-key`) waits instead of failing.
const SQLITE_SETUP: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

impl Database {
    /// Opens a database from a URL: `postgres://…` / `postgresql://…`, or `sqlite://PATH` /
    /// `sqlite:PATH`. `pool_size` bounds PostgreSQL connections; SQLite uses a single
    /// connection, since it has one writer at a time anyway.
    pub fn open(url: &str, pool_size: usize) -> Result<Self, StorageError> {
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
            let pool = DeadPool::builder(manager)
                .max_size(pool_size.max(1))
                .wait_timeout(Some(std::time::Duration::from_secs(10)))
                .create_timeout(Some(std::time::Duration::from_secs(5)))
                .runtime(deadpool_runtime())
                .build()
                .map_err(StorageError::pool)?;
            Pool::Postgres(pool)
        } else if let Some(path) = sqlite_path(url) {
            let mut config = ManagerConfig::<SqliteConn>::default();
            let own_checkpoints = Arc::new(AtomicBool::new(false));
            let checkpoints_off = own_checkpoints.clone();
            config.custom_setup = Box::new(move |path| {
                let path = path.to_string();
                let checkpoints_off = AtomicBool::load(&checkpoints_off, Ordering::Acquire);
                Box::pin(async move {
                    let mut conn = SqliteConn::establish(&path).await?;
                    conn.batch_execute(SQLITE_SETUP)
                        .await
                        .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                    if checkpoints_off {
                        conn.batch_execute(&checkpoint::writer_setup())
                            .await
                            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                    }
                    Ok(conn)
                })
            });
            let manager =
                AsyncDieselConnectionManager::<SqliteConn>::new_with_config(path.clone(), config);
            let pool = DeadPool::builder(manager)
                .max_size(1)
                .wait_timeout(Some(std::time::Duration::from_secs(30)))
                .runtime(deadpool_runtime())
                .build()
                .map_err(StorageError::pool)?;
            let inner = Arc::new(Pool::Sqlite(pool));
            // The pool connects on first use, after this: it then leaves checkpoints to the
            // thread, if there is one (see `checkpoint`).
            if path != ":memory:" && checkpoint::spawn(path, Arc::downgrade(&inner)) {
                own_checkpoints.store(true, Ordering::Release);
            }
            return Ok(Database { inner });
        } else {
            return Err(StorageError::Unavailable(
                "unsupported database URL: expected postgres://… or sqlite://PATH".into(),
            ));
        };
        Ok(Database {
            inner: Arc::new(pool),
        })
    }

    /// Where the connections come from, for `lease`.
    pub(crate) fn pool(&self) -> &Pool {
        &self.inner
    }

    /// A `Database` over `pool`.
    pub(crate) fn from_pool(pool: Arc<Pool>) -> Self {
        Database { inner: pool }
    }

    /// Which backend this database runs on.
    pub fn backend(&self) -> Backend {
        match self.pool() {
            Pool::Postgres(_) => Backend::Postgres,
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Transaction(open) => open.backend(),
        }
    }

    /// Applies pending migrations. Needs a multi-threaded tokio runtime (the harness blocks
    /// in place). Returns how many were applied.
    pub async fn migrate(&self) -> Result<usize, StorageError> {
        match self.pool() {
            Pool::Postgres(pool) => {
                let conn = pool.get().await.map_err(StorageError::pool)?;
                let conn = deadpool::managed::Object::take(conn);
                run_migrations(conn, POSTGRES_MIGRATIONS).await
            }
            Pool::Sqlite(pool) => {
                let conn = pool.get().await.map_err(StorageError::pool)?;
                let conn = deadpool::managed::Object::take(conn);
                run_migrations(conn, SQLITE_MIGRATIONS).await
            }
            Pool::Transaction(_) => Err(StorageError::Migration(
                "migrations run on the pool, not inside a transaction".into(),
            )),
        }
    }

    /// Checks that the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), StorageError> {
        super::with_conn!(self, |conn| {
            diesel::sql_query("SELECT 1").execute(conn).await?;
            Ok(())
        })
    }

    /// Connections in use and the pool's maximum, for metrics.
    pub fn pool_usage(&self) -> (usize, usize) {
        let status = match self.pool() {
            Pool::Postgres(pool) => pool.status(),
            Pool::Sqlite(pool) => pool.status(),
            Pool::Transaction(_) => return (1, 1),
        };
        (
            status.size.saturating_sub(status.available),
            status.max_size,
        )
    }
}

/// Runs the migrations on a connection taken out of the pool, on a blocking-capable thread.
async fn run_migrations<C>(conn: C, migrations: EmbeddedMigrations) -> Result<usize, StorageError>
where
    C: AsyncConnection + 'static,
    AsyncConnectionWrapper<C>:
        diesel::Connection<Backend = C::Backend> + MigrationHarness<C::Backend>,
{
    let mut wrapper: AsyncConnectionWrapper<C> = AsyncConnectionWrapper::from(conn);
    tokio::task::spawn_blocking(move || {
        wrapper
            .run_pending_migrations(migrations)
            .map(|applied| applied.len())
            .map_err(|err| StorageError::Migration(err.to_string()))
    })
    .await
    .map_err(|err| StorageError::Migration(err.to_string()))?
}

/// The file path of a SQLite URL, if it is one.
fn sqlite_path(url: &str) -> Option<String> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    if path.is_empty() {
        None
    } else {
        Some(path.to_string())
    }
}

fn deadpool_runtime() -> deadpool::Runtime {
    deadpool::Runtime::Tokio1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_are_recognised() {
        assert_eq!(
            sqlite_path("sqlite://data/x.db").as_deref(),
            Some("data/x.db")
        );
        assert_eq!(
            sqlite_path("sqlite:/abs/x.db").as_deref(),
            Some("/abs/x.db")
        );
        assert_eq!(sqlite_path("sqlite://"), None);
        assert_eq!(sqlite_path("mysql://x"), None);
    }
}
