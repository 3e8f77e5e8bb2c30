//! The refill window: from which moment, and for how long, an order may be refilled.

use super::denial::Denial;
use super::reason::ReasonCode;
use crate::ports::PanelOrder;
use crate::service_rules::RefillPolicy;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// When the refill clock starts (reference §6.5: panels expose no completion time).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefillAnchor {
    /// The order's creation time. The default: always known, and never later than
    /// completion, so it never grants more than the guarantee.
    #[default]
    Created,
    /// The order's last update, the closest thing to a completion time panels expose.
    LastUpdate,
    /// The first time panelrelay saw the order completed or partial (recorded through the
    /// `OrderHistory` port).
    FirstSeenCompleted,
}

/// What "lifetime refill" means in a workspace.
///
/// Serialised as `{"kind": "unlimited"}` or `{"kind": "days", "days": 365}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "days", rename_all = "snake_case")]
pub enum LifetimeMeaning {
    /// No end. The default.
    #[default]
    Unlimited,
    /// This many days (some panels: "lifetime means 365 days").
    Days(u32),
}

/// What to do with a refill request when the refill policy is unknown (the service name
/// states none and no manual rule exists) or the window's start time is unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownRefillPolicy {
    /// Forward it.
    Allow,
    /// Refuse it (`refill_policy_unknown`). The default.
    #[default]
    Deny,
    /// Forward nothing and ask an admin to decide (`needs_admin`).
    AskAdmin,
}

/// A workspace's refill settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RefillSettings {
    /// When the refill clock starts.
    pub anchor: RefillAnchor,
    /// What lifetime means.
    pub lifetime: LifetimeMeaning,
    /// What to do when the policy or the start time is unknown.
    pub unknown_policy: UnknownRefillPolicy,
}

/// The moment the refill clock of `order` started under `anchor`; `first_seen_completed`
/// is the recorded time for [`RefillAnchor::FirstSeenCompleted`].
pub fn refill_anchor_at(
    anchor: RefillAnchor,
    order: &PanelOrder,
    first_seen_completed: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    match anchor {
        RefillAnchor::Created => order.created_at,
        RefillAnchor::LastUpdate => order.updated_at,
        RefillAnchor::FirstSeenCompleted => first_seen_completed,
    }
}

/// Checks a refill request against the service's refill `policy`, the clock start
/// `anchor_at` and `now`. A window of N days ends N × 24 h after its start: one second
/// before is inside, the end itself and later are expired.
pub fn check_refill(
    policy: RefillPolicy,
    anchor_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    settings: &RefillSettings,
) -> Result<(), Denial> {
    match (policy, settings.lifetime) {
        (RefillPolicy::None, _) => Err(Denial::new(
            ReasonCode::RefillNotOffered,
            "the service has no refill",
        )),
        (RefillPolicy::Unknown, _) => unknown_policy(
            settings.unknown_policy,
            "the service states no refill policy",
        ),
        (RefillPolicy::Lifetime, LifetimeMeaning::Unlimited) => Ok(()),
        (RefillPolicy::Lifetime, LifetimeMeaning::Days(days)) | (RefillPolicy::Days(days), _) => {
            inside_window(days, anchor_at, now, settings)
        }
    }
}

/// Checks that `now` is within `days` of `anchor_at`.
fn inside_window(
    days: u32,
    anchor_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    settings: &RefillSettings,
) -> Result<(), Denial> {
    let Some(start) = anchor_at else {
        return unknown_policy(
            settings.unknown_policy,
            format!(
                "the refill window's start ({:?}) is unknown",
                settings.anchor
            ),
        );
    };
    let Some(end) = start.checked_add_signed(TimeDelta::days(i64::from(days))) else {
        return Ok(());
    };
    if now < end {
        Ok(())
    } else {
        Err(Denial::timed(
            ReasonCode::RefillWindowExpired,
            end,
            format!("the {days}-day refill window from {start} ended at {end}"),
        ))
    }
}

/// The workspace's answer when a refill policy cannot be decided.
fn unknown_policy(choice: UnknownRefillPolicy, detail: impl Into<String>) -> Result<(), Denial> {
    match choice {
        UnknownRefillPolicy::Allow => Ok(()),
        UnknownRefillPolicy::Deny => Err(Denial::new(ReasonCode::RefillPolicyUnknown, detail)),
        UnknownRefillPolicy::AskAdmin => Err(Denial::new(ReasonCode::NeedsAdmin, detail)),
    }
}
