//! The sender: drains the outbox through each channel's client, within per-destination rate
//! limits, retrying with backoff (honouring `retry_after`), following migrated Telegram
//! groups, and recording every attempt in the outbound log.
//!
//! Delivery is at least once: a message whose send succeeded but whose result was not
//! recorded (a crash in between) is sent again after its lease. A message claimed but never
//! sent is sent once after the lease. A database outage does not widen that window: the
//! result of a send is written again until the database takes it ([`until_written`]), and
//! the sender claims nothing new meanwhile.

use super::per_chat::run_per_chat;
use super::persist::until_written;
use super::rate_limit::take_slot;
use super::scheduler::{ItemKeys, Queue};
use crate::group_commit::CommitError;
use crate::state::AppState;
use chrono::{Duration, Utc};
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::flow::{
    MessageKind, OutboundRecord, OutboxMessage, OutboxUpdate, Settlement, stamp,
};
use panelrelay_core::ids::{ChannelId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::messenger::{OutboundText, SendError};

/// How long a claimed message is reserved for its sender.
pub const OUTBOX_LEASE: Duration = Duration::seconds(30);
/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i32 = 8;

/// Claims and sends up to `batch` due messages, destinations concurrently and the messages
/// to one chat in order, and returns when all are done (tests and one-off runs; the server
/// runs the [`Outbox`] queue continuously). Returns how many were claimed.
pub async fn run_once(state: &AppState, batch: i64) -> Result<usize, StorageError> {
    let messages = state
        .db
        .outbox_claim(batch, OUTBOX_LEASE, Utc::now(), &[])
        .await?;
    let claimed = messages.len();
    let state = state.clone();
    run_per_chat(
        messages,
        |message| (message.channel_id.clone(), message.chat_id.clone()),
        move |message| {
            let state = state.clone();
            async move { send_and_record(&state, &message).await }
        },
    )
    .await;
    Ok(claimed)
}

/// The outbox as the scheduler drains it.
pub struct Outbox {
    state: AppState,
}

impl Outbox {
    /// The outbox of `state`'s database.
    pub fn new(state: AppState) -> Self {
        Outbox { state }
    }
}

impl Queue for Outbox {
    type Item = OutboxMessage;

    fn name(&self) -> &'static str {
        "sender"
    }

    async fn claim(
        &self,
        limit: usize,
        skip: Vec<String>,
    ) -> Result<Vec<OutboxMessage>, StorageError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.state
            .db
            .outbox_claim(limit, OUTBOX_LEASE, Utc::now(), &skip)
            .await
    }

    async fn handle(&self, message: OutboxMessage) {
        send_and_record(&self.state, &message).await;
    }

    async fn defer(&self, messages: Vec<OutboxMessage>) -> Result<(), StorageError> {
        let ids: Vec<String> = messages.into_iter().map(|message| message.id).collect();
        let until = Utc::now() + Duration::seconds(5);
        self.state.db.outbox_defer(&ids, until).await
    }

    fn keys(message: &OutboxMessage) -> ItemKeys {
        ItemKeys {
            id: message.id.clone(),
            workspace: message.workspace_id.clone(),
            chat: (message.channel_id.clone(), message.chat_id.clone()),
        }
    }
}

async fn send_and_record(state: &AppState, message: &OutboxMessage) {
    if let Err(err) = deliver(state, message).await {
        tracing::warn!(outbox = %message.id, error = %err, "outbox bookkeeping failed");
    }
}

/// A send's outcome as a metrics label.
fn send_outcome<T>(result: &Result<T, SendError>) -> &'static str {
    match result {
        Ok(_) => "sent",
        Err(SendError::RateLimited { .. }) => "rate_limited",
        Err(SendError::ChatMigrated { .. }) => "chat_migrated",
        Err(err) if err.is_retryable() => "retryable_error",
        Err(_) => "error",
    }
}

fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 9) - 1).unwrap_or(0);
    Duration::seconds(2i64.pow(exponent)).min(Duration::minutes(5))
}

/// Sends one claimed message and records the result. A send the provider accepted is
/// recorded however long the database takes to answer (else it would go out again); other
/// results are retried for the lease's length, after which the message is claimed again
/// anyway.
pub async fn deliver(state: &AppState, message: &OutboxMessage) -> Result<(), CommitError> {
    let settlement = attempt(state, message).await;
    let deadline = match settlement.update {
        OutboxUpdate::Sent { .. } => None,
        _ => OUTBOX_LEASE.to_std().ok(),
    };
    until_written("outbox settlement", deadline, || {
        state.settlements.settle(settlement.clone())
    })
    .await
}

/// Sends one claimed message; returns what became of it, to record.
async fn attempt(state: &AppState, message: &OutboxMessage) -> Settlement {
    let settle = |update, attempt| Settlement {
        outbox_id: message.id.clone(),
        update,
        attempt,
    };
    let failed = |error: String| settle(OutboxUpdate::Failed { error }, None);
    let db = &state.db;
    let Some(channel_id) = ChannelId::parse(&message.channel_id) else {
        return failed("bad channel id".into());
    };
    let messenger = match state.messengers.get(channel_id).await {
        Ok(messenger) => messenger,
        Err(err) => return failed(err.to_string()),
    };
    let medium = match state.channel_cache.get(channel_id).await {
        Ok(Some(channel)) => channel.channel.medium,
        _ => Medium::Telegram,
    };
    let slot = if state.send_rate_limits {
        take_slot(
            state.kv.as_ref(),
            medium,
            &message.channel_id,
            &message.chat_id,
        )
        .await
    } else {
        Ok(None)
    };
    match slot {
        Ok(Some(wait)) => {
            let at = Utc::now() + Duration::from_std(wait).unwrap_or(Duration::seconds(1));
            let retry = OutboxUpdate::Retry {
                at,
                error: "rate limited locally".into(),
                new_chat_id: None,
                free: true,
            };
            return settle(retry, None);
        }
        Ok(None) => {}
        Err(err) => tracing::warn!(error = %err, "rate limiter unavailable; sending anyway"),
    }
    let text = OutboundText {
        chat_id: message.chat_id.clone(),
        topic_id: message.topic_id,
        text: message.text.clone(),
    };
    let started = std::time::Instant::now();
    let result = messenger.send_text(&text).await;
    state
        .metrics
        .send(medium.as_str(), send_outcome(&result), started.elapsed());
    let now = Utc::now();
    let (id, created_at) = stamp(now);
    let record = OutboundRecord {
        id,
        workspace_id: message.workspace_id.clone(),
        outbox_id: message.id.clone(),
        channel_id: message.channel_id.clone(),
        ok: result.is_ok(),
        response: match &result {
            Ok(sent) => sent.response.clone(),
            Err(_) => String::new(),
        },
        error: result.as_ref().err().map(ToString::to_string),
        created_at,
    };
    let update = match result {
        Ok(sent) => OutboxUpdate::Sent {
            provider_message_id: sent.provider_message_id,
            at: now,
        },
        Err(SendError::RateLimited { retry_after }) => {
            let wait = retry_after
                .and_then(|d| Duration::from_std(d).ok())
                .unwrap_or_else(|| backoff(message.attempts));
            OutboxUpdate::Retry {
                at: now + wait,
                error: "rate limited by the provider".into(),
                new_chat_id: None,
                free: true,
            }
        }
        Err(SendError::ChatMigrated { new_chat_id }) => {
            if message.kind == MessageKind::Dispatch {
                if let Some(workspace) = WorkspaceId::parse(&message.workspace_id) {
                    let moved = db
                        .provider_routes(workspace)
                        .retarget(channel_id, &message.chat_id, &new_chat_id, now)
                        .await;
                    tracing::info!(from = %message.chat_id, to = %new_chat_id, routes = ?moved, "group migrated");
                }
            }
            OutboxUpdate::Retry {
                at: now,
                error: "chat migrated".into(),
                new_chat_id: Some(new_chat_id),
                free: true,
            }
        }
        Err(err) if err.is_retryable() && message.attempts < MAX_ATTEMPTS => OutboxUpdate::Retry {
            at: now + backoff(message.attempts),
            error: err.to_string(),
            new_chat_id: None,
            free: false,
        },
        Err(err) => {
            tracing::warn!(outbox = %message.id, error = %err, "message given up");
            OutboxUpdate::Failed {
                error: err.to_string(),
            }
        }
    };
    settle(update, Some(record))
}
