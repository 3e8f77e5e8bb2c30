//! What an event's handling becomes: the rows committed with it (command log, dispatches,
//! outgoing messages, cooldown claims, conversation), in one [`Completion`].

use chrono::{Duration, Utc};
use panelrelay_adapters::storage::flow::{
    CommandRecord, Completion, ConversationRecord, CooldownRecord, DispatchRecord, InboxEvent,
    MessageKind, NewOutboxMessage,
};
use panelrelay_adapters::storage::to_db_time;
use panelrelay_core::cooldown::CooldownSettings;
use panelrelay_core::engine::EngineResult;
use panelrelay_core::ids::{ChannelId, RouteId};
use panelrelay_core::rules::{OrderAction, ReasonCode};
use panelrelay_core::sender::SenderRole;
use std::collections::HashMap;

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn role_name(role: &SenderRole) -> &'static str {
    match role {
        SenderRole::Linked { .. } => "linked",
        SenderRole::Admin(_) => "admin",
        SenderRole::Unknown => "unknown",
    }
}

/// The rows `result`, the handling of `event` from a sender with `role`, becomes; each
/// dispatch goes out through its route's channel (`route_channels`), and accepted requests
/// claim the cooldowns of `cooldowns`.
pub fn completion(
    event: &InboxEvent,
    role: &SenderRole,
    result: EngineResult,
    route_channels: &HashMap<RouteId, ChannelId>,
    cooldowns: &CooldownSettings,
) -> Completion {
    let claimed_at = Utc::now();
    let now = to_db_time(claimed_at);
    let command_id = new_id();
    let mut completion = Completion::default();
    completion.conversation.push(ConversationRecord {
        id: new_id(),
        workspace_id: event.workspace_id.clone(),
        channel_id: event.channel_id.clone(),
        chat_id: event.chat_id.clone(),
        direction: "in".into(),
        text: event.text.clone(),
        ref_id: event.id.clone(),
        created_at: now,
    });
    for dispatch in &result.dispatches {
        let Some(channel) = route_channels.get(&dispatch.route_id) else {
            tracing::warn!(route = %dispatch.route_id, "dispatch for a route without a channel");
            continue;
        };
        let outbox_id = new_id();
        completion.outbox.push(NewOutboxMessage {
            id: outbox_id.clone(),
            workspace_id: event.workspace_id.clone(),
            channel_id: channel.to_string(),
            inbox_event_id: event.id.clone(),
            kind: MessageKind::Dispatch,
            chat_id: dispatch.target.chat_id.clone(),
            topic_id: dispatch.target.topic_id,
            text: dispatch.text.clone(),
        });
        completion.dispatches.push(DispatchRecord {
            id: new_id(),
            workspace_id: event.workspace_id.clone(),
            command_id: command_id.clone(),
            outbox_id,
            route_id: dispatch.route_id.to_string(),
            action: dispatch.action.name().into(),
            order_ids: serde_json::to_string(&dispatch.order_ids).unwrap_or_default(),
            external_ids: serde_json::to_string(&dispatch.external_ids).unwrap_or_default(),
            target_chat_id: dispatch.target.chat_id.clone(),
            text: dispatch.text.clone(),
            created_at: now,
        });
    }
    if let Some(reply) = &result.reply {
        let outbox_id = new_id();
        completion.outbox.push(NewOutboxMessage {
            id: outbox_id.clone(),
            workspace_id: event.workspace_id.clone(),
            channel_id: event.channel_id.clone(),
            inbox_event_id: event.id.clone(),
            kind: MessageKind::Reply,
            chat_id: event.chat_id.clone(),
            topic_id: event.topic_id,
            text: reply.clone(),
        });
        completion.conversation.push(ConversationRecord {
            id: new_id(),
            workspace_id: event.workspace_id.clone(),
            channel_id: event.channel_id.clone(),
            chat_id: event.chat_id.clone(),
            direction: "out".into(),
            text: reply.clone(),
            ref_id: outbox_id,
            created_at: now,
        });
    }
    // Accepted speed, cancel and refill requests claimed their cooldown.
    for outcome in result
        .outcomes
        .iter()
        .filter(|o| o.reason == ReasonCode::Accepted)
    {
        let Some(action) = OrderAction::from_action(&outcome.action) else {
            continue;
        };
        let period = cooldowns.period(action);
        let (Ok(order_id), Ok(period)) =
            (i64::try_from(outcome.order_id), Duration::from_std(period))
        else {
            continue;
        };
        if period.is_zero() {
            continue;
        }
        completion.cooldowns.push(CooldownRecord {
            id: new_id(),
            workspace_id: event.workspace_id.clone(),
            command_id: command_id.clone(),
            order_id,
            action: action.name().into(),
            claimed_at: now,
            until: to_db_time(claimed_at + period),
        });
    }
    let outcomes: Vec<serde_json::Value> = result
        .outcomes
        .iter()
        .map(|o| {
            serde_json::json!({
                "order_id": o.order_id,
                "action": o.action.name(),
                "reason": o.reason.as_str(),
                "at": o.at,
                "detail": o.detail,
            })
        })
        .collect();
    completion.command = Some(CommandRecord {
        id: command_id,
        workspace_id: event.workspace_id.clone(),
        inbox_event_id: event.id.clone(),
        channel_id: event.channel_id.clone(),
        medium: event.medium.clone(),
        chat_id: event.chat_id.clone(),
        sender_id: event.sender_id.clone(),
        sender_role: role_name(role).into(),
        text: event.text.clone(),
        action: result.command.as_ref().map(|c| c.action.name().to_string()),
        order_ids: serde_json::to_string(
            &result
                .command
                .as_ref()
                .map(|c| c.order_ids.clone())
                .unwrap_or_default(),
        )
        .unwrap_or_default(),
        outcomes: serde_json::to_string(&outcomes).unwrap_or_default(),
        reply: result.reply,
        created_at: now,
    });
    completion
}
