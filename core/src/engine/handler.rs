//! The engine: from one inbound message to a reply, dispatches and per-order outcomes.

use super::balance::balance_reply;
use super::context::WorkspaceContext;
use super::event::InboundEvent;
use super::orders::order_command;
use super::ports::Ports;
use super::result::EngineResult;
use crate::command::{Action, Command, ParseOutcome};
use crate::replies::TemplateKey;
use crate::sender::SenderRole;

/// The command engine. It holds no state between messages.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    dry_run: bool,
    request: Option<String>,
}

impl Engine {
    /// The live engine: claims cooldowns.
    pub fn live() -> Self {
        Self {
            dry_run: false,
            request: None,
        }
    }

    /// The live engine for one durable customer request (an inbox event id). Its cooldown
    /// claims carry the id, so handling the same request again after a crash finds its own
    /// claims free instead of refusing its own orders as "in cooldown".
    pub fn live_for(request: impl Into<String>) -> Self {
        Self {
            dry_run: false,
            request: Some(request.into()),
        }
    }

    /// The engine for simulations: checks cooldowns without claiming them. It still plans
    /// dispatches, to show what would be sent; the caller must not send them. (A refill
    /// check under the first-seen-completed anchor still records the sighting: it is an
    /// observation, not a claim.)
    pub fn dry_run() -> Self {
        Self {
            dry_run: true,
            request: None,
        }
    }

    /// Handles one message of `ctx`'s workspace.
    ///
    /// - chatter: silent in groups (unless the workspace turns group silence off, or the
    ///   sender is an admin chat allowed `reply_in_groups`); in private chats the help text,
    ///   or the link prompt for unknown senders;
    /// - an action without ids: ask for them (silent in groups, likewise); ids without an
    ///   action: ask which action; too many ids: say the limit;
    /// - help and custom commands: their templates;
    /// - balance: the linked user's balance from the panel;
    /// - details, speed, cancel, refill: see `orders.rs`.
    ///
    /// Panel failures end in safe replies; this never fails.
    pub async fn handle(
        &self,
        event: &InboundEvent,
        ctx: &WorkspaceContext,
        ports: &Ports<'_>,
    ) -> EngineResult {
        let config = &*ctx.config;
        let templates = &config.templates;
        let silent_here = event.is_group
            && config.settings.silent_in_groups
            && !ctx.sender.role.replies_in_groups();
        let reply_only = |reply: Option<String>| EngineResult {
            reply,
            ..EngineResult::default()
        };
        match config.parser.parse(&event.text) {
            ParseOutcome::NotACommand if silent_here => reply_only(None),
            ParseOutcome::NotACommand => {
                let key = match ctx.sender.role {
                    SenderRole::Unknown => TemplateKey::NotLinked,
                    SenderRole::Linked { .. } | SenderRole::Admin(_) => TemplateKey::Help,
                };
                reply_only(Some(templates.render(key, &[])))
            }
            ParseOutcome::MissingOrderIds { .. } if silent_here => reply_only(None),
            ParseOutcome::MissingOrderIds { action } => reply_only(Some(
                templates.render(TemplateKey::WhichOrder, &[("action", action.name())]),
            )),
            ParseOutcome::MissingAction { order_ids } => {
                let ids: Vec<String> = order_ids.iter().map(u64::to_string).collect();
                reply_only(Some(templates.render(
                    TemplateKey::WhichAction,
                    &[("order_ids", &ids.join(", "))],
                )))
            }
            ParseOutcome::TooManyOrders { count, limit } => reply_only(Some(templates.render(
                TemplateKey::TooManyOrders,
                &[("count", &count.to_string()), ("limit", &limit.to_string())],
            ))),
            ParseOutcome::Command(command) => {
                let mut result = self.command(&command, event, ctx, ports).await;
                result.command = Some(command);
                result
            }
        }
    }

    /// Runs a complete command.
    async fn command(
        &self,
        command: &Command,
        event: &InboundEvent,
        ctx: &WorkspaceContext,
        ports: &Ports<'_>,
    ) -> EngineResult {
        let templates = &ctx.config.templates;
        let reply = match &command.action {
            Action::Help => templates.render(TemplateKey::Help, &[]),
            Action::Custom(trigger) => crate::template::render(templates.custom_text(trigger), &[])
                .trim()
                .to_owned(),
            Action::Balance => balance_reply(ctx, ports).await,
            Action::Details | Action::Speed | Action::Cancel | Action::Refill => {
                return order_command(
                    &command.action,
                    &command.order_ids,
                    event,
                    ctx,
                    ports,
                    self.dry_run,
                    self.request.as_deref(),
                )
                .await;
            }
        };
        EngineResult {
            reply: Some(reply),
            ..EngineResult::default()
        }
    }
}
