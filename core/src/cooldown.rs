//! Cooldowns: one forwarded request per (workspace, order, action) per period.
//!
//! A cooldown is a key-value entry `cooldown:{workspace}:{action}:{order}` that lives for the
//! action's period. The engine claims it with `set_if_absent` only once every other check
//! passed for the order, so a refused request never uses up the customer's turn; of two
//! concurrent claims exactly one wins. Simulations only look ([`Cooldowns::peek`]).

use crate::ids::WorkspaceId;
use crate::ports::{KeyValue, KeyValueError};
use crate::rules::OrderAction;
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Twelve hours, the default period of every action.
const TWELVE_HOURS_SECS: u64 = 12 * 60 * 60;

/// Cooldown periods per action, in seconds; 0 disables the cooldown of that action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CooldownSettings {
    /// Between two speed-up requests for one order. Default 12 h.
    pub speed_secs: u64,
    /// Between two cancel requests for one order. Default 12 h.
    pub cancel_secs: u64,
    /// Between two refill requests for one order. Default 12 h.
    pub refill_secs: u64,
}

impl Default for CooldownSettings {
    fn default() -> Self {
        Self {
            speed_secs: TWELVE_HOURS_SECS,
            cancel_secs: TWELVE_HOURS_SECS,
            refill_secs: TWELVE_HOURS_SECS,
        }
    }
}

impl CooldownSettings {
    /// The period of `action`.
    pub fn period(&self, action: OrderAction) -> Duration {
        let secs = match action {
            OrderAction::Speed => self.speed_secs,
            OrderAction::Cancel => self.cancel_secs,
            OrderAction::Refill => self.refill_secs,
        };
        Duration::from_secs(secs)
    }
}

/// The key of a cooldown: `cooldown:{workspace}:{action}:{order}`.
pub fn cooldown_key(workspace: WorkspaceId, action: OrderAction, order_id: u64) -> String {
    format!("cooldown:{workspace}:{}:{order_id}", action.name())
}

/// The state of one cooldown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CooldownState {
    /// No cooldown runs: claimed now ([`Cooldowns::claim`]) or claimable ([`Cooldowns::peek`]).
    Free,
    /// A cooldown runs; the customer may ask again at `until`.
    Busy {
        /// When the cooldown ends.
        until: DateTime<Utc>,
    },
}

/// The cooldowns of one workspace.
pub struct Cooldowns<'a> {
    store: &'a dyn KeyValue,
    workspace: WorkspaceId,
    settings: &'a CooldownSettings,
}

impl<'a> Cooldowns<'a> {
    /// The cooldowns of `workspace` in `store`.
    pub fn new(
        store: &'a dyn KeyValue,
        workspace: WorkspaceId,
        settings: &'a CooldownSettings,
    ) -> Self {
        Self {
            store,
            workspace,
            settings,
        }
    }

    /// Starts the cooldown of (`order_id`, `action`) unless one runs. Atomic: of two
    /// concurrent claims exactly one gets [`CooldownState::Free`].
    pub async fn claim(
        &self,
        action: OrderAction,
        order_id: u64,
        now: DateTime<Utc>,
    ) -> Result<CooldownState, KeyValueError> {
        let period = self.settings.period(action);
        if period.is_zero() {
            return Ok(CooldownState::Free);
        }
        let key = cooldown_key(self.workspace, action, order_id);
        let value = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        if self.store.set_if_absent(&key, &value, period).await? {
            return Ok(CooldownState::Free);
        }
        match self.store.ttl(&key).await? {
            Some(left) => Ok(busy_until(now, left)),
            // The running cooldown ended between the two calls: claim again, once.
            None if self.store.set_if_absent(&key, &value, period).await? => {
                Ok(CooldownState::Free)
            }
            None => Ok(CooldownState::Busy { until: now }),
        }
    }

    /// Like [`Cooldowns::claim`], with `request` as the claim's holder: a cooldown this very
    /// request holds counts as free, so a request handled again (after a crash) is not refused
    /// by its own earlier claim.
    pub async fn claim_for(
        &self,
        request: &str,
        action: OrderAction,
        order_id: u64,
        now: DateTime<Utc>,
    ) -> Result<CooldownState, KeyValueError> {
        let period = self.settings.period(action);
        if period.is_zero() {
            return Ok(CooldownState::Free);
        }
        let key = cooldown_key(self.workspace, action, order_id);
        if self.store.set_if_absent(&key, request, period).await? {
            return Ok(CooldownState::Free);
        }
        if self.store.get(&key).await?.as_deref() == Some(request) {
            return Ok(CooldownState::Free);
        }
        match self.store.ttl(&key).await? {
            Some(left) => Ok(busy_until(now, left)),
            None if self.store.set_if_absent(&key, request, period).await? => {
                Ok(CooldownState::Free)
            }
            None => Ok(CooldownState::Busy { until: now }),
        }
    }

    /// Whether a cooldown of (`order_id`, `action`) runs, without starting one.
    pub async fn peek(
        &self,
        action: OrderAction,
        order_id: u64,
        now: DateTime<Utc>,
    ) -> Result<CooldownState, KeyValueError> {
        if self.settings.period(action).is_zero() {
            return Ok(CooldownState::Free);
        }
        let key = cooldown_key(self.workspace, action, order_id);
        match self.store.ttl(&key).await? {
            Some(left) => Ok(busy_until(now, left)),
            None => Ok(CooldownState::Free),
        }
    }
}

/// A running cooldown with `left` to go.
fn busy_until(now: DateTime<Utc>, left: Duration) -> CooldownState {
    let until = TimeDelta::from_std(left)
        .ok()
        .and_then(|left| now.checked_add_signed(left))
        .unwrap_or(now);
    CooldownState::Busy { until }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_periods() {
        let workspace = WorkspaceId::new();
        assert_eq!(
            cooldown_key(workspace, OrderAction::Refill, 2_274_209),
            format!("cooldown:{workspace}:refill:2274209")
        );
        let settings = CooldownSettings {
            speed_secs: 60,
            ..CooldownSettings::default()
        };
        assert_eq!(settings.period(OrderAction::Speed), Duration::from_secs(60));
        assert_eq!(
            settings.period(OrderAction::Cancel),
            Duration::from_secs(43_200)
        );
    }
}
