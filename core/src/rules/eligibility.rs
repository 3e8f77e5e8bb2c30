//! Eligibility: the status matrix and the service rule applied to one order and action.

use super::action::OrderAction;
use super::denial::Denial;
use super::matrix::StatusMatrix;
use super::reason::ReasonCode;
use super::refill_window::{RefillSettings, check_refill};
use super::speed::check_speed;
use crate::ports::PanelOrder;
use crate::service_rules::ServiceRule;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A workspace's eligibility rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleSettings {
    /// Which actions each status permits.
    pub status_matrix: StatusMatrix,
    /// The refill window.
    pub refill: RefillSettings,
}

/// Checks whether `action` may be forwarded for `order` (ownership is checked apart):
/// the status matrix first, then for refill the service's refill policy and window
/// (`refill_anchor_at` is when its clock started), for speed the start window.
pub fn evaluate(
    order: &PanelOrder,
    action: OrderAction,
    rule: &ServiceRule,
    refill_anchor_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    settings: &RuleSettings,
) -> Result<(), Denial> {
    if !settings.status_matrix.allows(&order.status, action) {
        return Err(Denial::new(
            ReasonCode::StatusNotAllowed,
            format!(
                "status {:?} does not allow {}",
                order.raw_status,
                action.name()
            ),
        ));
    }
    match action {
        OrderAction::Refill => check_refill(rule.refill, refill_anchor_at, now, &settings.refill),
        OrderAction::Speed => check_speed(rule.start, order.created_at, now),
        OrderAction::Cancel => Ok(()),
    }
}
