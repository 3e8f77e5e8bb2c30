//! Reason codes: why an order's request was accepted or not.

use serde::{Deserialize, Serialize};

/// The outcome of one order's request, as a stable snake_case code for logs and the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// Every check passed: forwarded to the provider (or, for details, shown).
    Accepted,
    /// The panel does not know the order.
    NotFound,
    /// The order belongs to another panel user.
    NotYours,
    /// The sender is an admin chat without the permission the action needs
    /// (`view_any_order` for details, `dispatch_any_order` for speed, cancel and refill).
    NotPermitted,
    /// The status × action matrix denies the action for the order's status.
    StatusNotAllowed,
    /// The service explicitly has no refill.
    RefillNotOffered,
    /// The refill window has passed.
    RefillWindowExpired,
    /// The refill policy is unknown and the workspace denies such requests.
    RefillPolicyUnknown,
    /// The refill policy is unknown and the workspace asks an admin to decide: nothing is
    /// forwarded; an admin should review the request.
    NeedsAdmin,
    /// The service's start window has not passed yet; speed-up becomes possible later.
    SpeedTooEarly,
    /// The same action was requested for the order within the cooldown period.
    InCooldown,
    /// No enabled route (and no fallback route) serves the order's provider.
    RouteMissing,
    /// The order has no provider or no provider-side order id to forward.
    ProviderMissing,
    /// The panel could not be asked (timeout, unreachable, blocked, bad key, …).
    PanelUnavailable,
    /// The message carries more order ids than the workspace allows.
    TooManyOrders,
    /// panelrelay's own store (cooldowns, order history) failed; nothing was forwarded.
    StoreUnavailable,
}

impl ReasonCode {
    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Accepted => "accepted",
            ReasonCode::NotFound => "not_found",
            ReasonCode::NotYours => "not_yours",
            ReasonCode::NotPermitted => "not_permitted",
            ReasonCode::StatusNotAllowed => "status_not_allowed",
            ReasonCode::RefillNotOffered => "refill_not_offered",
            ReasonCode::RefillWindowExpired => "refill_window_expired",
            ReasonCode::RefillPolicyUnknown => "refill_policy_unknown",
            ReasonCode::NeedsAdmin => "needs_admin",
            ReasonCode::SpeedTooEarly => "speed_too_early",
            ReasonCode::InCooldown => "in_cooldown",
            ReasonCode::RouteMissing => "route_missing",
            ReasonCode::ProviderMissing => "provider_missing",
            ReasonCode::PanelUnavailable => "panel_unavailable",
            ReasonCode::TooManyOrders => "too_many_orders",
            ReasonCode::StoreUnavailable => "store_unavailable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_name_is_the_code() {
        let all = [
            ReasonCode::Accepted,
            ReasonCode::NotFound,
            ReasonCode::NotYours,
            ReasonCode::NotPermitted,
            ReasonCode::StatusNotAllowed,
            ReasonCode::RefillNotOffered,
            ReasonCode::RefillWindowExpired,
            ReasonCode::RefillPolicyUnknown,
            ReasonCode::NeedsAdmin,
            ReasonCode::SpeedTooEarly,
            ReasonCode::InCooldown,
            ReasonCode::RouteMissing,
            ReasonCode::ProviderMissing,
            ReasonCode::PanelUnavailable,
            ReasonCode::TooManyOrders,
            ReasonCode::StoreUnavailable,
        ];
        for code in all {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ReasonCode>(&json).unwrap(), code);
        }
    }
}
