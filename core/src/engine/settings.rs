//! A workspace's engine settings.

use crate::command::DEFAULT_MAX_ORDER_IDS;
use crate::cooldown::CooldownSettings;
use crate::rules::RuleSettings;
use serde::{Deserialize, Serialize};

/// The most orders listed one per line; more get a compact summary (reference §5 item 7).
pub const DEFAULT_COMPACT_THRESHOLD: usize = 5;

/// A workspace's engine settings. Missing fields take their defaults, so `{}` is valid.
///
/// Defaults: the status matrix of [`crate::rules::StatusMatrix`]; refill window from the
/// order's creation, lifetime unlimited, unknown policy denied; 12 h cooldown per action;
/// 100 ids per message; compact summary above 5 orders; silent in groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Status matrix and refill window.
    pub rules: RuleSettings,
    /// Cooldown periods per action.
    pub cooldowns: CooldownSettings,
    /// The most order ids one message may carry (on top of the parser's own limit).
    pub max_order_ids: usize,
    /// Replies for more orders than this are compact summaries.
    pub compact_threshold: usize,
    /// In groups, stay silent for chatter and for actions written without ids; when false,
    /// groups get the same prompts as private chats.
    pub silent_in_groups: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rules: RuleSettings::default(),
            cooldowns: CooldownSettings::default(),
            max_order_ids: DEFAULT_MAX_ORDER_IDS,
            compact_threshold: DEFAULT_COMPACT_THRESHOLD,
            silent_in_groups: true,
        }
    }
}
