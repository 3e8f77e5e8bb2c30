//! The order-history port on SQL: when each order was first seen completed (a refill
//! window anchor, since panels report no completion time).

use super::schema::order_first_seen;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::{OrderHistory, OrderHistoryError};

async fn first_seen(
    db: &Database,
    workspace: WorkspaceId,
    order_id: u64,
    seen_at: DateTime<Utc>,
) -> Result<DateTime<Utc>, StorageError> {
    let order = i64::try_from(order_id)
        .map_err(|_| StorageError::Corrupt(format!("order id {order_id}")))?;
    let stored = with_conn!(db, |conn| {
        diesel::insert_into(order_first_seen::table)
            .values((
                order_first_seen::workspace_id.eq(workspace.to_string()),
                order_first_seen::order_id.eq(order),
                order_first_seen::first_completed_at.eq(to_db_time(seen_at)),
            ))
            .on_conflict_do_nothing()
            .execute(conn)
            .await?;
        order_first_seen::table
            .find((workspace.to_string(), order))
            .select(order_first_seen::first_completed_at)
            .first(conn)
            .await?
    });
    Ok(from_db_time(stored))
}

#[async_trait]
impl OrderHistory for Database {
    async fn first_seen_completed(
        &self,
        workspace: WorkspaceId,
        order_id: u64,
        seen_at: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, OrderHistoryError> {
        first_seen(self, workspace, order_id, seen_at)
            .await
            .map_err(|err| OrderHistoryError(err.to_string()))
    }
}
