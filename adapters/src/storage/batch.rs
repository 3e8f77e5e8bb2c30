//! Multi-row statements on either backend: one `INSERT … VALUES (…), (…), …` per table and
//! batch instead of one statement per row.
//!
//! diesel-async runs a multi-row insert on PostgreSQL, but on SQLite diesel implements it
//! only for its own synchronous connection. [`ExecuteBatch`] and [`LoadBatch`] hide the
//! difference: on SQLite they hand the statement to the wrapped synchronous connection
//! (inline, see `connect::Inline`), which also keeps the surrounding transaction. Rows go
//! in chunks of [`ROWS_PER_STATEMENT`], under both backends' bind-parameter limits
//! (65,535 on PostgreSQL, 32,766 on SQLite; our tables have at most 32 columns).
//!
//! The rows' structs must not turn `None` into `DEFAULT`
//! (`#[diesel(treat_none_as_default_value = false)]`), otherwise SQLite falls back to one
//! statement per row.

use super::Backend;
use super::connect::SqliteConn;
use diesel::{QueryResult, SqliteConnection};
use diesel_async::AsyncPgConnection;
use futures_util::future::BoxFuture;

/// Rows per multi-row statement.
pub(crate) const ROWS_PER_STATEMENT: usize = 500;

/// The `VALUES` rows of a raw multi-row statement: `rows` tuples of `columns` placeholders,
/// numbered from `$1` on PostgreSQL, `?` on SQLite; bind them row by row.
pub(crate) fn values_placeholders(backend: Backend, rows: usize, columns: usize) -> String {
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let marks: Vec<String> = (1..=columns)
                .map(|column| match backend {
                    Backend::Postgres => format!("${}", row * columns + column),
                    Backend::Sqlite => "?".to_owned(),
                })
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    tuples.join(", ")
}

/// Executes a multi-row statement, returning the rows affected.
pub(crate) trait ExecuteBatch<Q> {
    /// Runs `query` on this connection.
    fn execute_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<usize>>;
}

/// Runs a multi-row statement with a `RETURNING` clause, returning its rows.
pub(crate) trait LoadBatch<Q, U> {
    /// Runs `query` on this connection.
    fn load_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<Vec<U>>>;
}

impl<Q> ExecuteBatch<Q> for AsyncPgConnection
where
    Q: diesel_async::methods::ExecuteDsl<AsyncPgConnection> + Send + 'static,
{
    fn execute_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<usize>> {
        Box::pin(diesel_async::RunQueryDsl::execute(query, self))
    }
}

impl<Q, U> LoadBatch<Q, U> for AsyncPgConnection
where
    Q: diesel_async::methods::LoadQuery<'static, AsyncPgConnection, U> + Send + 'static,
    U: Send + 'static,
{
    fn load_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<Vec<U>>> {
        Box::pin(diesel_async::RunQueryDsl::load(query, self))
    }
}

impl<Q> ExecuteBatch<Q> for SqliteConn
where
    Q: diesel::query_dsl::methods::ExecuteDsl<SqliteConnection> + Send + 'static,
{
    fn execute_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<usize>> {
        self.spawn_blocking(move |conn| {
            diesel::query_dsl::methods::ExecuteDsl::execute(query, conn)
        })
    }
}

impl<Q, U> LoadBatch<Q, U> for SqliteConn
where
    Q: diesel::query_dsl::LoadQuery<'static, SqliteConnection, U> + Send + 'static,
    U: Send + 'static,
{
    fn load_batch(&mut self, query: Q) -> BoxFuture<'_, QueryResult<Vec<U>>> {
        self.spawn_blocking(move |conn| diesel::RunQueryDsl::load(query, conn))
    }
}

#[cfg(test)]
mod tests {
    use super::super::flow::WebhookRecord;
    use super::super::schema::webhook_log;
    use chrono::NaiveDateTime;

    fn record(id: &str) -> WebhookRecord {
        WebhookRecord {
            id: id.into(),
            workspace_id: None,
            channel_id: "c".into(),
            medium: "telegram".into(),
            status_code: 200,
            outcome: "accepted".into(),
            dedupe_key: None,
            payload: "{}".into(),
            detail: None,
            received_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn placeholders_are_numbered_on_postgres_and_anonymous_on_sqlite() {
        use super::{Backend, values_placeholders};
        assert_eq!(
            values_placeholders(Backend::Postgres, 2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(values_placeholders(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
    }

    /// Rows with `None` fields still go as one statement on SQLite: without
    /// `treat_none_as_default_value = false` diesel would insert them one by one.
    #[test]
    fn rows_with_empty_fields_are_one_statement_on_sqlite() {
        let query = diesel::insert_into(webhook_log::table).values(vec![record("a"), record("b")]);
        let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
        assert_eq!(sql.matches("INSERT").count(), 1, "{sql}");
        assert!(sql.contains("), ("), "two value tuples: {sql}");
    }
}
