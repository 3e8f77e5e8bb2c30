//! The API's closed sets of values, as enums the spec lists: what a client may send in a
//! filter and what it can expect to read. Stored values are read back by name
//! ([`from_name`]); a name the enum does not know (a row older than the set) falls back
//! to the nearest value each view chooses.

use panelrelay_core::rules::{OrderAction, ReasonCode};
use poem_openapi::Enum;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The value of `T` named `name` (its snake_case wire name), if any.
pub fn from_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// The snake_case wire name of `value`.
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// An action forwarded to a provider group.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ForwardedAction {
    /// Speed the order up.
    Speed,
    /// Cancel the order.
    Cancel,
    /// Refill the order.
    Refill,
}

impl From<ForwardedAction> for OrderAction {
    fn from(action: ForwardedAction) -> Self {
        match action {
            ForwardedAction::Speed => OrderAction::Speed,
            ForwardedAction::Cancel => OrderAction::Cancel,
            ForwardedAction::Refill => OrderAction::Refill,
        }
    }
}

impl From<OrderAction> for ForwardedAction {
    fn from(action: OrderAction) -> Self {
        match action {
            OrderAction::Speed => ForwardedAction::Speed,
            OrderAction::Cancel => ForwardedAction::Cancel,
            OrderAction::Refill => ForwardedAction::Refill,
        }
    }
}

/// Why an order's request was forwarded or not.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Every check passed: forwarded to the provider (or, for details, shown).
    Accepted,
    /// The panel does not know the order.
    NotFound,
    /// The order belongs to another panel user.
    NotYours,
    /// An admin chat without the permission the action needs.
    NotPermitted,
    /// The status × action matrix denies the action for the order's status.
    StatusNotAllowed,
    /// The service explicitly has no refill.
    RefillNotOffered,
    /// The refill window has passed.
    RefillWindowExpired,
    /// The refill policy is unknown and the workspace denies such requests.
    RefillPolicyUnknown,
    /// The refill policy is unknown and an admin should decide.
    NeedsAdmin,
    /// The service's start window has not passed yet.
    SpeedTooEarly,
    /// The same action was requested for the order within the cooldown period.
    InCooldown,
    /// No enabled route serves the order's provider.
    RouteMissing,
    /// The order has no provider or provider-side order id to forward.
    ProviderMissing,
    /// The panel could not be asked.
    PanelUnavailable,
    /// The message names more orders than the workspace allows.
    TooManyOrders,
    /// panelrelay's own store failed; nothing was forwarded.
    StoreUnavailable,
}

impl From<ReasonCode> for Reason {
    fn from(code: ReasonCode) -> Self {
        match code {
            ReasonCode::Accepted => Reason::Accepted,
            ReasonCode::NotFound => Reason::NotFound,
            ReasonCode::NotYours => Reason::NotYours,
            ReasonCode::NotPermitted => Reason::NotPermitted,
            ReasonCode::StatusNotAllowed => Reason::StatusNotAllowed,
            ReasonCode::RefillNotOffered => Reason::RefillNotOffered,
            ReasonCode::RefillWindowExpired => Reason::RefillWindowExpired,
            ReasonCode::RefillPolicyUnknown => Reason::RefillPolicyUnknown,
            ReasonCode::NeedsAdmin => Reason::NeedsAdmin,
            ReasonCode::SpeedTooEarly => Reason::SpeedTooEarly,
            ReasonCode::InCooldown => Reason::InCooldown,
            ReasonCode::RouteMissing => Reason::RouteMissing,
            ReasonCode::ProviderMissing => Reason::ProviderMissing,
            ReasonCode::PanelUnavailable => Reason::PanelUnavailable,
            ReasonCode::TooManyOrders => Reason::TooManyOrders,
            ReasonCode::StoreUnavailable => Reason::StoreUnavailable,
        }
    }
}

/// Which way a message went.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the chat.
    In,
    /// panelrelay's message to the chat.
    Out,
}

/// What became of a webhook delivery.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum WebhookOutcome {
    /// Stored for the worker.
    Accepted,
    /// Delivered before; not stored again.
    Duplicate,
    /// The channel's own outgoing message, echoed back.
    Echo,
    /// A delivery or read receipt.
    Status,
    /// Nothing to handle (not a text message, a service event, …).
    Ignored,
    /// The workspace is suspended.
    WorkspaceSuspended,
    /// Storage did not answer (503; the provider retries).
    Unavailable,
    /// Older rows' name for `unavailable`.
    Failed,
    /// The secret or signature did not match (401).
    BadSignature,
    /// The body could not be read (400).
    Malformed,
    /// The body was too large (413).
    Oversize,
    /// No channel with this id and medium (404).
    UnknownChannel,
}

/// How an attempt to send went.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SendOutcome {
    /// The provider accepted the message.
    Ok,
    /// It did not.
    Failed,
}

/// What an outgoing message is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum OutgoingKind {
    /// A request forwarded to a provider group.
    Dispatch,
    /// A reply to the customer.
    Reply,
}

/// Where an outgoing message is on its way out.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its turn.
    Pending,
    /// Being sent.
    Sending,
    /// The provider accepted it.
    Sent,
    /// Given up.
    Failed,
}

/// A channel's last validation.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ChannelStatus {
    /// Never validated.
    Unvalidated,
    /// The last validation passed.
    Ok,
    /// The last validation failed.
    Error,
}

impl ChannelStatus {
    /// A stored status; one this version does not know reads as `unvalidated`.
    pub fn stored(name: &str) -> Self {
        from_name(name).unwrap_or(ChannelStatus::Unvalidated)
    }
}

/// Where a panel's service list comes from.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ServicesSource {
    /// The panel's service catalogue.
    Catalogue,
    /// The services of recent orders (the panel has no catalogue call).
    RecentOrders,
    /// Nowhere: the panel's API cannot tell.
    None,
}

impl From<panelrelay_core::ports::panel::ServicesSource> for ServicesSource {
    fn from(source: panelrelay_core::ports::panel::ServicesSource) -> Self {
        use panelrelay_core::ports::panel::ServicesSource as Core;
        match source {
            Core::Catalogue => ServicesSource::Catalogue,
            Core::RecentOrders => ServicesSource::RecentOrders,
            Core::None => ServicesSource::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_code_keeps_its_name() {
        for name in ["accepted", "not_yours", "in_cooldown", "store_unavailable"] {
            let code: ReasonCode = from_name(name).unwrap();
            assert_eq!(name_of(&Reason::from(code)), code.as_str());
        }
    }

    #[test]
    fn unknown_names_are_none() {
        assert_eq!(from_name::<Direction>("sideways"), None);
        assert_eq!(from_name::<Direction>("out"), Some(Direction::Out));
    }
}
