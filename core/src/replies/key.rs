//! Reply template keys and the variables each may use.

use crate::rules::ReasonCode;
use serde::{Deserialize, Serialize};

/// A customer reply template. Every key has a default English text (`defaults.rs`) and may be
/// overridden per workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKey {
    /// One order's refill was forwarded.
    RefillRequested,
    /// One order's speed-up was forwarded.
    SpeedRequested,
    /// One order's cancellation was forwarded.
    CancelRequested,
    /// One order's status and details.
    Details,
    /// The panel does not know the order.
    NotFound,
    /// The order is another customer's.
    NotYours,
    /// The admin chat lacks the permission for the action.
    NotPermitted,
    /// The order's status does not permit the action.
    StatusNotAllowed,
    /// The service has no refill.
    RefillNotOffered,
    /// The refill window has ended.
    RefillWindowExpired,
    /// The refill policy is unknown and the workspace refuses such requests.
    UnknownPolicy,
    /// The request waits for an admin's decision.
    NeedsAdmin,
    /// A speed-up is asked for inside the start window.
    SpeedTooEarly,
    /// The same request was made within the cooldown.
    Cooldown,
    /// No route serves the order's provider.
    RouteMissing,
    /// The order has no provider or provider-side id.
    ProviderMissing,
    /// Any other per-order failure.
    Failure,
    /// The panel cannot be reached: the whole reply.
    PanelUnavailable,
    /// Too many ids in one message.
    TooManyOrders,
    /// The list of commands.
    Help,
    /// Ids without an action: ask which action.
    WhichAction,
    /// An action without ids: ask for the ids.
    WhichOrder,
    /// The sender is not linked to a panel account: the verification prompt.
    NotLinked,
    /// The customer's balance.
    Balance,
    /// The balance cannot be shown.
    BalanceUnavailable,
    /// A custom command without its own text.
    Custom,
    /// The compact reply for many ids, around its items.
    CompactSummary,
    /// Compact item: refills forwarded.
    SummaryRefillRequested,
    /// Compact item: speed-ups forwarded.
    SummarySpeedRequested,
    /// Compact item: cancellations forwarded.
    SummaryCancelRequested,
    /// Compact item: orders whose details were found.
    SummaryDetails,
    /// Compact item: orders in cooldown.
    SummaryCooldown,
    /// Compact item: orders the rules refused (status, refill window or policy, start time).
    SummaryNotEligible,
    /// Compact item: orders waiting for an admin.
    SummaryNeedsAdmin,
    /// Compact item: other customers' orders.
    SummaryNotYours,
    /// Compact item: orders the admin chat lacks the permission for.
    SummaryNotPermitted,
    /// Compact item: unknown orders.
    SummaryNotFound,
    /// Compact item: orders that could not be forwarded (no route, no provider, errors).
    SummaryFailed,
    /// `link` without a username: how to link a chat.
    LinkUsage,
    /// `link <username>` for a username the panel does not know.
    LinkUsernameUnknown,
    /// A verification code was put in a ticket of the customer's panel account.
    LinkCodeSent,
    /// The subject of the panel ticket carrying a verification code.
    LinkTicketSubject,
    /// The panel ticket carrying a verification code (shown in the panel, not in the chat).
    LinkTicketMessage,
    /// The chat is now linked to the panel username.
    LinkSuccess,
    /// A wrong verification code, with the attempts left.
    LinkCodeInvalid,
    /// The verification code has expired.
    LinkCodeExpired,
    /// Too many link requests or wrong codes: try again later.
    LinkRateLimited,
    /// The panel cannot open tickets: linking from the chat is not available.
    LinkUnsupported,
}

impl TemplateKey {
    /// Every key, in declaration order.
    pub const ALL: [TemplateKey; 48] = [
        TemplateKey::RefillRequested,
        TemplateKey::SpeedRequested,
        TemplateKey::CancelRequested,
        TemplateKey::Details,
        TemplateKey::NotFound,
        TemplateKey::NotYours,
        TemplateKey::NotPermitted,
        TemplateKey::StatusNotAllowed,
        TemplateKey::RefillNotOffered,
        TemplateKey::RefillWindowExpired,
        TemplateKey::UnknownPolicy,
        TemplateKey::NeedsAdmin,
        TemplateKey::SpeedTooEarly,
        TemplateKey::Cooldown,
        TemplateKey::RouteMissing,
        TemplateKey::ProviderMissing,
        TemplateKey::Failure,
        TemplateKey::PanelUnavailable,
        TemplateKey::TooManyOrders,
        TemplateKey::Help,
        TemplateKey::WhichAction,
        TemplateKey::WhichOrder,
        TemplateKey::NotLinked,
        TemplateKey::Balance,
        TemplateKey::BalanceUnavailable,
        TemplateKey::Custom,
        TemplateKey::CompactSummary,
        TemplateKey::SummaryRefillRequested,
        TemplateKey::SummarySpeedRequested,
        TemplateKey::SummaryCancelRequested,
        TemplateKey::SummaryDetails,
        TemplateKey::SummaryCooldown,
        TemplateKey::SummaryNotEligible,
        TemplateKey::SummaryNeedsAdmin,
        TemplateKey::SummaryNotYours,
        TemplateKey::SummaryNotPermitted,
        TemplateKey::SummaryNotFound,
        TemplateKey::SummaryFailed,
        TemplateKey::LinkUsage,
        TemplateKey::LinkUsernameUnknown,
        TemplateKey::LinkCodeSent,
        TemplateKey::LinkTicketSubject,
        TemplateKey::LinkTicketMessage,
        TemplateKey::LinkSuccess,
        TemplateKey::LinkCodeInvalid,
        TemplateKey::LinkCodeExpired,
        TemplateKey::LinkRateLimited,
        TemplateKey::LinkUnsupported,
    ];

    /// The snake_case name, as in JSON (`not_found`).
    pub fn name(self) -> &'static str {
        match self {
            TemplateKey::RefillRequested => "refill_requested",
            TemplateKey::SpeedRequested => "speed_requested",
            TemplateKey::CancelRequested => "cancel_requested",
            TemplateKey::Details => "details",
            TemplateKey::NotFound => "not_found",
            TemplateKey::NotYours => "not_yours",
            TemplateKey::NotPermitted => "not_permitted",
            TemplateKey::StatusNotAllowed => "status_not_allowed",
            TemplateKey::RefillNotOffered => "refill_not_offered",
            TemplateKey::RefillWindowExpired => "refill_window_expired",
            TemplateKey::UnknownPolicy => "unknown_policy",
            TemplateKey::NeedsAdmin => "needs_admin",
            TemplateKey::SpeedTooEarly => "speed_too_early",
            TemplateKey::Cooldown => "cooldown",
            TemplateKey::RouteMissing => "route_missing",
            TemplateKey::ProviderMissing => "provider_missing",
            TemplateKey::Failure => "failure",
            TemplateKey::PanelUnavailable => "panel_unavailable",
            TemplateKey::TooManyOrders => "too_many_orders",
            TemplateKey::Help => "help",
            TemplateKey::WhichAction => "which_action",
            TemplateKey::WhichOrder => "which_order",
            TemplateKey::NotLinked => "not_linked",
            TemplateKey::Balance => "balance",
            TemplateKey::BalanceUnavailable => "balance_unavailable",
            TemplateKey::Custom => "custom",
            TemplateKey::CompactSummary => "compact_summary",
            TemplateKey::SummaryRefillRequested => "summary_refill_requested",
            TemplateKey::SummarySpeedRequested => "summary_speed_requested",
            TemplateKey::SummaryCancelRequested => "summary_cancel_requested",
            TemplateKey::SummaryDetails => "summary_details",
            TemplateKey::SummaryCooldown => "summary_cooldown",
            TemplateKey::SummaryNotEligible => "summary_not_eligible",
            TemplateKey::SummaryNeedsAdmin => "summary_needs_admin",
            TemplateKey::SummaryNotYours => "summary_not_yours",
            TemplateKey::SummaryNotPermitted => "summary_not_permitted",
            TemplateKey::SummaryNotFound => "summary_not_found",
            TemplateKey::SummaryFailed => "summary_failed",
            TemplateKey::LinkUsage => "link_usage",
            TemplateKey::LinkUsernameUnknown => "link_username_unknown",
            TemplateKey::LinkCodeSent => "link_code_sent",
            TemplateKey::LinkTicketSubject => "link_ticket_subject",
            TemplateKey::LinkTicketMessage => "link_ticket_message",
            TemplateKey::LinkSuccess => "link_success",
            TemplateKey::LinkCodeInvalid => "link_code_invalid",
            TemplateKey::LinkCodeExpired => "link_code_expired",
            TemplateKey::LinkRateLimited => "link_rate_limited",
            TemplateKey::LinkUnsupported => "link_unsupported",
        }
    }

    /// The variables this key's template may use.
    ///
    /// Times (`available_at`, `expired_at`) read `2026-11-24 07:30 UTC`; `action` is
    /// `refill`, `speed`, `cancel` or `details`; `order_ids` is a comma-separated list;
    /// `minutes` is a whole number of minutes; `code` is the 6-digit verification code.
    pub fn variables(self) -> &'static [&'static str] {
        match self {
            TemplateKey::RefillRequested
            | TemplateKey::SpeedRequested
            | TemplateKey::CancelRequested => &["order_id", "service", "status"],
            TemplateKey::Details => &[
                "order_id",
                "status",
                "service",
                "start_count",
                "remains",
                "charge",
            ],
            TemplateKey::NotFound | TemplateKey::NotYours => &["order_id"],
            TemplateKey::StatusNotAllowed => &["order_id", "action", "status"],
            TemplateKey::RefillNotOffered | TemplateKey::UnknownPolicy => &["order_id", "service"],
            TemplateKey::RefillWindowExpired => &["order_id", "service", "expired_at"],
            TemplateKey::SpeedTooEarly => &["order_id", "available_at"],
            TemplateKey::Cooldown => &["order_id", "action", "available_at"],
            TemplateKey::NeedsAdmin
            | TemplateKey::NotPermitted
            | TemplateKey::RouteMissing
            | TemplateKey::ProviderMissing
            | TemplateKey::Failure => &["order_id", "action"],
            TemplateKey::PanelUnavailable
            | TemplateKey::Help
            | TemplateKey::NotLinked
            | TemplateKey::Custom => &[],
            TemplateKey::TooManyOrders => &["count", "limit"],
            TemplateKey::WhichAction => &["order_ids"],
            TemplateKey::WhichOrder => &["action"],
            TemplateKey::Balance => &["username", "balance", "currency"],
            TemplateKey::BalanceUnavailable => &["username"],
            TemplateKey::CompactSummary => &["items", "total", "action"],
            TemplateKey::SummaryRefillRequested
            | TemplateKey::SummarySpeedRequested
            | TemplateKey::SummaryCancelRequested
            | TemplateKey::SummaryDetails
            | TemplateKey::SummaryCooldown
            | TemplateKey::SummaryNotEligible
            | TemplateKey::SummaryNeedsAdmin
            | TemplateKey::SummaryNotYours
            | TemplateKey::SummaryNotPermitted
            | TemplateKey::SummaryNotFound
            | TemplateKey::SummaryFailed => &["count"],
            TemplateKey::LinkUsage
            | TemplateKey::LinkTicketSubject
            | TemplateKey::LinkCodeExpired
            | TemplateKey::LinkUnsupported => &[],
            TemplateKey::LinkUsernameUnknown | TemplateKey::LinkSuccess => &["username"],
            TemplateKey::LinkCodeSent => &["username", "minutes"],
            TemplateKey::LinkTicketMessage => &["code", "minutes", "username"],
            TemplateKey::LinkCodeInvalid => &["attempts_left"],
            TemplateKey::LinkRateLimited => &["minutes"],
        }
    }

    /// The per-order line of a refused order.
    pub fn for_denial(reason: ReasonCode) -> TemplateKey {
        match reason {
            ReasonCode::NotFound => TemplateKey::NotFound,
            ReasonCode::NotYours => TemplateKey::NotYours,
            ReasonCode::NotPermitted => TemplateKey::NotPermitted,
            ReasonCode::StatusNotAllowed => TemplateKey::StatusNotAllowed,
            ReasonCode::RefillNotOffered => TemplateKey::RefillNotOffered,
            ReasonCode::RefillWindowExpired => TemplateKey::RefillWindowExpired,
            ReasonCode::RefillPolicyUnknown => TemplateKey::UnknownPolicy,
            ReasonCode::NeedsAdmin => TemplateKey::NeedsAdmin,
            ReasonCode::SpeedTooEarly => TemplateKey::SpeedTooEarly,
            ReasonCode::InCooldown => TemplateKey::Cooldown,
            ReasonCode::RouteMissing => TemplateKey::RouteMissing,
            ReasonCode::ProviderMissing => TemplateKey::ProviderMissing,
            ReasonCode::Accepted
            | ReasonCode::PanelUnavailable
            | ReasonCode::TooManyOrders
            | ReasonCode::StoreUnavailable => TemplateKey::Failure,
        }
    }

    /// The compact item of a refused order.
    pub fn summary_for_denial(reason: ReasonCode) -> TemplateKey {
        match reason {
            ReasonCode::NotFound => TemplateKey::SummaryNotFound,
            ReasonCode::NotYours => TemplateKey::SummaryNotYours,
            ReasonCode::NotPermitted => TemplateKey::SummaryNotPermitted,
            ReasonCode::InCooldown => TemplateKey::SummaryCooldown,
            ReasonCode::NeedsAdmin => TemplateKey::SummaryNeedsAdmin,
            ReasonCode::StatusNotAllowed
            | ReasonCode::RefillNotOffered
            | ReasonCode::RefillWindowExpired
            | ReasonCode::RefillPolicyUnknown
            | ReasonCode::SpeedTooEarly => TemplateKey::SummaryNotEligible,
            ReasonCode::Accepted
            | ReasonCode::RouteMissing
            | ReasonCode::ProviderMissing
            | ReasonCode::PanelUnavailable
            | ReasonCode::TooManyOrders
            | ReasonCode::StoreUnavailable => TemplateKey::SummaryFailed,
        }
    }
}
