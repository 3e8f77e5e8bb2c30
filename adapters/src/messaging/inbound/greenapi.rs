//! Green API webhook payloads: one notification per request, discriminated by
//! `typeWebhook` (reference §A.3–§A.8).

use super::dedupe;
use super::item::{InboundError, InboundItem, InboundKind, InboundMessage};
use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    type_webhook: String,
    instance_data: InstanceData,
    timestamp: Option<i64>,
    id_message: Option<String>,
    sender_data: Option<SenderData>,
    message_data: Option<MessageData>,
    /// `outgoingMessageStatus` only.
    chat_id: Option<String>,
    status: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InstanceData {
    id_instance: i64,
    /// The instance's own number; may be empty.
    #[serde(default)]
    wid: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SenderData {
    chat_id: String,
    sender: String,
    sender_name: Option<String>,
    sender_contact_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MessageData {
    type_message: String,
    text_message_data: Option<TextMessageData>,
    extended_text_message_data: Option<ExtendedTextMessageData>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TextMessageData {
    text_message: String,
}

#[derive(Deserialize)]
struct ExtendedTextMessageData {
    text: String,
}

/// Normalises a Green API webhook body (one notification) to its single item. The instance
/// id comes from `instanceData.idInstance` and is reported as the item's account.
pub fn parse_greenapi(body: &[u8]) -> Result<Vec<InboundItem>, InboundError> {
    let raw: Value =
        serde_json::from_slice(body).map_err(|err| InboundError::Malformed(err.to_string()))?;
    let notification =
        Notification::deserialize(&raw).map_err(|err| InboundError::Malformed(err.to_string()))?;
    let instance = notification.instance_data.id_instance;
    let (dedupe_key, kind) = match notification.type_webhook.as_str() {
        "incomingMessageReceived" => message(&notification)?,
        "outgoingMessageReceived" | "outgoingAPIMessageReceived" => {
            let (sender, id) = message_ids(&notification)?;
            (
                dedupe::greenapi_message(instance, &sender.chat_id, id),
                echo(&sender.chat_id, id),
            )
        }
        "outgoingMessageStatus" => status(&notification)?,
        "stateInstanceChanged" => (
            dedupe::event("ga", &instance.to_string(), &raw),
            InboundKind::Ignored {
                reason: format!(
                    "instance state changed to {}",
                    raw["stateInstance"].as_str().unwrap_or("unknown")
                ),
            },
        ),
        other => (
            dedupe::event("ga", &instance.to_string(), &raw),
            InboundKind::Ignored {
                reason: format!("unhandled notification {other}"),
            },
        ),
    };
    Ok(vec![InboundItem {
        dedupe_key,
        account: Some(instance.to_string()),
        kind,
    }])
}

/// The sender data and message id every message notification carries.
fn message_ids(notification: &Notification) -> Result<(&SenderData, &str), InboundError> {
    match (&notification.sender_data, &notification.id_message) {
        (Some(sender), Some(id)) => Ok((sender, id)),
        _ => Err(InboundError::Malformed(
            "a message notification without senderData or idMessage".into(),
        )),
    }
}

/// `incomingMessageReceived`: a text message, an echo of the instance's own number, or
/// something ignored (non-text, `{{SWE…}}` delivery placeholders).
fn message(notification: &Notification) -> Result<(String, InboundKind), InboundError> {
    let (sender, id) = message_ids(notification)?;
    let chat_id = sender.chat_id.as_str();
    let key = dedupe::greenapi_message(notification.instance_data.id_instance, chat_id, id);
    let wid = &notification.instance_data.wid;
    if !wid.is_empty() && &sender.sender == wid {
        return Ok((key, echo(chat_id, id)));
    }
    let kind = match notification.message_data.as_ref().map(text_of) {
        Some(Ok(text)) if is_placeholder(&text) => InboundKind::Ignored {
            reason: format!("delivery placeholder {}", text.trim()),
        },
        Some(Ok(text)) => InboundKind::Message(InboundMessage {
            chat_id: chat_id.to_string(),
            sender_id: sender.sender.clone(),
            sender_name: [&sender.sender_name, &sender.sender_contact_name]
                .into_iter()
                .flatten()
                .find(|name| !name.is_empty())
                .cloned(),
            text,
            is_group: chat_id.ends_with("@g.us"),
            topic_id: None,
            message_id: id.to_string(),
            edited: false,
            sent_at: notification
                .timestamp
                .and_then(|seconds| DateTime::from_timestamp(seconds, 0)),
        }),
        Some(Err(reason)) => InboundKind::Ignored {
            reason: reason.to_string(),
        },
        None => InboundKind::Ignored {
            reason: "message without messageData".into(),
        },
    };
    Ok((key, kind))
}

/// Why a Green API message carries no text we read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum NotText {
    /// A message type without text (image, sticker, location, …).
    #[error("non-text message {0}")]
    Kind(String),
    /// A text message type whose text field is missing.
    #[error("{0} without its text")]
    Missing(String),
}

/// The text of a message: `textMessage`, or `extendedTextMessageData.text` for
/// `extendedTextMessage` and `quotedMessage` (a reply; the quoted text is not its text).
fn text_of(data: &MessageData) -> Result<String, NotText> {
    let text = match data.type_message.as_str() {
        "textMessage" => data
            .text_message_data
            .as_ref()
            .map(|d| d.text_message.clone()),
        "extendedTextMessage" | "quotedMessage" => data
            .extended_text_message_data
            .as_ref()
            .map(|d| d.text.clone()),
        other => return Err(NotText::Kind(other.to_owned())),
    };
    text.ok_or_else(|| NotText::Missing(data.type_message.clone()))
}

/// Whether a text is a `{{SWE00x}}` delivery-problem placeholder, never user text.
fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.starts_with("{{SWE") && text.ends_with("}}")
}

/// `outgoingMessageStatus`: the status of a message we sent.
fn status(notification: &Notification) -> Result<(String, InboundKind), InboundError> {
    let (Some(id), Some(status)) = (&notification.id_message, &notification.status) else {
        return Err(InboundError::Malformed(
            "outgoingMessageStatus without idMessage or status".into(),
        ));
    };
    let chat_id = notification.chat_id.as_deref().unwrap_or("");
    let key = dedupe::greenapi_status(notification.instance_data.id_instance, chat_id, id, status);
    let kind = InboundKind::Status {
        message_id: id.clone(),
        status: status.clone(),
        error: notification
            .description
            .clone()
            .filter(|text| !text.is_empty()),
    };
    Ok((key, kind))
}

fn echo(chat_id: &str, id: &str) -> InboundKind {
    InboundKind::Echo {
        chat_id: chat_id.to_string(),
        message_id: id.to_string(),
    }
}
