//! Retention: a workspace's log and conversation rows older than its retention period are
//! deleted in bounded batches, so one pass never holds long locks or loads many rows.

use super::schema::{
    command_log, conversation_messages, cooldown_log, dispatches, inbox_events, outbound_log,
    outbox_messages, webhook_log,
};
use super::{Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// Deletes up to `$batch` rows of `$table` that `$selected` selects: their ids first, then
/// the rows by id (a delete cannot select from its own table on every backend).
macro_rules! delete_batch {
    ($conn:expr, $table:ident, $batch:expr, $selected:expr) => {{
        let ids: Vec<String> = $selected
            .select($table::id)
            .limit($batch)
            .load($conn)
            .await?;
        if ids.is_empty() {
            0
        } else {
            diesel::delete($table::table.filter($table::id.eq_any(&ids)))
                .execute($conn)
                .await?
        }
    }};
}

impl Database {
    /// Deletes at most `batch` rows of `workspace` older than `cutoff` from each log table
    /// (webhooks, outbound attempts, commands, dispatches, conversation, ended cooldowns)
    /// and from the finished part of the inbox and the outbox. Returns how many rows went;
    /// call again while it returns a full batch for some table.
    pub async fn purge_before(
        &self,
        workspace: WorkspaceId,
        cutoff: DateTime<Utc>,
        batch: i64,
    ) -> Result<usize, StorageError> {
        let (ws, cutoff) = (workspace.to_string(), to_db_time(cutoff));
        Ok(with_conn!(self, |conn| {
            let mut deleted = 0;
            deleted += delete_batch!(
                conn,
                webhook_log,
                batch,
                webhook_log::table
                    .filter(webhook_log::workspace_id.eq(&ws))
                    .filter(webhook_log::received_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                outbound_log,
                batch,
                outbound_log::table
                    .filter(outbound_log::workspace_id.eq(&ws))
                    .filter(outbound_log::created_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                command_log,
                batch,
                command_log::table
                    .filter(command_log::workspace_id.eq(&ws))
                    .filter(command_log::created_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                dispatches,
                batch,
                dispatches::table
                    .filter(dispatches::workspace_id.eq(&ws))
                    .filter(dispatches::created_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                conversation_messages,
                batch,
                conversation_messages::table
                    .filter(conversation_messages::workspace_id.eq(&ws))
                    .filter(conversation_messages::created_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                cooldown_log,
                batch,
                cooldown_log::table
                    .filter(cooldown_log::workspace_id.eq(&ws))
                    .filter(cooldown_log::until.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                inbox_events,
                batch,
                inbox_events::table
                    .filter(inbox_events::workspace_id.eq(&ws))
                    .filter(inbox_events::status.eq_any(["done", "failed"]))
                    .filter(inbox_events::received_at.lt(cutoff))
            );
            deleted += delete_batch!(
                conn,
                outbox_messages,
                batch,
                outbox_messages::table
                    .filter(outbox_messages::workspace_id.eq(&ws))
                    .filter(outbox_messages::status.eq_any(["sent", "failed"]))
                    .filter(outbox_messages::created_at.lt(cutoff))
            );
            deleted
        }))
    }

    /// Deletes at most `batch` webhook deliveries older than `cutoff` that reached no
    /// workspace (unknown channels). Returns how many went.
    pub async fn purge_unowned_webhooks(
        &self,
        cutoff: DateTime<Utc>,
        batch: i64,
    ) -> Result<usize, StorageError> {
        let cutoff = to_db_time(cutoff);
        Ok(with_conn!(self, |conn| {
            delete_batch!(
                conn,
                webhook_log,
                batch,
                webhook_log::table
                    .filter(webhook_log::workspace_id.is_null())
                    .filter(webhook_log::received_at.lt(cutoff))
            )
        }))
    }
}
