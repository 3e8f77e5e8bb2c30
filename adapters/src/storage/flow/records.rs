//! Rows of the logs: commands, dispatches, conversation, webhooks, outbound attempts.

use super::super::batch::{ExecuteBatch, ROWS_PER_STATEMENT};
use super::super::schema::{
    command_log, conversation_messages, cooldown_log, dispatches, outbound_log, webhook_log,
};
use super::super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::AsyncConnection;
#[cfg(any(test, feature = "test-support"))]
use diesel_async::RunQueryDsl;
#[cfg(any(test, feature = "test-support"))]
use panelrelay_core::ids::WorkspaceId;

/// One handled customer message.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = command_log, treat_none_as_default_value = false)]
pub struct CommandRecord {
    /// Its id (UUID v7 text).
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The inbox event it came from (one command per event).
    pub inbox_event_id: String,
    /// The channel it arrived on.
    pub channel_id: String,
    /// The medium.
    pub medium: String,
    /// The chat.
    pub chat_id: String,
    /// The sender.
    pub sender_id: String,
    /// `linked`, `admin` or `unknown`.
    pub sender_role: String,
    /// The text as received.
    pub text: String,
    /// The parsed action, if a command.
    pub action: Option<String>,
    /// The order ids, JSON array.
    pub order_ids: String,
    /// Per-order outcomes with reason codes, JSON array.
    pub outcomes: String,
    /// The reply sent to the customer.
    pub reply: Option<String>,
    /// When it was handled.
    pub created_at: NaiveDateTime,
}

/// One message forwarded to a provider group.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = dispatches, treat_none_as_default_value = false)]
pub struct DispatchRecord {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The command it belongs to.
    pub command_id: String,
    /// The outbox message that carries it.
    pub outbox_id: String,
    /// The provider route.
    pub route_id: String,
    /// `speed`, `cancel` or `refill`.
    pub action: String,
    /// Panel order ids, JSON array.
    pub order_ids: String,
    /// Provider order ids, JSON array.
    pub external_ids: String,
    /// The provider group.
    pub target_chat_id: String,
    /// The text sent.
    pub text: String,
    /// When it was planned.
    pub created_at: NaiveDateTime,
}

/// A cooldown the flow claimed for an accepted request.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = cooldown_log, treat_none_as_default_value = false)]
pub struct CooldownRecord {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The command that claimed it.
    pub command_id: String,
    /// The panel order.
    pub order_id: i64,
    /// `speed`, `cancel` or `refill`.
    pub action: String,
    /// When it was claimed.
    pub claimed_at: NaiveDateTime,
    /// When it ends.
    pub until: NaiveDateTime,
}

/// One message of a chat, in or out.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = conversation_messages, treat_none_as_default_value = false)]
pub struct ConversationRecord {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The channel.
    pub channel_id: String,
    /// The chat.
    pub chat_id: String,
    /// `in` or `out`.
    pub direction: String,
    /// The text.
    pub text: String,
    /// The inbox event or outbox message it mirrors.
    pub ref_id: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// One webhook delivery, payload redacted.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_log, treat_none_as_default_value = false)]
pub struct WebhookRecord {
    /// Its id.
    pub id: String,
    /// The workspace, when the channel is known.
    pub workspace_id: Option<String>,
    /// The channel id from the URL.
    pub channel_id: String,
    /// The medium from the URL.
    pub medium: String,
    /// The HTTP status answered.
    pub status_code: i32,
    /// `accepted`, `duplicate`, `echo`, `status`, `ignored`, `bad_signature`, `malformed`,
    /// `oversize`, `unknown_channel`.
    pub outcome: String,
    /// The dedupe key, when one was computed.
    pub dedupe_key: Option<String>,
    /// The payload with secrets and long texts removed.
    pub payload: String,
    /// A detail for operators.
    pub detail: Option<String>,
    /// When it arrived.
    pub received_at: NaiveDateTime,
}

/// One attempt to send an outbox message.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbound_log, treat_none_as_default_value = false)]
pub struct OutboundRecord {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The outbox message.
    pub outbox_id: String,
    /// The channel used.
    pub channel_id: String,
    /// Whether the provider accepted it.
    pub ok: bool,
    /// The provider's response, secrets redacted.
    pub response: String,
    /// The error, when it failed.
    pub error: Option<String>,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A new log id and timestamp pair.
pub fn stamp(now: DateTime<Utc>) -> (String, NaiveDateTime) {
    (uuid::Uuid::now_v7().to_string(), to_db_time(now))
}

impl Database {
    #[cfg(any(test, feature = "test-support"))]
    /// Records a webhook delivery.
    pub async fn log_webhook(&self, record: WebhookRecord) -> Result<(), StorageError> {
        with_conn!(self, |conn| {
            diesel::insert_into(webhook_log::table)
                .values(&record)
                .execute(conn)
                .await?;
        });
        Ok(())
    }

    /// Records several webhook deliveries in one transaction (multi-row statements): all
    /// or none.
    pub async fn log_webhooks(&self, records: &[WebhookRecord]) -> Result<(), StorageError> {
        with_conn!(self, |conn| {
            conn.transaction(async |conn| {
                for chunk in records.chunks(ROWS_PER_STATEMENT) {
                    conn.execute_batch(
                        diesel::insert_into(webhook_log::table).values(chunk.to_vec()),
                    )
                    .await?;
                }
                Ok::<_, StorageError>(())
            })
            .await?
        });
        Ok(())
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Records an outbound attempt.
    pub async fn log_outbound(&self, record: OutboundRecord) -> Result<(), StorageError> {
        with_conn!(self, |conn| {
            diesel::insert_into(outbound_log::table)
                .values(&record)
                .execute(conn)
                .await?;
        });
        Ok(())
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's command log, newest first.
    pub async fn command_log(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            command_log::table
                .filter(command_log::workspace_id.eq(workspace.to_string()))
                .select(CommandRecord::as_select())
                .order(command_log::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's claimed cooldowns, newest first.
    pub async fn cooldown_log(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<CooldownRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            cooldown_log::table
                .filter(cooldown_log::workspace_id.eq(workspace.to_string()))
                .select(CooldownRecord::as_select())
                .order(cooldown_log::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's dispatches, newest first.
    pub async fn dispatch_log(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<DispatchRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            dispatches::table
                .filter(dispatches::workspace_id.eq(workspace.to_string()))
                .select(DispatchRecord::as_select())
                .order(dispatches::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's webhook log, newest first.
    pub async fn webhook_log(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<WebhookRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            webhook_log::table
                .filter(webhook_log::workspace_id.eq(workspace.to_string()))
                .select(WebhookRecord::as_select())
                .order(webhook_log::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's outbound log, newest first.
    pub async fn outbound_log(
        &self,
        workspace: WorkspaceId,
        limit: i64,
    ) -> Result<Vec<OutboundRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            outbound_log::table
                .filter(outbound_log::workspace_id.eq(workspace.to_string()))
                .select(OutboundRecord::as_select())
                .order(outbound_log::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The messages of one chat, oldest first.
    pub async fn conversation(
        &self,
        workspace: WorkspaceId,
        chat_id: &str,
        limit: i64,
    ) -> Result<Vec<ConversationRecord>, StorageError> {
        Ok(with_conn!(self, |conn| {
            conversation_messages::table
                .filter(conversation_messages::workspace_id.eq(workspace.to_string()))
                .filter(conversation_messages::chat_id.eq(chat_id))
                .select(ConversationRecord::as_select())
                .order(conversation_messages::id.asc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }
}

/// Reads a stored timestamp.
pub fn at(time: NaiveDateTime) -> DateTime<Utc> {
    from_db_time(time)
}
