//! The worker: claims inbox events, runs the engine, and commits its results — command log,
//! dispatches, outgoing messages, conversation — in one transaction with the event.
//!
//! Cooldowns are claimed on behalf of the event, so an event handled again after a crash
//! (its lease ran out before it completed) plans the same dispatches instead of refusing
//! its own orders; the command log's unique event id keeps a second completion out.

use super::completion::completion;
use super::per_chat::run_per_chat;
use super::persist::until_written;
use super::scheduler::{ItemKeys, Queue};
use crate::services::config_cache::CachedConfig;
use crate::services::context::MessageContext;
use crate::services::linking::LINK_ACTION;
use crate::services::pipeline::{self, Mode};
use crate::state::AppState;
use chrono::{Duration, Utc};
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::flow::{Completion, InboxEvent};
use panelrelay_adapters::storage::identities::SenderKey;
use panelrelay_core::engine::InboundEvent;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use panelrelay_core::rules::ReasonCode;
use panelrelay_core::sender::SenderRole;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

/// How long a claimed event is reserved for its worker.
pub const INBOX_LEASE: Duration = Duration::seconds(60);

/// How long events claimed beyond their workspace's share wait before they are claimed again.
const DEFER: Duration = Duration::seconds(5);

/// How long an event waits before it is tried again after an outage.
const OUTAGE_PAUSE: Duration = Duration::seconds(2);

/// Why an event could not be handled (it is retried).
#[derive(Debug, thiserror::Error)]
#[error("{detail}")]
pub struct HandleError {
    detail: String,
    /// A dependency (the key-value store) did not answer: the event waits for it without
    /// using up an attempt.
    outage: bool,
}

impl HandleError {
    /// An error explained by `detail` (logged, never shown to customers).
    pub fn new(detail: impl Into<String>) -> Self {
        HandleError {
            detail: detail.into(),
            outage: false,
        }
    }

    /// A dependency's outage, explained by `detail`.
    pub fn outage(detail: impl Into<String>) -> Self {
        HandleError {
            detail: detail.into(),
            outage: true,
        }
    }
}

/// A claimed event, with its workspace's configuration and its sender's role as read for
/// the claim it came in.
pub struct ClaimedEvent {
    event: InboxEvent,
    config: Option<Arc<CachedConfig>>,
    roles: Arc<RoundRoles>,
}

/// Claims up to `limit` events (none of the workspaces in `skip`), with their workspaces'
/// configuration as of claim time (one version query for the claim) and their senders'
/// roles (two queries).
pub async fn claim(
    state: &AppState,
    limit: i64,
    skip: &[String],
) -> Result<Vec<ClaimedEvent>, StorageError> {
    let events = state
        .db
        .inbox_claim(limit, INBOX_LEASE, Utc::now(), skip)
        .await?;
    let workspaces: Vec<WorkspaceId> = events
        .iter()
        .filter_map(|event| WorkspaceId::parse(&event.workspace_id))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let configs = state.configs.snapshot(&workspaces).await;
    let roles = Arc::new(RoundRoles::read(state, &events).await);
    Ok(events
        .into_iter()
        .map(|event| ClaimedEvent {
            config: WorkspaceId::parse(&event.workspace_id)
                .and_then(|workspace| configs.get(&workspace).cloned()),
            roles: roles.clone(),
            event,
        })
        .collect())
}

/// Claims and handles up to `batch` events, chats concurrently and each chat's events in
/// order, and returns when all are done (tests and one-off runs; the server runs the
/// [`Inbox`] queue continuously). Returns how many were claimed.
pub async fn run_once(state: &AppState, batch: i64) -> Result<usize, StorageError> {
    let claimed = claim(state, batch, &[]).await?;
    let count = claimed.len();
    let state = state.clone();
    run_per_chat(
        claimed,
        |claimed| {
            (
                claimed.event.channel_id.clone(),
                claimed.event.chat_id.clone(),
            )
        },
        move |claimed| {
            let state = state.clone();
            async move { handle_claimed(&state, claimed).await }
        },
    )
    .await;
    Ok(count)
}

/// The inbox as the scheduler drains it.
pub struct Inbox {
    state: AppState,
}

impl Inbox {
    /// The inbox of `state`'s database.
    pub fn new(state: AppState) -> Self {
        Inbox { state }
    }
}

impl Queue for Inbox {
    type Item = ClaimedEvent;

    fn name(&self) -> &'static str {
        "worker"
    }

    async fn claim(
        &self,
        limit: usize,
        skip: Vec<String>,
    ) -> Result<Vec<ClaimedEvent>, StorageError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        claim(&self.state, limit, &skip).await
    }

    async fn handle(&self, claimed: ClaimedEvent) {
        handle_claimed(&self.state, claimed).await;
    }

    async fn defer(&self, items: Vec<ClaimedEvent>) -> Result<(), StorageError> {
        let ids: Vec<String> = items.into_iter().map(|claimed| claimed.event.id).collect();
        let until = Utc::now() + DEFER;
        self.state
            .db
            .inbox_defer(&ids, until, "claimed beyond its workspace's share")
            .await
    }

    fn keys(claimed: &ClaimedEvent) -> ItemKeys {
        ItemKeys {
            id: claimed.event.id.clone(),
            workspace: claimed.event.workspace_id.clone(),
            chat: (
                claimed.event.channel_id.clone(),
                claimed.event.chat_id.clone(),
            ),
        }
    }
}

async fn handle_claimed(state: &AppState, claimed: ClaimedEvent) {
    let ClaimedEvent {
        event,
        config,
        roles,
    } = claimed;
    handle_and_complete(state, &event, config, &roles).await;
}

/// An event's sender, when its workspace id and medium are valid.
fn sender_key(event: &InboxEvent) -> Option<SenderKey> {
    Some(SenderKey {
        workspace: WorkspaceId::parse(&event.workspace_id)?,
        medium: Medium::parse(&event.medium)?,
        identity: event.sender_id.clone(),
    })
}

/// The roles of a round's senders, read in one go when the round starts (like the
/// configuration's one version query). A sender whose event went through linking is
/// forgotten, so their later events of the round read their role again: a code followed
/// at once by a command is handled as the newly linked customer.
struct RoundRoles(Mutex<HashMap<SenderKey, SenderRole>>);

impl RoundRoles {
    /// Reads the roles of `events`' senders. When that fails, each event reads its own.
    async fn read(state: &AppState, events: &[InboxEvent]) -> Self {
        let senders: Vec<SenderKey> = events
            .iter()
            .filter_map(sender_key)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let roles = state
            .db
            .sender_roles(&senders)
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "sender roles unreadable");
                HashMap::new()
            });
        RoundRoles(Mutex::new(roles))
    }

    /// The role of `event`'s sender, if it is known for this round.
    fn get(&self, event: &InboxEvent) -> Option<SenderRole> {
        let roles = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        roles.get(&sender_key(event)?).cloned()
    }

    /// Drops the role of `event`'s sender.
    fn forget(&self, event: &InboxEvent) {
        if let Some(sender) = sender_key(event) {
            let mut roles = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            roles.remove(&sender);
        }
    }
}

/// Handles one claimed event and commits its result, or records the failure for a retry.
async fn handle_and_complete(
    state: &AppState,
    event: &InboxEvent,
    config: Option<Arc<CachedConfig>>,
    roles: &RoundRoles,
) {
    let handled = handle_with(state, event, config, roles.get(event)).await;
    let linking = handled.as_ref().is_ok_and(|completion| {
        let action = completion
            .command
            .as_ref()
            .and_then(|c| c.action.as_deref());
        action == Some(LINK_ACTION)
    });
    if linking {
        roles.forget(event);
    }
    let failure = match handled {
        Err(err) if err.outage => {
            tracing::info!(event = %event.id, error = %err, "inbox event waits for an outage to end");
            let until = Utc::now() + OUTAGE_PAUSE;
            let ids = [event.id.clone()];
            if let Err(err) = state.db.inbox_defer(&ids, until, &err.detail).await {
                tracing::warn!(event = %event.id, error = %err, "inbox event not postponed");
            }
            return;
        }
        // Written again while the database does not answer, for as long as the lease
        // lasts: the panel was asked already, and an outage should not cost an attempt.
        Ok(completion) => match until_written("inbox completion", INBOX_LEASE.to_std().ok(), || {
            state.completions.complete(&event.id, completion.clone())
        })
        .await
        {
            Ok(true) => {
                record_command(state, &completion);
                return;
            }
            Ok(false) => {
                // Another worker completed it after this one's lease ran out: its result
                // stands, this one is dropped.
                tracing::info!(event = %event.id, "event already completed; result dropped");
                return;
            }
            Err(err) => format!("completion: {err}"),
        },
        Err(err) => err.to_string(),
    };
    tracing::warn!(event = %event.id, error = %failure, "inbox event failed");
    if let Err(err) = state.db.inbox_fail(event, &failure).await {
        tracing::warn!(event = %event.id, error = %err, "inbox failure not recorded");
    }
}

/// Counts a committed completion's command by its action and outcome (both bounded: a custom
/// command counts as `custom`, an order's outcome is its reason code).
fn record_command(state: &AppState, completion: &Completion) {
    #[derive(serde::Deserialize)]
    struct Outcome {
        reason: ReasonCode,
    }
    let Some(command) = &completion.command else {
        return;
    };
    let action = match command.action.as_deref() {
        None => "none",
        Some(action) => BUILT_IN_ACTIONS
            .iter()
            .copied()
            .find(|known| *known == action)
            .unwrap_or("custom"),
    };
    let reasons: Vec<Outcome> = serde_json::from_str(&command.outcomes).unwrap_or_default();
    let outcome = if reasons.is_empty() {
        "no_orders"
    } else if reasons.iter().any(|o| o.reason == ReasonCode::Accepted) {
        ReasonCode::Accepted.as_str()
    } else {
        reasons[0].reason.as_str()
    };
    state.metrics.command(action, outcome);
}

/// The actions that are not a workspace's custom command.
const BUILT_IN_ACTIONS: [&str; 7] = [
    "speed",
    "cancel",
    "refill",
    "balance",
    "details",
    "help",
    LINK_ACTION,
];

/// Runs the engine on one event, with its workspace's current configuration, and turns its
/// result into rows to commit.
pub async fn handle(state: &AppState, event: &InboxEvent) -> Result<Completion, HandleError> {
    handle_with(state, event, None, None).await
}

/// [`handle`] with the workspace's configuration and the sender's role read earlier, when
/// there are.
async fn handle_with(
    state: &AppState,
    event: &InboxEvent,
    config: Option<Arc<CachedConfig>>,
    role: Option<SenderRole>,
) -> Result<Completion, HandleError> {
    let fail = |what: &str| HandleError::new(format!("event {}: {what}", event.id));
    let workspace = WorkspaceId::parse(&event.workspace_id).ok_or_else(|| fail("workspace id"))?;
    let medium = Medium::parse(&event.medium).ok_or_else(|| fail("medium"))?;
    let message = match (config, role) {
        (Some(config), Some(role)) => Ok(MessageContext::with_role(
            workspace,
            config,
            &event.sender_id,
            role,
        )),
        (Some(config), None) => {
            MessageContext::with_config(&state.db, workspace, config, medium, &event.sender_id)
                .await
        }
        (None, _) => {
            MessageContext::load(
                &state.configs,
                &state.db,
                workspace,
                medium,
                &event.sender_id,
            )
            .await
        }
    }
    .map_err(|e| HandleError::new(e.to_string()))?;
    if message.suspended() {
        // Stored just before the suspension: completed without a command, a reply or a
        // dispatch (ingress no longer stores deliveries for a suspended workspace).
        tracing::info!(event = %event.id, workspace = %workspace, "event of a suspended workspace dropped");
        return Ok(Completion::default());
    }
    let inbound = InboundEvent {
        medium,
        chat_id: event.chat_id.clone(),
        sender_id: event.sender_id.clone(),
        text: event.text.clone(),
        is_group: event.is_group,
    };
    let mode = Mode::Live {
        event_id: &event.id,
    };
    let handled = pipeline::handle(&state.db, state.kv.as_ref(), &message, &inbound, mode)
        .await
        .map_err(|e| HandleError::new(e.to_string()))?;
    let ctx = &message.ctx;
    if handled.linking {
        let mut completion = completion(
            event,
            &ctx.sender.role,
            handled.result,
            message.route_channels(),
            &ctx.config.settings.cooldowns,
        );
        if let Some(command) = completion.command.as_mut() {
            command.action = Some(LINK_ACTION.into());
        }
        return Ok(completion);
    }
    let result = handled.result;
    // The key-value store (cooldowns) did not answer for an order: the request waits for
    // it instead of being answered with a failure (its cooldown claims are its own, so
    // handling it again plans the same dispatches).
    if let Some(down) = result
        .outcomes
        .iter()
        .find(|outcome| outcome.reason == ReasonCode::StoreUnavailable)
    {
        return Err(HandleError::outage(format!(
            "event {}: order {}: {}",
            event.id,
            down.order_id,
            down.detail.as_deref().unwrap_or("store unavailable")
        )));
    }
    Ok(completion(
        event,
        &ctx.sender.role,
        result,
        message.route_channels(),
        &ctx.config.settings.cooldowns,
    ))
}
