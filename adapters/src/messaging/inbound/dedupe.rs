//! Dedupe keys: one per event, the same on every redelivery (DESIGN, "Ingress").

use serde_json::Value;
use sha2::{Digest, Sha256};

/// A Telegram update: `tg:{update_id}`. The caller scopes it by bot.
pub(crate) fn telegram(update_id: i64) -> String {
    format!("tg:{update_id}")
}

/// A Telegram text message, first sent or edited: `tg-msg:{chat}:{message_id}:{text hash}`.
/// An edit that leaves the text as it was has the message's own key (nothing to do again);
/// an edit that changes it is a new event, once, however often it is redelivered.
pub(crate) fn telegram_message(chat_id: i64, message_id: i64, text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "tg-msg:{chat_id}:{message_id}:{}",
        hex::encode(&digest[..8])
    )
}

/// A Green API message (incoming or echoed): `idMessage` is unique within a chat.
pub(crate) fn greenapi_message(id_instance: i64, chat_id: &str, id_message: &str) -> String {
    format!("ga:{id_instance}:{chat_id}:{id_message}")
}

/// A Green API delivery status: one per message and status.
pub(crate) fn greenapi_status(
    id_instance: i64,
    chat_id: &str,
    id_message: &str,
    status: &str,
) -> String {
    format!("ga-status:{id_instance}:{chat_id}:{id_message}:{status}")
}

/// A Meta message.
pub(crate) fn meta_message(id: &str) -> String {
    format!("meta:{id}")
}

/// A Meta delivery status: one per message and status.
pub(crate) fn meta_status(id: &str, status: &str) -> String {
    format!("meta-status:{id}:{status}")
}

/// An event without an id of its own (a state change, another webhook field):
/// `{prefix}-event:{account}:{hash}`, the hash over the re-serialised JSON, so a
/// redelivery of the same payload has the same key whatever its whitespace.
pub(crate) fn event(prefix: &str, account: &str, payload: &Value) -> String {
    let digest = Sha256::digest(payload.to_string().as_bytes());
    format!("{prefix}-event:{account}:{}", hex::encode(&digest[..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_keys_ignore_whitespace() {
        let a: Value = serde_json::from_str(r#"{"a":1,"b":[2,3]}"#).unwrap();
        let b: Value = serde_json::from_str("{ \"a\": 1,\n \"b\": [2, 3] }").unwrap();
        let c: Value = serde_json::from_str(r#"{"a":2,"b":[2,3]}"#).unwrap();
        assert_eq!(event("ga", "1", &a), event("ga", "1", &b));
        assert_ne!(event("ga", "1", &a), event("ga", "1", &c));
        assert!(event("ga", "1", &a).starts_with("ga-event:1:"));
        assert_eq!(event("ga", "1", &a).len(), "ga-event:1:".len() + 16);
    }
}
