//! A workspace's running cooldowns as the cooldown log records them. The key-value store
//! enforces a cooldown; this log lists it and remembers when an operator cleared it.

use super::flow::CooldownRecord;
use super::schema::cooldown_log;
use super::time_key::TimeKey;
use super::{Database, Page, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// A workspace's cooldown log.
pub struct CooldownLog<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The cooldown log of one workspace.
    pub fn cooldowns(&self, workspace_id: WorkspaceId) -> CooldownLog<'_> {
        CooldownLog {
            db: self,
            workspace_id,
        }
    }
}

impl CooldownLog<'_> {
    /// Cooldowns running at `now` (not over, not cleared), the most recently claimed first,
    /// optionally of one order and one action.
    pub async fn active(
        &self,
        order_id: Option<i64>,
        action: Option<&str>,
        now: DateTime<Utc>,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<CooldownRecord>, StorageError> {
        let workspace = self.workspace_id.to_string();
        let rows: Vec<CooldownRecord> = with_conn!(self.db, |conn| {
            let mut query = cooldown_log::table
                .filter(cooldown_log::workspace_id.eq(&workspace))
                .filter(cooldown_log::until.gt(to_db_time(now)))
                .filter(cooldown_log::cleared_at.is_null())
                .select(CooldownRecord::as_select())
                .order((cooldown_log::claimed_at.desc(), cooldown_log::id.desc()))
                .limit(limit + 1)
                .into_boxed();
            if let Some(order_id) = order_id {
                query = query.filter(cooldown_log::order_id.eq(order_id));
            }
            if let Some(action) = action {
                query = query.filter(cooldown_log::action.eq(action));
            }
            if let Some(key) = after {
                query = query.filter(
                    cooldown_log::claimed_at
                        .lt(key.at)
                        .or(cooldown_log::claimed_at
                            .eq(key.at)
                            .and(cooldown_log::id.lt(&key.id))),
                );
            }
            query.load(conn).await?
        });
        Ok(Page::from_rows(rows, limit, |row| {
            TimeKey::new(row.claimed_at, &row.id).encode()
        }))
    }

    /// Marks the running cooldowns of (`order_id`, `action`) cleared at `now`. Returns the
    /// rows it marked, the most recently claimed first.
    pub async fn clear(
        &self,
        order_id: i64,
        action: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<CooldownRecord>, StorageError> {
        let running = self
            .active(Some(order_id), Some(action), now, None, 100)
            .await?
            .items;
        let ids: Vec<&str> = running.iter().map(|row| row.id.as_str()).collect();
        let workspace = self.workspace_id.to_string();
        with_conn!(self.db, |conn| {
            diesel::update(
                cooldown_log::table
                    .filter(cooldown_log::workspace_id.eq(&workspace))
                    .filter(cooldown_log::id.eq_any(&ids)),
            )
            .set(cooldown_log::cleared_at.eq(Some(to_db_time(now))))
            .execute(conn)
            .await?;
        });
        Ok(running)
    }
}
