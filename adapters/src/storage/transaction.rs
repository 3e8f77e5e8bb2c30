//! Transactions that span repositories.
//!
//! [`Database::transaction`] hands its work a `Database` bound to one connection inside one
//! open transaction: every repository reached through it (a subscription, an invoice, an
//! audit row) runs on that connection, and all of it commits or none of it does.
//! Repositories need no second version for this: [`with_conn!`](super::with_conn) leases
//! their connection from whichever the `Database` holds, a pool or the open transaction.
//! A repository's own transaction (e.g. [`config_write!`](super::config_write)) becomes a
//! savepoint inside the caller's.

use super::connect::{Open, Pool, Pooled, SqliteConn};
use super::{Database, StorageError};
use diesel::result::QueryResult;
use diesel_async::pooled_connection::deadpool::Object;
use diesel_async::{AsyncConnection, AsyncPgConnection, TransactionManager};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::{MappedMutexGuard, MutexGuard};

/// A connection lent to one repository call, of one backend.
#[allow(
    clippy::large_enum_variant,
    reason = "lives on the stack for one call, as the pooled object did; a box would allocate on every query"
)]
pub(crate) enum Lease<'a> {
    Postgres(Lent<'a, Object<AsyncPgConnection>, AsyncPgConnection>),
    Sqlite(Lent<'a, Object<SqliteConn>, SqliteConn>),
}

/// A connection `C` taken from the pool for one call (`P` holds it), or borrowed from an
/// open transaction.
pub(crate) enum Lent<'a, P, C> {
    Pooled(P),
    InTransaction(MappedMutexGuard<'a, C>),
}

impl<P: Deref<Target = C>, C> Deref for Lent<'_, P, C> {
    type Target = C;

    fn deref(&self) -> &C {
        match self {
            Lent::Pooled(conn) => conn,
            Lent::InTransaction(conn) => conn,
        }
    }
}

impl<P: DerefMut<Target = C>, C> DerefMut for Lent<'_, P, C> {
    fn deref_mut(&mut self) -> &mut C {
        match self {
            Lent::Pooled(conn) => conn,
            Lent::InTransaction(conn) => conn,
        }
    }
}

fn ended() -> StorageError {
    StorageError::Unavailable("the transaction has already ended".into())
}

impl Database {
    /// A connection for one repository call: from the pool, or the open transaction's.
    pub(crate) async fn lease(&self) -> Result<Lease<'_>, StorageError> {
        match self.pool() {
            Pool::Postgres(pool) => Ok(Lease::Postgres(Lent::Pooled(
                pool.get().await.map_err(StorageError::pool)?,
            ))),
            Pool::Sqlite(pool) => Ok(Lease::Sqlite(Lent::Pooled(
                pool.get().await.map_err(StorageError::pool)?,
            ))),
            Pool::Transaction(open) => {
                let slot = open.conn.lock().await;
                let slot = match MutexGuard::try_map(slot, |slot| match slot {
                    Some(Pooled::Postgres(conn)) => Some(&mut **conn),
                    _ => None,
                }) {
                    Ok(conn) => return Ok(Lease::Postgres(Lent::InTransaction(conn))),
                    Err(slot) => slot,
                };
                MutexGuard::try_map(slot, |slot| match slot {
                    Some(Pooled::Sqlite(conn)) => Some(&mut **conn),
                    _ => None,
                })
                .map(|conn| Lease::Sqlite(Lent::InTransaction(conn)))
                .map_err(|_| ended())
            }
        }
    }

    /// Runs `work` inside one transaction and commits when it returns `Ok`; on `Err` (or if
    /// the future is dropped) nothing it wrote stays. `work` gets a `Database` bound to the
    /// transaction and must make every call through it: on SQLite, whose pool holds one
    /// connection, a call through the outer `Database` would wait for the transaction's own
    /// connection. Called on a `Database` that is already in a transaction, it opens a
    /// savepoint in that transaction.
    pub async fn transaction<T, E>(
        &self,
        work: impl AsyncFnOnce(&Database) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StorageError>,
    {
        let (tx, outermost) = match self.pool() {
            Pool::Transaction(_) => (self.clone(), false),
            _ => (self.own_connection().await?, true),
        };
        take_step(&tx, Step::Begin).await?;
        let result = work(&tx).await;
        let step = if result.is_ok() {
            Step::Commit
        } else {
            Step::Rollback
        };
        let ended = take_step(&tx, step).await;
        if outermost && let Pool::Transaction(open) = tx.pool() {
            // The connection goes back to the pool now, even if `work` kept a clone of `tx`.
            open.conn.lock().await.take();
        }
        match (result, ended) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(err)) => Err(err.into()),
            // The work's own error says more than a failed rollback; the pool discards a
            // connection whose transaction state is broken.
            (Err(err), _) => Err(err),
        }
    }

    /// A `Database` bound to one connection taken out of the pool.
    async fn own_connection(&self) -> Result<Database, StorageError> {
        let conn = match self.pool() {
            Pool::Postgres(pool) => Pooled::Postgres(pool.get().await.map_err(StorageError::pool)?),
            Pool::Sqlite(pool) => Pooled::Sqlite(pool.get().await.map_err(StorageError::pool)?),
            Pool::Transaction(_) => return Ok(self.clone()),
        };
        Ok(Database::from_pool(Arc::new(Pool::Transaction(Open::new(
            self.backend(),
            conn,
        )))))
    }
}

/// One transaction step on a connection.
#[derive(Clone, Copy)]
enum Step {
    Begin,
    Commit,
    Rollback,
}

async fn take_step(db: &Database, step: Step) -> Result<(), StorageError> {
    match db.lease().await? {
        Lease::Postgres(mut conn) => run(&mut *conn, step).await?,
        Lease::Sqlite(mut conn) => run(&mut *conn, step).await?,
    }
    Ok(())
}

async fn run<C: AsyncConnection>(conn: &mut C, step: Step) -> QueryResult<()> {
    match step {
        Step::Begin => C::TransactionManager::begin_transaction(conn).await,
        Step::Commit => C::TransactionManager::commit_transaction(conn).await,
        Step::Rollback => C::TransactionManager::rollback_transaction(conn).await,
    }
}
