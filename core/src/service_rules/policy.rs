//! The policies a service name states: refill and start time.

use serde::{Deserialize, Serialize};

/// Whether and for how long an order may be refilled.
///
/// Serialised as `{"kind": "days", "days": 30}`, `{"kind": "lifetime"}`, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "days", rename_all = "snake_case")]
pub enum RefillPolicy {
    /// The service explicitly has no refill.
    None,
    /// Refill within this many days (months count 30 days, years 365).
    Days(u32),
    /// Lifetime refill. Whether that means "365 days" is the workspace's call.
    Lifetime,
    /// The name states no refill window.
    Unknown,
}

/// When an order starts, in minutes after it is placed; `None` when not stated.
/// Instant is `0/0`; "starts within X" is `0/X`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StartWindow {
    /// The earliest start.
    pub min_minutes: Option<u32>,
    /// The latest start.
    pub max_minutes: Option<u32>,
}

impl StartWindow {
    /// Nothing stated.
    pub const UNKNOWN: StartWindow = StartWindow {
        min_minutes: None,
        max_minutes: None,
    };

    /// Starts at once.
    pub const INSTANT: StartWindow = StartWindow {
        min_minutes: Some(0),
        max_minutes: Some(0),
    };

    /// Starts between `min` and `max` minutes.
    pub fn between(min: u32, max: u32) -> Self {
        Self {
            min_minutes: Some(min),
            max_minutes: Some(max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refill_policy_serialises_with_a_kind() {
        let days = serde_json::to_string(&RefillPolicy::Days(30)).unwrap();
        assert_eq!(days, r#"{"kind":"days","days":30}"#);
        let none = serde_json::to_string(&RefillPolicy::None).unwrap();
        assert_eq!(none, r#"{"kind":"none"}"#);
        for policy in [
            RefillPolicy::None,
            RefillPolicy::Days(7),
            RefillPolicy::Lifetime,
            RefillPolicy::Unknown,
        ] {
            let text = serde_json::to_string(&policy).unwrap();
            assert_eq!(serde_json::from_str::<RefillPolicy>(&text).unwrap(), policy);
        }
    }
}
