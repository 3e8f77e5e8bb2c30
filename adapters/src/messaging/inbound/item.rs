//! What a webhook payload is normalised to: items with a dedupe key and a kind.

use chrono::{DateTime, Utc};

/// One event of a webhook payload, ready for the inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundItem {
    /// Unique per event across redeliveries: `tg:{update_id}` (scope it by bot),
    /// `ga:{idInstance}:{chatId}:{idMessage}`, `meta:{message id}`,
    /// `meta-status:{id}:{status}`, … (DESIGN, "Ingress").
    pub dedupe_key: String,
    /// The provider account the event is addressed to — Green API `idInstance`, Meta
    /// `metadata.phone_number_id` — to check against the channel it arrived for. `None` for
    /// Telegram, whose bot is known from the webhook URL and secret.
    pub account: Option<String>,
    /// What happened.
    pub kind: InboundKind,
}

/// The kinds of inbound events. Only [`InboundKind::Message`] may carry a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboundKind {
    /// A text message from a person.
    Message(InboundMessage),
    /// One of our own outgoing messages, echoed back (Green API `outgoing*Received`, or a
    /// message whose author is the instance's own number). Never answered.
    Echo {
        /// The chat it was sent to.
        chat_id: String,
        /// The provider's message id.
        message_id: String,
    },
    /// A delivery status of a message we sent.
    Status {
        /// The provider's id of our message (`Sent::provider_message_id`).
        message_id: String,
        /// The provider's status word: `sent`, `delivered`, `read`, `failed`, `noAccount`…
        status: String,
        /// The provider's error, for failures (`131047 Re-engagement message: …`).
        error: Option<String>,
    },
    /// Acknowledged and not processed: non-text messages, channel posts, membership and
    /// state changes, unknown types.
    Ignored {
        /// Why, for the webhook log.
        reason: String,
    },
}

/// A text message, normalised across mediums.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundMessage {
    /// The chat to reply to: Telegram `chat.id`, Green API `senderData.chatId`, Meta
    /// `from` (or the BSUID, or `group_id`).
    pub chat_id: String,
    /// The author: Telegram `from.id` (or `sender_chat.id`), Green API `senderData.sender`,
    /// Meta `from` (or the BSUID).
    pub sender_id: String,
    /// The author's display name. User-controlled: never trust it.
    pub sender_name: Option<String>,
    /// The text, as written.
    pub text: String,
    /// Whether the chat is a group (silence rules apply).
    pub is_group: bool,
    /// The Telegram forum topic the message is in, to reply into it.
    pub topic_id: Option<i64>,
    /// The provider's message id (unique within the chat).
    pub message_id: String,
    /// Whether this is an edit of an earlier message (Telegram `edited_message`).
    pub edited: bool,
    /// When it was sent (for edits: edited).
    pub sent_at: Option<DateTime<Utc>>,
}

/// Why a payload could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InboundError {
    /// Not JSON, or not the provider's envelope.
    #[error("malformed webhook payload: {0}")]
    Malformed(String),
}
