//! The outcome of one order's request.

use crate::command::Action;
use crate::rules::{Denial, ReasonCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What happened to one order of a command, for the reply, the command log and the API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderOutcome {
    /// The panel order id.
    pub order_id: u64,
    /// The action asked for.
    pub action: Action,
    /// The reason code.
    pub reason: ReasonCode,
    /// The time that goes with the reason (see [`Denial::at`]).
    pub at: Option<DateTime<Utc>>,
    /// A technical explanation for logs; never shown to customers.
    pub detail: Option<String>,
}

impl OrderOutcome {
    /// An accepted order.
    pub fn accepted(order_id: u64, action: &Action) -> Self {
        Self {
            order_id,
            action: action.clone(),
            reason: ReasonCode::Accepted,
            at: None,
            detail: None,
        }
    }

    /// A refused order.
    pub fn denied(order_id: u64, action: &Action, denial: Denial) -> Self {
        Self {
            order_id,
            action: action.clone(),
            reason: denial.reason,
            at: denial.at,
            detail: Some(denial.detail),
        }
    }
}
