//! A workspace's running cooldowns as the cooldown log records them. The log is the source
//! of truth: the key-value store enforces a cooldown as a cache of it, and is refilled from
//! it (the [`RunningCooldowns`] port) when it lost its data. The log also remembers when an
//! operator cleared a cooldown.

use super::flow::CooldownRecord;
use super::schema::{command_log, cooldown_log};
use super::time_key::TimeKey;
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::{RunningCooldown, RunningCooldowns, RunningCooldownsError};
use panelrelay_core::rules::OrderAction;

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

/// One running cooldown row with the request (inbox event) that claimed it, when the command
/// log still has it.
type RunningRow = (i64, String, NaiveDateTime, String, Option<String>);

/// Every cooldown of `workspace` running at `now` (not over, not cleared), in one query.
async fn running(
    db: &Database,
    workspace: WorkspaceId,
    now: DateTime<Utc>,
) -> Result<Vec<RunningCooldown>, StorageError> {
    let workspace = workspace.to_string();
    let rows: Vec<RunningRow> = with_conn!(db, |conn| {
        cooldown_log::table
            .left_join(command_log::table.on(command_log::id.eq(cooldown_log::command_id)))
            .filter(cooldown_log::workspace_id.eq(&workspace))
            .filter(cooldown_log::until.gt(to_db_time(now)))
            .filter(cooldown_log::cleared_at.is_null())
            .select((
                cooldown_log::order_id,
                cooldown_log::action,
                cooldown_log::until,
                cooldown_log::command_id,
                command_log::inbox_event_id.nullable(),
            ))
            .load(conn)
            .await?
    });
    rows.into_iter()
        .map(|(order_id, action, until, command_id, request)| {
            let order_id = u64::try_from(order_id)
                .map_err(|_| StorageError::Corrupt(format!("cooldown order id {order_id}")))?;
            let action = OrderAction::ALL
                .into_iter()
                .find(|known| known.name() == action)
                .ok_or_else(|| StorageError::Corrupt(format!("cooldown action {action}")))?;
            Ok(RunningCooldown {
                order_id,
                action,
                // A command pruned from the log leaves a holder no request matches: busy.
                holder: request.unwrap_or(command_id),
                until: from_db_time(until),
            })
        })
        .collect()
}

#[async_trait]
impl RunningCooldowns for Database {
    async fn running_cooldowns(
        &self,
        workspace: WorkspaceId,
        now: DateTime<Utc>,
    ) -> Result<Vec<RunningCooldown>, RunningCooldownsError> {
        running(self, workspace, now)
            .await
            .map_err(|err| RunningCooldownsError(err.to_string()))
    }
}
