//! Cooldowns: one forwarded request per (workspace, order, action) per period.
//!
//! A cooldown is a key-value entry `cooldown:{workspace}:{action}:{order}` that lives for the
//! action's period. The engine claims it with `set_if_absent` only once every other check
//! passed for the order, so a refused request never uses up the customer's turn; of two
//! concurrent claims exactly one wins. Simulations only look ([`Cooldowns::peek`]).
//!
//! The database's cooldown log is the source of truth; the key-value store is a cache in
//! front of it. The marker `cooldowns-loaded:{workspace}` says the store holds all of the
//! workspace's running cooldowns. When it is absent (the store lost its data, or first use),
//! the running cooldowns are read from the log once and written into the store with their
//! remaining time before anything is claimed or looked at, so losing the store's data never
//! lets a request through twice within a cooldown. The store must lose everything at once or
//! nothing: a single evicted cooldown key under a present marker is not reloaded.

use crate::ids::WorkspaceId;
use crate::ports::{KeyValue, KeyValueError, RunningCooldowns, RunningCooldownsError};
use crate::rules::OrderAction;
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Twelve hours, the default period of every action.
const TWELVE_HOURS_SECS: u64 = 12 * 60 * 60;

/// How long the store counts as loaded before the log is read again: one day.
const LOADED_TTL: Duration = Duration::from_secs(24 * 60 * 60);

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

/// The key of the marker saying the store holds all running cooldowns of `workspace`:
/// `cooldowns-loaded:{workspace}`.
pub fn loaded_marker_key(workspace: WorkspaceId) -> String {
    format!("cooldowns-loaded:{workspace}")
}

/// A failure to claim or look at a cooldown: neither the store nor the log may be skipped.
#[derive(Debug, thiserror::Error)]
pub enum CooldownError {
    /// The key-value store failed.
    #[error(transparent)]
    KeyValue(#[from] KeyValueError),
    /// The durable log could not be read to refill the store.
    #[error(transparent)]
    Log(#[from] RunningCooldownsError),
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
    log: &'a dyn RunningCooldowns,
    workspace: WorkspaceId,
    settings: &'a CooldownSettings,
    /// Whether this value already saw the store loaded: the marker is checked once per
    /// value (one command), not once per order.
    loaded: AtomicBool,
}

impl<'a> Cooldowns<'a> {
    /// The cooldowns of `workspace` in `store`, a cache of `log`.
    pub fn new(
        store: &'a dyn KeyValue,
        log: &'a dyn RunningCooldowns,
        workspace: WorkspaceId,
        settings: &'a CooldownSettings,
    ) -> Self {
        Self {
            store,
            log,
            workspace,
            settings,
            loaded: AtomicBool::new(false),
        }
    }

    /// Makes sure the store holds every running cooldown of the workspace: when the marker
    /// is absent, reads the log once and writes each running cooldown (held by the request
    /// that claimed it) with the time it has left, then sets the marker. Concurrent loaders
    /// are harmless: every write is `set_if_absent`.
    pub async fn ensure_loaded(&self, now: DateTime<Utc>) -> Result<(), CooldownError> {
        if self.loaded.load(Ordering::Acquire) {
            return Ok(());
        }
        let marker = loaded_marker_key(self.workspace);
        if self.store.get(&marker).await?.is_none() {
            let running = self.log.running_cooldowns(self.workspace, now).await?;
            for cooldown in running {
                let left = (cooldown.until - now).to_std().unwrap_or(Duration::ZERO);
                if left.is_zero() {
                    continue;
                }
                let key = cooldown_key(self.workspace, cooldown.action, cooldown.order_id);
                self.store
                    .set_if_absent(&key, &cooldown.holder, left)
                    .await?;
            }
            let value = now.to_rfc3339_opts(SecondsFormat::Secs, true);
            self.store
                .set_if_absent(&marker, &value, LOADED_TTL)
                .await?;
        }
        self.loaded.store(true, Ordering::Release);
        Ok(())
    }

    /// Starts the cooldown of (`order_id`, `action`) unless one runs. Atomic: of two
    /// concurrent claims exactly one gets [`CooldownState::Free`].
    pub async fn claim(
        &self,
        action: OrderAction,
        order_id: u64,
        now: DateTime<Utc>,
    ) -> Result<CooldownState, CooldownError> {
        let period = self.settings.period(action);
        if period.is_zero() {
            return Ok(CooldownState::Free);
        }
        self.ensure_loaded(now).await?;
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
    ) -> Result<CooldownState, CooldownError> {
        let period = self.settings.period(action);
        if period.is_zero() {
            return Ok(CooldownState::Free);
        }
        self.ensure_loaded(now).await?;
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

    /// Whether a cooldown of (`order_id`, `action`) runs, without starting one. A store that
    /// lost its data is refilled from the log first, so a simulation sees durable cooldowns.
    pub async fn peek(
        &self,
        action: OrderAction,
        order_id: u64,
        now: DateTime<Utc>,
    ) -> Result<CooldownState, CooldownError> {
        if self.settings.period(action).is_zero() {
            return Ok(CooldownState::Free);
        }
        self.ensure_loaded(now).await?;
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
