//! The ports the engine uses for one message.

use crate::ports::{Clock, KeyValue, OrderHistory, PanelApi, RunningCooldowns};

/// The outside world, as the engine reaches it.
#[derive(Clone, Copy)]
pub struct Ports<'a> {
    /// The workspace's panel.
    pub panel: &'a dyn PanelApi,
    /// Cooldowns (a cache of `cooldown_log`).
    pub key_value: &'a dyn KeyValue,
    /// The current time.
    pub clock: &'a dyn Clock,
    /// First-seen-completed times.
    pub history: &'a dyn OrderHistory,
    /// The durable record of running cooldowns, loaded into `key_value` when it lost them.
    pub cooldown_log: &'a dyn RunningCooldowns,
}
