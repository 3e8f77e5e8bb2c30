//! What the engine decided for one message.

use crate::command::Command;
use crate::outcome::OrderOutcome;
use crate::routing::Dispatch;

/// The engine's decision for one message. The engine sends nothing itself: the caller
/// queues the dispatches and the reply, and logs the outcomes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EngineResult {
    /// The parsed command, when the text was a complete command.
    pub command: Option<Command>,
    /// The reply to the customer's chat; `None` to stay silent.
    pub reply: Option<String>,
    /// Texts to send to provider chats.
    pub dispatches: Vec<Dispatch>,
    /// One outcome per order id, in the order written.
    pub outcomes: Vec<OrderOutcome>,
}
