//! The messenger port: sending one text message to a chat on a messaging medium.
//!
//! Implemented by the Telegram, Green API and Meta Cloud API clients. A client sends once
//! and reports what happened; retries, backoff and rate limits are the outbox's job, guided
//! by [`SendError::is_retryable`] and the `retry_after` a provider asked for.

use async_trait::async_trait;
use std::time::Duration;

/// One text message to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboundText {
    /// The chat: a Telegram chat id (`-1001987654321`, `@channel`), a Green API chat id
    /// (`79001234567@c.us`, `…@g.us`), or a Meta recipient (phone digits or a BSUID).
    pub chat_id: String,
    /// The Telegram forum topic (`message_thread_id`) to post into; ignored elsewhere.
    pub topic_id: Option<i64>,
    /// The text, sent as plain text (no markup parsing).
    pub text: String,
}

/// A message the provider accepted (queued or sent; delivery is reported later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The provider's id for the message, to match later delivery statuses.
    pub provider_message_id: Option<String>,
    /// The provider's response body for the outbound log: secrets redacted, at most 2 KB.
    pub response: String,
}

/// Why a message was not sent. Never carries a token, a secret or a URL with one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The provider asked us to slow down, for `retry_after` when it said so.
    #[error("rate limited by the provider (retry after {retry_after:?})")]
    RateLimited {
        /// How long the provider asked us to wait.
        retry_after: Option<Duration>,
    },
    /// The Telegram group became a supergroup: the chat id must be replaced, then the
    /// message sent again.
    #[error("the chat migrated to {new_chat_id}")]
    ChatMigrated {
        /// The supergroup's chat id.
        new_chat_id: String,
    },
    /// A permanent refusal: blocked by the user, chat not found, bad request, Meta's
    /// 24-hour window (131047), Green API's monthly quota (466)…
    #[error("the provider rejected the message: {reason}")]
    Rejected {
        /// The provider's error code (`403`, `131047`, `CORRESPONDENTS_QUOTE_EXCEEDED`).
        code: Option<String>,
        /// The provider's explanation.
        reason: String,
    },
    /// The channel's credentials were refused, or its account is not authorised (a Green
    /// API instance whose phone must be linked again).
    #[error("the provider refused the channel's credentials")]
    AuthFailed,
    /// No answer in time. The message may have been sent.
    #[error("the provider did not answer in time")]
    Timeout,
    /// Connection refused, DNS failure or reset, or the provider's account temporarily
    /// unavailable (a Green API instance rebooting).
    #[error("the provider is unreachable")]
    Unreachable,
    /// An unexpected HTTP status: a server error (5xx) or one this client does not know.
    #[error("the provider answered HTTP {0}")]
    Http(u16),
    /// The answer could not be read.
    #[error("unreadable provider answer: {0}")]
    Decode(String),
}

impl SendError {
    /// Whether sending the same message again later may succeed: rate limits, timeouts,
    /// unreachable providers and server errors. A migrated chat needs a new chat id first.
    pub fn is_retryable(&self) -> bool {
        match self {
            SendError::RateLimited { .. } | SendError::Timeout | SendError::Unreachable => true,
            SendError::Http(status) => *status >= 500,
            SendError::ChatMigrated { .. }
            | SendError::Rejected { .. }
            | SendError::AuthFailed
            | SendError::Decode(_) => false,
        }
    }
}

/// Sends text messages through one channel (a bot, a Green API instance, a Meta number).
#[async_trait]
pub trait Messenger: Send + Sync {
    /// Sends `msg` once.
    async fn send_text(&self, msg: &OutboundText) -> Result<Sent, SendError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_errors() {
        let retryable = [
            SendError::RateLimited { retry_after: None },
            SendError::Timeout,
            SendError::Unreachable,
            SendError::Http(502),
        ];
        assert!(retryable.iter().all(SendError::is_retryable));
        let permanent = [
            SendError::ChatMigrated {
                new_chat_id: "-1001".into(),
            },
            SendError::Rejected {
                code: Some("403".into()),
                reason: "Forbidden: bot was blocked by the user".into(),
            },
            SendError::AuthFailed,
            SendError::Http(418),
            SendError::Decode("not JSON".into()),
        ];
        assert!(!permanent.iter().any(SendError::is_retryable));
    }
}
