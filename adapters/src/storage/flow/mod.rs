//! The durable command flow: webhook events in the inbox, messages to send in the outbox,
//! and the logs written along the way. A worker's results (command log, dispatches,
//! outgoing messages, conversation) are committed in one transaction with the event's
//! completion, so a crash loses nothing and duplicates nothing.

/// Set in a claim's transaction on PostgreSQL. The inbox and the outbox are queue tables:
/// every claimed row leaves dead index entries under its old status until vacuum comes
/// round (a minute or more). A plain index scan marks the dead entries it meets, so the
/// next claim skips them; a bitmap scan, which the planner prefers for the few live rows
/// it expects, visits all of them again on every claim (measured under the benchmark:
/// 56,000 dead entries, 2,500 heap pages and 10-16 ms per claim).
const PLAIN_INDEX_SCANS: &str = "SET LOCAL enable_bitmapscan = off";

/// Runs a claim statement (binds: lease end, now, limit, and the workspaces to leave out as
/// a JSON array of ids) and returns the claimed rows.
async fn claim<T>(
    db: &Database,
    sql: &'static str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
    limit: i64,
    skip: &[String],
) -> Result<Vec<T>, StorageError>
where
    T: QueryableByName<Pg> + QueryableByName<Sqlite> + Send + 'static,
{
    let (until, now) = (to_db_time(until), to_db_time(now));
    let skip = serde_json::to_string(skip).map_err(|e| StorageError::Query(e.to_string()))?;
    let backend = db.backend();
    Ok(with_conn!(db, |conn| {
        conn.transaction(async |conn| {
            if backend == Backend::Postgres {
                conn.batch_execute(PLAIN_INDEX_SCANS).await?;
            }
            let claimed = diesel::sql_query(sql)
                .bind::<Timestamp, _>(until)
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .bind::<Text, _>(skip)
                .load(conn)
                .await?;
            Ok::<_, StorageError>(claimed)
        })
        .await?
    }))
}

use super::{Backend, Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::QueryableByName;
use diesel::pg::Pg;
use diesel::sql_types::{BigInt, Text, Timestamp};
use diesel::sqlite::Sqlite;
use diesel_async::{AsyncConnection, RunQueryDsl, SimpleAsyncConnection};

mod inbox;
mod outbox;
mod records;
mod states;

pub use inbox::{Completion, InboxEvent, NewInboxEvent};
pub use outbox::{NewOutboxMessage, OutboxMessage, OutboxUpdate, Settlement};
pub use records::{
    CommandRecord, ConversationRecord, CooldownRecord, DispatchRecord, OutboundRecord,
    WebhookRecord, at, stamp,
};
pub use states::{InboxStatus, MessageKind, OutboxStatus, StoredName};
