//! The inbox: one row per webhook event worth handling, unique per (channel, dedupe key) —
//! the durable backstop against duplicate deliveries. Workers claim events with a lease
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has a single writer).

use super::super::batch::{ExecuteBatch, LoadBatch, ROWS_PER_STATEMENT};
use super::super::schema::{
    command_log, conversation_messages, cooldown_log, dispatches, inbox_events, outbox_messages,
};
use super::super::{Backend, Database, StorageError, to_db_time, with_conn};
use super::claim;
use super::outbox::OutboxRow;
use super::records::{CommandRecord, ConversationRecord, CooldownRecord, DispatchRecord};
use super::states::InboxStatus;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, RunQueryDsl};
use std::collections::HashSet;

/// An event to store.
#[derive(Debug, Clone)]
pub struct NewInboxEvent {
    /// The workspace (from the channel).
    pub workspace_id: String,
    /// The channel it arrived on.
    pub channel_id: String,
    /// Unique per channel: `tg:{update_id}`, `ga:{instance}:{chat}:{id}`, `meta:{id}`.
    pub dedupe_key: String,
    /// The medium.
    pub medium: String,
    /// The chat.
    pub chat_id: String,
    /// The sender.
    pub sender_id: String,
    /// The text.
    pub text: String,
    /// Whether the chat is a group.
    pub is_group: bool,
    /// The Telegram topic.
    pub topic_id: Option<i64>,
}

/// A claimed event.
#[derive(Debug, Clone, PartialEq, Queryable, QueryableByName, Selectable, Insertable)]
#[diesel(table_name = inbox_events, treat_none_as_default_value = false)]
pub struct InboxEvent {
    /// Its id.
    pub id: String,
    /// The workspace.
    pub workspace_id: String,
    /// The channel.
    pub channel_id: String,
    /// Its dedupe key.
    pub dedupe_key: String,
    /// The medium.
    pub medium: String,
    /// The chat.
    pub chat_id: String,
    /// The sender.
    pub sender_id: String,
    /// The text.
    pub text: String,
    /// Whether the chat is a group.
    pub is_group: bool,
    /// The Telegram topic.
    pub topic_id: Option<i64>,
    /// Where it is.
    pub status: InboxStatus,
    /// Claims so far.
    pub attempts: i32,
    /// The current claim's lease end.
    pub claimed_until: Option<NaiveDateTime>,
    /// When it arrived.
    pub received_at: NaiveDateTime,
    /// When it was handled.
    pub processed_at: Option<NaiveDateTime>,
    /// The last failure.
    pub error: Option<String>,
}

/// What handling an event produced, committed together with its completion.
#[derive(Debug, Clone, Default)]
pub struct Completion {
    /// The command log row (absent for events that were not worth a log line).
    pub command: Option<CommandRecord>,
    /// Messages to send.
    pub outbox: Vec<super::NewOutboxMessage>,
    /// Forwarded provider requests.
    pub dispatches: Vec<DispatchRecord>,
    /// Conversation lines.
    pub conversation: Vec<ConversationRecord>,
    /// Cooldowns claimed.
    pub cooldowns: Vec<CooldownRecord>,
}

/// Events claimed this many times without completing are given up.
pub const MAX_ATTEMPTS: i32 = 5;

impl Database {
    #[cfg(any(test, feature = "test-support"))]
    /// Stores an event unless its (channel, dedupe key) is already there. Returns whether
    /// it was stored.
    pub async fn inbox_insert(
        &self,
        event: &NewInboxEvent,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let row = new_row(event, now);
        let inserted = with_conn!(self, |conn| {
            diesel::insert_into(inbox_events::table)
                .values(&row)
                .on_conflict_do_nothing()
                .execute(conn)
                .await?
        });
        Ok(inserted == 1)
    }

    /// Stores several new events in one transaction (a group commit: one durable write for
    /// many deliveries), one multi-row statement per [`ROWS_PER_STATEMENT`] events. For each,
    /// whether it was new (a repeat of a stored event, or of an earlier one in the same
    /// batch, is not); all or none are stored.
    pub async fn inbox_insert_batch(
        &self,
        events: &[NewInboxEvent],
        now: DateTime<Utc>,
    ) -> Result<Vec<bool>, StorageError> {
        // Ids in arrival order (they order each chat's events); rows written in key order,
        // so that concurrent batches holding the same keys (a provider's retries) take the
        // unique index's locks in one order and never deadlock on PostgreSQL.
        let rows: Vec<InboxEvent> = events.iter().map(|event| new_row(event, now)).collect();
        let mut in_key_order = rows.clone();
        in_key_order
            .sort_by(|a, b| (&a.channel_id, &a.dedupe_key).cmp(&(&b.channel_id, &b.dedupe_key)));
        let stored: HashSet<String> = with_conn!(self, |conn| {
            conn.transaction(async |conn| {
                let mut stored = HashSet::with_capacity(in_key_order.len());
                for chunk in in_key_order.chunks(ROWS_PER_STATEMENT) {
                    let ids: Vec<String> = conn
                        .load_batch(
                            diesel::insert_into(inbox_events::table)
                                .values(chunk.to_vec())
                                .on_conflict_do_nothing()
                                .returning(inbox_events::id),
                        )
                        .await?;
                    stored.extend(ids);
                }
                Ok::<_, StorageError>(stored)
            })
            .await?
        });
        Ok(rows.iter().map(|row| stored.contains(&row.id)).collect())
    }

    /// Claims up to `limit` events that are pending or whose lease ran out, for `lease`,
    /// leaving out the events of the workspaces in `skip` (those that already hold their
    /// share of the worker).
    pub async fn inbox_claim(
        &self,
        limit: i64,
        lease: Duration,
        now: DateTime<Utc>,
        skip: &[String],
    ) -> Result<Vec<InboxEvent>, StorageError> {
        let sql = match self.backend() {
            // Lapsed and pending events by two scans of the (status, id) index, plain ones
            // (see PLAIN_INDEX_SCANS).
            Backend::Postgres => {
                "WITH skipped AS (SELECT json_array_elements_text($4::json) AS id), \
                 lapsed AS (SELECT id FROM inbox_events WHERE status = 'processing' \
                 AND claimed_until < $2 AND workspace_id NOT IN (SELECT id FROM skipped) \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED), \
                 pending AS (SELECT id FROM inbox_events WHERE status = 'pending' \
                 AND workspace_id NOT IN (SELECT id FROM skipped) \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 UPDATE inbox_events SET status = 'processing', attempts = attempts + 1, claimed_until = $1 \
                 WHERE id IN (SELECT id FROM (SELECT id FROM lapsed UNION ALL SELECT id FROM pending) \
                 AS claimable LIMIT $3) RETURNING *"
            }
            // The same two scans: one `OR` of both would collect and sort the whole backlog
            // in every claim.
            Backend::Sqlite => {
                "UPDATE inbox_events SET status = 'processing', attempts = attempts + 1, claimed_until = ?1 \
                 WHERE id IN (SELECT id FROM (SELECT id FROM inbox_events WHERE status = 'processing' \
                 AND claimed_until < ?2 AND workspace_id NOT IN (SELECT value FROM json_each(?4)) \
                 ORDER BY id LIMIT ?3) \
                 UNION ALL SELECT id FROM (SELECT id FROM inbox_events WHERE status = 'pending' \
                 AND workspace_id NOT IN (SELECT value FROM json_each(?4)) ORDER BY id LIMIT ?3) \
                 LIMIT ?3) RETURNING *"
            }
        };
        let mut events: Vec<InboxEvent> = claim(self, sql, now + lease, now, limit, skip).await?;
        events.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(events)
    }

    #[cfg(any(test, feature = "test-support"))]
    /// Completes an event with everything its handling produced, in one transaction. A
    /// second completion of the same event (two workers after a lease ran out) is refused
    /// with a conflict and changes nothing.
    pub async fn inbox_complete(
        &self,
        event_id: &str,
        completion: Completion,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let done = self
            .inbox_complete_batch(&[(event_id.to_string(), completion)], now)
            .await?;
        if done.as_slice() == [true] {
            Ok(())
        } else {
            Err(StorageError::Conflict(format!(
                "event {event_id} was already completed"
            )))
        }
    }

    /// Completes several events in one transaction (a group commit of the worker's
    /// results). For each, whether it was completed now: `false` when it already had been
    /// (its command log row exists, keyed by the event), in which case nothing of it is
    /// written. Any other failure rolls the whole batch back.
    pub async fn inbox_complete_batch(
        &self,
        completions: &[(String, Completion)],
        now: DateTime<Utc>,
    ) -> Result<Vec<bool>, StorageError> {
        let done_at = to_db_time(now);
        let outboxes: Vec<Vec<OutboxRow>> = completions
            .iter()
            .map(|(_, completion)| {
                completion
                    .outbox
                    .iter()
                    .map(|m| OutboxRow::new(m, now))
                    .collect()
            })
            .collect();
        let commands: Vec<CommandRecord> = completions
            .iter()
            .filter_map(|(_, completion)| completion.command.clone())
            .collect();
        let done = with_conn!(self, |conn| {
            conn.transaction(async |conn| {
                // The command log rows first: an event whose row is already there (or
                // repeated in this batch) was completed before, and nothing else of it is
                // written.
                let mut logged = HashSet::with_capacity(commands.len());
                for chunk in commands.chunks(ROWS_PER_STATEMENT) {
                    let ids: Vec<String> = conn
                        .load_batch(
                            diesel::insert_into(command_log::table)
                                .values(chunk.to_vec())
                                .on_conflict_do_nothing()
                                .returning(command_log::id),
                        )
                        .await?;
                    logged.extend(ids);
                }
                let done: Vec<bool> = completions
                    .iter()
                    .map(|(_, completion)| {
                        completion
                            .command
                            .as_ref()
                            .is_none_or(|command| logged.contains(&command.id))
                    })
                    .collect();
                let mut outbox = Vec::new();
                let mut dispatch_rows = Vec::new();
                let mut conversation = Vec::new();
                let mut cooldowns = Vec::new();
                let mut completed: Vec<&str> = Vec::with_capacity(completions.len());
                let fresh = completions.iter().zip(&outboxes).zip(&done);
                for (((event_id, completion), rows), _) in fresh.filter(|(_, done)| **done) {
                    outbox.extend(rows.iter().cloned());
                    dispatch_rows.extend(completion.dispatches.iter().cloned());
                    conversation.extend(completion.conversation.iter().cloned());
                    cooldowns.extend(completion.cooldowns.iter().cloned());
                    completed.push(event_id.as_str());
                }
                for chunk in outbox.chunks(ROWS_PER_STATEMENT) {
                    conn.execute_batch(
                        diesel::insert_into(outbox_messages::table).values(chunk.to_vec()),
                    )
                    .await?;
                }
                for chunk in dispatch_rows.chunks(ROWS_PER_STATEMENT) {
                    conn.execute_batch(
                        diesel::insert_into(dispatches::table).values(chunk.to_vec()),
                    )
                    .await?;
                }
                for chunk in conversation.chunks(ROWS_PER_STATEMENT) {
                    conn.execute_batch(
                        diesel::insert_into(conversation_messages::table).values(chunk.to_vec()),
                    )
                    .await?;
                }
                for chunk in cooldowns.chunks(ROWS_PER_STATEMENT) {
                    conn.execute_batch(
                        diesel::insert_into(cooldown_log::table).values(chunk.to_vec()),
                    )
                    .await?;
                }
                // The events are marked done in one statement.
                if !completed.is_empty() {
                    diesel::update(inbox_events::table.filter(inbox_events::id.eq_any(&completed)))
                        .set((
                            inbox_events::status.eq(InboxStatus::Done),
                            inbox_events::processed_at.eq(Some(done_at)),
                            inbox_events::claimed_until.eq(None::<NaiveDateTime>),
                        ))
                        .execute(conn)
                        .await?;
                }
                Ok::<_, StorageError>(done)
            })
            .await?
        });
        Ok(done)
    }

    /// Records a failed handling: back to pending for another try, or failed for good once
    /// it was claimed [`MAX_ATTEMPTS`] times.
    pub async fn inbox_fail(&self, event: &InboxEvent, error: &str) -> Result<(), StorageError> {
        let status = if event.attempts >= MAX_ATTEMPTS {
            InboxStatus::Failed
        } else {
            InboxStatus::Pending
        };
        with_conn!(self, |conn| {
            diesel::update(inbox_events::table.find(&event.id))
                .set((
                    inbox_events::status.eq(status),
                    inbox_events::error.eq(Some(error)),
                    inbox_events::claimed_until.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)
                .await?;
        });
        Ok(())
    }

    /// Puts claimed events back unhandled, without using up an attempt, until `until`, with
    /// `reason` as their error: events a claim took beyond their workspace's share of the
    /// worker, or an event waiting out a dependency's outage. Any worker claims them again
    /// once `until` has passed.
    pub async fn inbox_defer(
        &self,
        ids: &[String],
        until: DateTime<Utc>,
        reason: &str,
    ) -> Result<(), StorageError> {
        if ids.is_empty() {
            return Ok(());
        }
        with_conn!(self, |conn| {
            diesel::update(
                inbox_events::table
                    .filter(inbox_events::id.eq_any(ids))
                    .filter(inbox_events::status.eq(InboxStatus::Processing)),
            )
            .set((
                inbox_events::error.eq(Some(reason)),
                inbox_events::claimed_until.eq(Some(to_db_time(until))),
                inbox_events::attempts.eq(inbox_events::attempts - 1),
            ))
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    /// Events waiting to be handled, and the age of the oldest. Every workspace's: the
    /// process-wide gauges of `/metrics` (a workspace's own backlog is `workspace_health`).
    pub async fn inbox_depth(
        &self,
        now: DateTime<Utc>,
    ) -> Result<(i64, Option<Duration>), StorageError> {
        let (count, oldest): (i64, Option<NaiveDateTime>) = with_conn!(self, |conn| {
            let count = inbox_events::table
                .filter(
                    inbox_events::status.eq_any([InboxStatus::Pending, InboxStatus::Processing]),
                )
                .count()
                .get_result(conn)
                .await?;
            let oldest = inbox_events::table
                .filter(
                    inbox_events::status.eq_any([InboxStatus::Pending, InboxStatus::Processing]),
                )
                .select(diesel::dsl::min(inbox_events::received_at))
                .first(conn)
                .await?;
            (count, oldest)
        });
        Ok((count, oldest.map(|at| now - super::records::at(at))))
    }
}

/// The row of a new pending event.
fn new_row(event: &NewInboxEvent, now: DateTime<Utc>) -> InboxEvent {
    InboxEvent {
        id: uuid::Uuid::now_v7().to_string(),
        workspace_id: event.workspace_id.clone(),
        channel_id: event.channel_id.clone(),
        dedupe_key: event.dedupe_key.clone(),
        medium: event.medium.clone(),
        chat_id: event.chat_id.clone(),
        sender_id: event.sender_id.clone(),
        text: event.text.clone(),
        is_group: event.is_group,
        topic_id: event.topic_id,
        status: InboxStatus::Pending,
        attempts: 0,
        claimed_until: None,
        received_at: to_db_time(now),
        processed_at: None,
        error: None,
    }
}
