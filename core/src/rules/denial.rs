//! A denied check: its reason code, an optional time, and a detail for logs.

use super::reason::ReasonCode;
use chrono::{DateTime, Utc};

/// Why a check refused an order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Denial {
    /// The reason code.
    pub reason: ReasonCode,
    /// The time that goes with the reason: when a speed-up becomes possible
    /// (`speed_too_early`), when the refill window ended (`refill_window_expired`), when the
    /// customer may ask again (`in_cooldown`).
    pub at: Option<DateTime<Utc>>,
    /// A technical explanation for logs; never shown to customers.
    pub detail: String,
}

impl Denial {
    /// A denial without a time.
    pub fn new(reason: ReasonCode, detail: impl Into<String>) -> Self {
        Self {
            reason,
            at: None,
            detail: detail.into(),
        }
    }

    /// A denial with a time.
    pub fn timed(reason: ReasonCode, at: DateTime<Utc>, detail: impl Into<String>) -> Self {
        Self {
            reason,
            at: Some(at),
            detail: detail.into(),
        }
    }
}
