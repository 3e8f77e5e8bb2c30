//! Storage on PostgreSQL or SQLite through diesel-async.
//!
//! Repository code is written once: [`Database`] holds a pool of either backend, and the
//! [`with_conn!`] macro expands the same query body for each, so each arm type-checks
//! against its real backend. Only the migrations differ per backend.

mod batch;
mod checkpoint;
pub(crate) mod connect;
mod error;
pub mod schema;
mod time;
pub mod time_key;
pub(crate) mod transaction;

pub mod admin_keys;
pub mod api_keys;
pub mod channels;
pub mod command_aliases;
pub mod custom_commands;
pub mod flow;
pub mod idempotency;
pub mod identities;
pub mod link_codes;
pub mod order_history;
pub mod panel_connections;
pub mod platform_state;
pub mod provider_routes;
pub mod reply_templates;
pub mod service_rules;
pub mod settings;
pub mod workspaces;

pub mod conversations;
pub mod cooldowns;
pub mod heartbeats;
pub mod job_leases;
pub mod logs;
pub mod retention;
pub mod workspace_health;

pub use connect::{Backend, Database};
pub use error::StorageError;
pub use time::{from_db_time, to_db_time};

/// Runs `$body` with `$conn` bound to a connection of whichever backend the database uses:
/// a pooled one, or the caller's open transaction's (see [`Database::transaction`]). The
/// body is compiled once per backend.
macro_rules! with_conn {
    ($db:expr, |$conn:ident| $body:expr) => {{
        match $db.lease().await? {
            $crate::storage::transaction::Lease::Postgres(mut lent) => {
                let $conn = &mut *lent;
                $body
            }
            $crate::storage::transaction::Lease::Sqlite(mut lent) => {
                let $conn = &mut *lent;
                $body
            }
        }
    }};
}
pub(crate) use with_conn;

/// Runs `$body` (using `$conn`, with `?` for errors) in a transaction on whichever backend
/// the database uses, and marks the workspace's configuration as changed in the same
/// transaction, so cached copies are reloaded. Every write to what the flow's configuration
/// or panel client is built from goes through it. With `bump_if = |value: &T| …`, the
/// version moves only when the predicate holds for the body's value (rows touched, a row
/// found); without it, always. A macro for the reason of [`with_conn!`].
macro_rules! config_write {
    ($db:expr, $workspace_id:expr, |$conn:ident| $body:expr) => {
        $crate::storage::config_write!($db, $workspace_id, |$conn| $body, bump_if = |_: &_| true)
    };
    ($db:expr, $workspace_id:expr, |$conn:ident| $body:expr, bump_if = $bump_if:expr) => {
        $crate::storage::with_conn!($db, |$conn| {
            diesel_async::AsyncConnection::transaction($conn, async |$conn| {
                let written = $body;
                if ($bump_if)(&written) {
                    $crate::storage::workspaces::bump_config_version($conn, $workspace_id).await?;
                }
                Ok::<_, $crate::storage::StorageError>(written)
            })
            .await?
        })
    };
}
pub(crate) use config_write;

/// One page of a list: rows newest first, and the cursor of the next page if there is one.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// The id after which the next page starts (exclusive), when more rows exist.
    pub next_after: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched newest first; `id_of` gives the cursor.
    pub(crate) fn from_rows(mut rows: Vec<T>, limit: i64, id_of: impl Fn(&T) -> String) -> Self {
        let limit = usize::try_from(limit).unwrap_or(0);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_after = if more { rows.last().map(id_of) } else { None };
        Page {
            items: rows,
            next_after,
        }
    }

    /// Converts every row, keeping the cursor.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_after: self.next_after,
        }
    }
}
