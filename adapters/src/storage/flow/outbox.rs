//! The outbox: messages to send (provider-group commands and customer replies), drained by
//! the sender with retries and per-destination rate limits.

use super::super::batch::{ExecuteBatch, ROWS_PER_STATEMENT, values_placeholders};
use super::super::schema::{outbound_log, outbox_messages};
use super::super::{Backend, Database, StorageError, to_db_time, with_conn};
use super::claim;
use super::records::OutboundRecord;
use super::states::{MessageKind, OutboxStatus};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamp};
use diesel_async::{AsyncConnection, RunQueryDsl};

/// A message to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOutboxMessage {
    /// Its id, chosen by the caller so dispatch records can point at it.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The channel that sends it.
    pub channel_id: String,
    /// The inbox event it answers.
    pub inbox_event_id: String,
    /// A dispatch (to a provider group) or a reply (to the customer).
    pub kind: MessageKind,
    /// The destination chat.
    pub chat_id: String,
    /// The Telegram topic.
    pub topic_id: Option<i64>,
    /// The text.
    pub text: String,
}

/// What became of a claimed message.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxUpdate {
    /// The provider accepted it.
    Sent {
        /// The provider's id of the sent message.
        provider_message_id: Option<String>,
        /// When.
        at: DateTime<Utc>,
    },
    /// Another attempt at `at`, optionally to a new chat (a migrated Telegram group); the
    /// attempt it used is given back when `free` (local rate limits, provider throttling).
    Retry {
        /// Not before this time.
        at: DateTime<Utc>,
        /// Why.
        error: String,
        /// The chat to send to from now on.
        new_chat_id: Option<String>,
        /// Whether the attempt does not count.
        free: bool,
    },
    /// Given up, with a final reason.
    Failed {
        /// Why.
        error: String,
    },
}

/// A claimed message's result: its new state and, when a send was attempted, the attempt's
/// outbound log row.
#[derive(Debug, Clone, PartialEq)]
pub struct Settlement {
    /// The outbox message.
    pub outbox_id: String,
    /// Its new state.
    pub update: OutboxUpdate,
    /// The send attempt, for the outbound log.
    pub attempt: Option<OutboundRecord>,
}

/// A stored outbox message.
#[derive(Debug, Clone, PartialEq, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = outbox_messages, treat_none_as_default_value = false)]
pub struct OutboxMessage {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The channel that sends it.
    pub channel_id: String,
    /// The inbox event it answers.
    pub inbox_event_id: String,
    /// A dispatch or a reply.
    pub kind: MessageKind,
    /// The destination chat.
    pub chat_id: String,
    /// The Telegram topic.
    pub topic_id: Option<i64>,
    /// The text.
    pub text: String,
    /// Where it is.
    pub status: OutboxStatus,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before this time.
    pub next_attempt_at: NaiveDateTime,
    /// The current claim's lease end.
    pub claimed_until: Option<NaiveDateTime>,
    /// The last failure.
    pub last_error: Option<String>,
    /// The provider's message id once sent.
    pub provider_message_id: Option<String>,
    /// When it was queued.
    pub created_at: NaiveDateTime,
    /// When it was sent.
    pub sent_at: Option<NaiveDateTime>,
}

/// The insertable form.
pub(super) type OutboxRow = OutboxMessage;

impl OutboxMessage {
    /// The row for a newly queued message.
    pub(super) fn new(message: &NewOutboxMessage, now: DateTime<Utc>) -> Self {
        OutboxMessage {
            id: message.id.clone(),
            workspace_id: message.workspace_id.clone(),
            channel_id: message.channel_id.clone(),
            inbox_event_id: message.inbox_event_id.clone(),
            kind: message.kind,
            chat_id: message.chat_id.clone(),
            topic_id: message.topic_id,
            text: message.text.clone(),
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: to_db_time(now),
            claimed_until: None,
            last_error: None,
            provider_message_id: None,
            created_at: to_db_time(now),
            sent_at: None,
        }
    }
}

/// `UPDATE … FROM (VALUES …)` marking `rows` messages sent, each with its provider message
/// id and time: binds (id, provider message id, sent at) per row. `VALUES` names its
/// columns `column1…` on both backends.
fn mark_sent_sql(backend: Backend, rows: usize) -> String {
    format!(
        "UPDATE outbox_messages SET status = 'sent', provider_message_id = v.column2, \
         sent_at = v.column3, claimed_until = NULL FROM (VALUES {}) AS v \
         WHERE outbox_messages.id = v.column1",
        values_placeholders(backend, rows, 3)
    )
}

impl Database {
    /// Claims up to `limit` due messages (pending and due, or sending with a lapsed lease).
    pub async fn outbox_claim(
        &self,
        limit: i64,
        lease: Duration,
        now: DateTime<Utc>,
        skip: &[String],
    ) -> Result<Vec<OutboxMessage>, StorageError> {
        let sql = match self.backend() {
            // Lapsed and due messages by two scans of the (status, next_attempt_at) index,
            // plain ones (see PLAIN_INDEX_SCANS); the earliest due first.
            Backend::Postgres => {
                "WITH skipped AS (SELECT json_array_elements_text($4::json) AS id), \
                 lapsed AS (SELECT id FROM outbox_messages WHERE status = 'sending' \
                 AND claimed_until < $2 AND workspace_id NOT IN (SELECT id FROM skipped) \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED), \
                 due AS (SELECT id FROM outbox_messages WHERE status = 'pending' \
                 AND next_attempt_at <= $2 AND workspace_id NOT IN (SELECT id FROM skipped) \
                 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, claimed_until = $1 \
                 WHERE id IN (SELECT id FROM (SELECT id FROM lapsed UNION ALL SELECT id FROM due) \
                 AS claimable LIMIT $3) RETURNING *"
            }
            // The same two scans: one `OR` of both would collect and sort every due message
            // in every claim.
            Backend::Sqlite => {
                "UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, claimed_until = ?1 \
                 WHERE id IN (SELECT id FROM (SELECT id FROM outbox_messages WHERE status = 'sending' \
                 AND claimed_until < ?2 AND workspace_id NOT IN (SELECT value FROM json_each(?4)) \
                 ORDER BY id LIMIT ?3) \
                 UNION ALL SELECT id FROM (SELECT id FROM outbox_messages WHERE status = 'pending' \
                 AND next_attempt_at <= ?2 AND workspace_id NOT IN (SELECT value FROM json_each(?4)) \
                 ORDER BY next_attempt_at, id LIMIT ?3) \
                 LIMIT ?3) RETURNING *"
            }
        };
        let mut messages: Vec<OutboxMessage> =
            claim(self, sql, now + lease, now, limit, skip).await?;
        messages.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(messages)
    }

    /// Records what became of claimed messages, in one transaction: the outbound log rows
    /// of the attempted sends (multi-row statements), then each message's new state.
    pub async fn outbox_settle(&self, settlements: &[Settlement]) -> Result<(), StorageError> {
        let attempts: Vec<OutboundRecord> = settlements
            .iter()
            .filter_map(|settlement| settlement.attempt.clone())
            .collect();
        let sent: Vec<(String, Option<String>, NaiveDateTime)> = settlements
            .iter()
            .filter_map(|settlement| match &settlement.update {
                OutboxUpdate::Sent {
                    provider_message_id,
                    at,
                } => Some((
                    settlement.outbox_id.clone(),
                    provider_message_id.clone(),
                    to_db_time(*at),
                )),
                _ => None,
            })
            .collect();
        let backend = self.backend();
        with_conn!(self, |conn| {
            conn.transaction(async |conn| {
                for chunk in attempts.chunks(ROWS_PER_STATEMENT) {
                    // A settlement written again (its first commit's answer was lost) must
                    // not fail on its own rows.
                    conn.execute_batch(
                        diesel::insert_into(outbound_log::table)
                            .values(chunk.to_vec())
                            .on_conflict_do_nothing(),
                    )
                    .await?;
                }
                // The sent messages (nearly all of them) in one statement per chunk.
                for chunk in sent.chunks(ROWS_PER_STATEMENT) {
                    let mut query =
                        diesel::sql_query(mark_sent_sql(backend, chunk.len())).into_boxed();
                    for (id, provider_message_id, at) in chunk {
                        query = query
                            .bind::<Text, _>(id.clone())
                            .bind::<Nullable<Text>, _>(provider_message_id.clone())
                            .bind::<Timestamp, _>(*at);
                    }
                    query.execute(conn).await?;
                }
                for settlement in settlements {
                    let row = outbox_messages::table.find(&settlement.outbox_id);
                    let unclaimed = outbox_messages::claimed_until.eq(None::<NaiveDateTime>);
                    match &settlement.update {
                        // Marked above, all in one statement.
                        OutboxUpdate::Sent { .. } => {}
                        OutboxUpdate::Retry {
                            at,
                            error,
                            new_chat_id,
                            free,
                        } => {
                            let refund = i32::from(*free);
                            let retry = (
                                outbox_messages::status.eq(OutboxStatus::Pending),
                                outbox_messages::next_attempt_at.eq(to_db_time(*at)),
                                outbox_messages::last_error.eq(Some(error.as_str())),
                                unclaimed,
                                outbox_messages::attempts.eq(outbox_messages::attempts - refund),
                            );
                            match new_chat_id {
                                Some(chat) => {
                                    diesel::update(row)
                                        .set((retry, outbox_messages::chat_id.eq(chat.as_str())))
                                        .execute(conn)
                                        .await?
                                }
                                None => diesel::update(row).set(retry).execute(conn).await?,
                            };
                        }
                        OutboxUpdate::Failed { error } => {
                            diesel::update(row)
                                .set((
                                    outbox_messages::status.eq(OutboxStatus::Failed),
                                    outbox_messages::last_error.eq(Some(error.as_str())),
                                    unclaimed,
                                ))
                                .execute(conn)
                                .await?;
                        }
                    }
                }
                Ok::<_, StorageError>(())
            })
            .await?
        });
        Ok(())
    }

    /// Puts claimed messages back unsent, without using up an attempt, until `until`: the
    /// messages a claim took beyond their workspace's share of the sender.
    pub async fn outbox_defer(
        &self,
        ids: &[String],
        until: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        if ids.is_empty() {
            return Ok(());
        }
        with_conn!(self, |conn| {
            diesel::update(
                outbox_messages::table
                    .filter(outbox_messages::id.eq_any(ids))
                    .filter(outbox_messages::status.eq(OutboxStatus::Sending)),
            )
            .set((
                outbox_messages::claimed_until.eq(Some(to_db_time(until))),
                outbox_messages::attempts.eq(outbox_messages::attempts - 1),
            ))
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    #[cfg(any(test, feature = "test-support"))]
    /// A workspace's outbox, newest first (for tests and the logs resource).
    pub async fn outbox_of(
        &self,
        workspace: panelrelay_core::ids::WorkspaceId,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StorageError> {
        Ok(with_conn!(self, |conn| {
            outbox_messages::table
                .filter(outbox_messages::workspace_id.eq(workspace.to_string()))
                .select(OutboxMessage::as_select())
                .order(outbox_messages::id.desc())
                .limit(limit)
                .load(conn)
                .await?
        }))
    }

    /// Messages waiting to be sent, and the age of the oldest. Every workspace's: the
    /// process-wide gauges of `/metrics` (a workspace's own backlog is `workspace_health`).
    pub async fn outbox_depth(
        &self,
        now: DateTime<Utc>,
    ) -> Result<(i64, Option<Duration>), StorageError> {
        let (count, oldest): (i64, Option<NaiveDateTime>) = with_conn!(self, |conn| {
            let count = outbox_messages::table
                .filter(
                    outbox_messages::status.eq_any([OutboxStatus::Pending, OutboxStatus::Sending]),
                )
                .count()
                .get_result(conn)
                .await?;
            let oldest = outbox_messages::table
                .filter(
                    outbox_messages::status.eq_any([OutboxStatus::Pending, OutboxStatus::Sending]),
                )
                .select(diesel::dsl::min(outbox_messages::created_at))
                .first(conn)
                .await?;
            (count, oldest)
        });
        Ok((count, oldest.map(|at| now - super::records::at(at))))
    }
}
