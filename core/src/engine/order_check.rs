//! The checks of one order, in order: found, ownership, rules, route, cooldown (last).

use super::context::WorkspaceContext;
use super::ports::Ports;
use crate::cooldown::{CooldownState, Cooldowns};
use crate::ports::PanelOrder;
use crate::routing::{ProviderRoute, resolve_route};
use crate::rules::{
    Denial, OrderAction, ReasonCode, RefillAnchor, check_ownership, evaluate, refill_anchor_at,
};
use crate::service_rules::effective_rule;
use chrono::{DateTime, Utc};

/// Checks orders of one command.
pub(super) struct OrderCheck<'a> {
    pub ctx: &'a WorkspaceContext,
    pub ports: &'a Ports<'a>,
    pub now: DateTime<Utc>,
    /// Look at cooldowns without claiming them.
    pub dry_run: bool,
    /// The durable request being handled, holder of its cooldown claims.
    pub request: Option<&'a str>,
    /// The workspace's cooldowns, one value for the whole command (so the store is checked
    /// for being loaded once per command).
    pub cooldowns: Cooldowns<'a>,
}

impl<'a> OrderCheck<'a> {
    /// Checks `order` (as fetched; `None` when the panel does not know it) for `action`
    /// (`None` for details). Returns the route for a forwarded action, `None` for details.
    ///
    /// The cooldown is claimed only after every other check passed, so a refused order does
    /// not use up the customer's turn.
    pub async fn check(
        &self,
        order: Option<&PanelOrder>,
        action: Option<OrderAction>,
    ) -> Result<Option<&'a ProviderRoute>, Denial> {
        let Some(order) = order else {
            return Err(Denial::new(
                ReasonCode::NotFound,
                "the panel does not know the order",
            ));
        };
        check_ownership(&order.user, &self.ctx.sender.role, action)?;
        let Some(action) = action else {
            return Ok(None);
        };
        let config = &*self.ctx.config;
        let manual = order
            .service_id
            .as_ref()
            .and_then(|id| config.service_rules.get(id))
            .copied();
        let rule = effective_rule(manual, order.service_name.as_deref().unwrap_or_default());
        let first_seen = self.first_seen_completed(order, action).await?;
        let refill = &config.settings.rules.refill;
        let anchor_at = refill_anchor_at(refill.anchor, order, first_seen);
        evaluate(
            order,
            action,
            &rule,
            anchor_at,
            self.now,
            &config.settings.rules,
        )?;
        let route = resolve_route(&config.routes, order, action)?;
        self.cooldown(order.id, action).await?;
        Ok(Some(route))
    }

    /// The first time the order was seen delivered, when a refill window counts from it;
    /// this sighting is recorded.
    async fn first_seen_completed(
        &self,
        order: &PanelOrder,
        action: OrderAction,
    ) -> Result<Option<DateTime<Utc>>, Denial> {
        let anchor = self.ctx.config.settings.rules.refill.anchor;
        let needed = action == OrderAction::Refill
            && anchor == RefillAnchor::FirstSeenCompleted
            && order.status.is_delivered();
        if !needed {
            return Ok(None);
        }
        self.ports
            .history
            .first_seen_completed(self.ctx.workspace, order.id, self.now)
            .await
            .map(Some)
            .map_err(|error| Denial::new(ReasonCode::StoreUnavailable, error.to_string()))
    }

    /// Claims (or, in a dry run, checks) the order's cooldown for `action`.
    async fn cooldown(&self, order_id: u64, action: OrderAction) -> Result<(), Denial> {
        let cooldowns = &self.cooldowns;
        let state = if self.dry_run {
            cooldowns.peek(action, order_id, self.now).await
        } else if let Some(request) = self.request {
            cooldowns
                .claim_for(request, action, order_id, self.now)
                .await
        } else {
            cooldowns.claim(action, order_id, self.now).await
        };
        match state {
            Ok(CooldownState::Free) => Ok(()),
            Ok(CooldownState::Busy { until }) => Err(Denial::timed(
                ReasonCode::InCooldown,
                until,
                format!("a {} request runs until {until}", action.name()),
            )),
            Err(error) => Err(Denial::new(ReasonCode::StoreUnavailable, error.to_string())),
        }
    }
}
