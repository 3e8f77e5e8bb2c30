//! Order commands (details, speed, cancel, refill): one batch fetch, per-order checks,
//! dispatches and one reply.

use super::context::WorkspaceContext;
use super::event::InboundEvent;
use super::order_check::OrderCheck;
use super::ports::Ports;
use super::result::EngineResult;
use crate::command::Action;
use crate::cooldown::Cooldowns;
use crate::outcome::OrderOutcome;
use crate::ports::PanelOrder;
use crate::replies::{ReplyLine, TemplateKey, order_reply};
use crate::routing::{RoutedOrder, plan_dispatches};
use crate::rules::{Denial, OrderAction, ReasonCode};
use crate::sender::SenderRole;
use std::collections::HashMap;

/// Runs an order command for `order_ids` (distinct, as parsed).
///
/// Too many ids or an unknown sender: a prompt, no panel call. A panel failure: the safe
/// `panel_unavailable` reply, nothing dispatched, no cooldown claimed. Otherwise every order
/// is checked (see `OrderCheck`), the accepted ones are planned into dispatches, and one
/// reply aggregates the outcomes.
pub(super) async fn order_command(
    action: &Action,
    order_ids: &[u64],
    event: &InboundEvent,
    ctx: &WorkspaceContext,
    ports: &Ports<'_>,
    dry_run: bool,
    request: Option<&str>,
) -> EngineResult {
    let config = &*ctx.config;
    let templates = &config.templates;
    let limit = config.settings.max_order_ids;
    if order_ids.len() > limit {
        let reply = templates.render(
            TemplateKey::TooManyOrders,
            &[
                ("count", &order_ids.len().to_string()),
                ("limit", &limit.to_string()),
            ],
        );
        let detail = format!("{} ids, the workspace allows {limit}", order_ids.len());
        return refused_batch(reply, action, order_ids, ReasonCode::TooManyOrders, &detail);
    }
    if ctx.sender.role == SenderRole::Unknown {
        return EngineResult {
            reply: Some(templates.render(TemplateKey::NotLinked, &[])),
            ..EngineResult::default()
        };
    }
    let fetched = match ports.panel.fetch_orders(order_ids).await {
        Ok(fetched) => fetched,
        Err(error) => {
            let reply = templates.render(TemplateKey::PanelUnavailable, &[]);
            let detail = error.to_string();
            return refused_batch(
                reply,
                action,
                order_ids,
                ReasonCode::PanelUnavailable,
                &detail,
            );
        }
    };
    let by_id: HashMap<u64, &PanelOrder> = fetched.iter().map(|order| (order.id, order)).collect();
    let forwarded = OrderAction::from_action(action);
    let check = OrderCheck {
        ctx,
        ports,
        now: ports.clock.now(),
        dry_run,
        request,
        cooldowns: Cooldowns::new(
            ports.key_value,
            ports.cooldown_log,
            ctx.workspace,
            &config.settings.cooldowns,
        ),
    };

    let mut outcomes = Vec::with_capacity(order_ids.len());
    let mut routed = Vec::new();
    for id in order_ids {
        let order = by_id.get(id).copied();
        match check.check(order, forwarded).await {
            Ok(route) => {
                outcomes.push(OrderOutcome::accepted(*id, action));
                if let (Some(order), Some(route)) = (order, route) {
                    routed.push(RoutedOrder { order, route });
                }
            }
            Err(denial) => outcomes.push(OrderOutcome::denied(*id, action, denial)),
        }
    }

    let dispatches = match forwarded {
        Some(forwarded) => plan_dispatches(&routed, forwarded),
        None => Vec::new(),
    };
    let lines: Vec<ReplyLine> = outcomes
        .iter()
        .map(|outcome| ReplyLine {
            outcome,
            order: by_id.get(&outcome.order_id).copied(),
        })
        .collect();
    let reply = order_reply(
        templates,
        action,
        &lines,
        config.settings.compact_threshold,
        event.medium.max_text_len(),
    );
    EngineResult {
        command: None,
        reply: Some(reply),
        dispatches,
        outcomes,
    }
}

/// A whole command refused for one `reason`: `reply`, and that outcome for every id.
fn refused_batch(
    reply: String,
    action: &Action,
    order_ids: &[u64],
    reason: ReasonCode,
    detail: &str,
) -> EngineResult {
    let outcomes = order_ids
        .iter()
        .map(|id| OrderOutcome::denied(*id, action, Denial::new(reason, detail)))
        .collect();
    EngineResult {
        command: None,
        reply: Some(reply),
        dispatches: Vec::new(),
        outcomes,
    }
}
