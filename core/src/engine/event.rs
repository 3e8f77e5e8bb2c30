//! The inbound event the engine handles.

use crate::medium::Medium;
use serde::{Deserialize, Serialize};

/// One customer message, normalised from any medium's webhook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundEvent {
    /// The medium it came through; bounds the reply's length.
    pub medium: Medium,
    /// The chat to reply to.
    pub chat_id: String,
    /// The author's id on the medium.
    pub sender_id: String,
    /// The message text.
    pub text: String,
    /// Whether the chat is a group (silence rules apply).
    pub is_group: bool,
}
