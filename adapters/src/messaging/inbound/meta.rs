//! Meta WhatsApp Cloud API webhook payloads: entries of changes, each with messages,
//! statuses or errors — one item per message and per status (reference §B.2–§B.4).

use super::dedupe;
use super::item::{InboundError, InboundItem, InboundKind, InboundMessage};
use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Envelope {
    /// `whatsapp_business_account`.
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    /// The WhatsApp Business Account id.
    #[serde(default)]
    id: String,
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Value,
}

/// The `value` of a `messages` change.
#[derive(Deserialize)]
struct MessagesValue {
    metadata: Option<Metadata>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    messages: Vec<Message>,
    #[serde(default)]
    statuses: Vec<Status>,
    #[serde(default)]
    errors: Vec<ErrorObject>,
}

#[derive(Deserialize)]
struct Metadata {
    phone_number_id: String,
}

#[derive(Deserialize)]
struct Contact {
    wa_id: Option<String>,
    /// The business-scoped user id (BSUID).
    user_id: Option<String>,
    profile: Option<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    from: Option<String>,
    id: String,
    timestamp: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    text: Option<Text>,
    group_id: Option<String>,
}

#[derive(Deserialize)]
struct Text {
    body: String,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    status: String,
    #[serde(default)]
    errors: Vec<ErrorObject>,
}

#[derive(Deserialize)]
struct ErrorObject {
    code: Option<i64>,
    title: Option<String>,
    message: Option<String>,
    error_data: Option<ErrorData>,
}

#[derive(Deserialize)]
struct ErrorData {
    details: Option<String>,
}

/// Normalises a Meta webhook body to its items: every message of every change of every
/// entry (`meta:{id}`), every status (`meta-status:{id}:{status}`), and one ignored item
/// per change of another field or carrying only errors. The account is the change's
/// `metadata.phone_number_id`.
pub fn parse_meta(body: &[u8]) -> Result<Vec<InboundItem>, InboundError> {
    let envelope: Envelope = serde_json::from_slice(body).map_err(malformed)?;
    if envelope.object != "whatsapp_business_account" {
        return Err(InboundError::Malformed(format!(
            "not a WhatsApp Business Account notification: object {}",
            envelope.object
        )));
    }
    let mut items = Vec::new();
    for entry in envelope.entry {
        for change in entry.changes {
            if change.field != "messages" {
                items.push(InboundItem {
                    dedupe_key: dedupe::event("meta", &entry.id, &change.value),
                    account: None,
                    kind: ignored(format!("unhandled field {}", change.field)),
                });
                continue;
            }
            let value = MessagesValue::deserialize(&change.value).map_err(malformed)?;
            let account = value.metadata.map(|metadata| metadata.phone_number_id);
            for message in value.messages {
                items.push(InboundItem {
                    dedupe_key: dedupe::meta_message(&message.id),
                    account: account.clone(),
                    kind: message_kind(message, &value.contacts),
                });
            }
            for status in value.statuses {
                items.push(InboundItem {
                    dedupe_key: dedupe::meta_status(&status.id, &status.status),
                    account: account.clone(),
                    kind: InboundKind::Status {
                        error: status.errors.first().map(describe),
                        message_id: status.id,
                        status: status.status,
                    },
                });
            }
            if let Some(error) = value.errors.first() {
                items.push(InboundItem {
                    dedupe_key: dedupe::event("meta", &entry.id, &change.value),
                    account,
                    kind: ignored(format!("error notification {}", describe(error))),
                });
            }
        }
    }
    Ok(items)
}

/// A message: text only. Its author is `from` or, for users known only by their
/// username, the contact's BSUID; the reply goes to the group for group messages.
fn message_kind(message: Message, contacts: &[Contact]) -> InboundKind {
    if message.kind != "text" {
        return ignored(format!("non-text message {}", message.kind));
    }
    let Some(text) = message.text else {
        return ignored("text message without a body".into());
    };
    let contact = contacts
        .iter()
        .find(|contact| contact.wa_id.is_some() && contact.wa_id == message.from)
        .or(match contacts {
            [only] => Some(only),
            _ => None,
        });
    let Some(sender_id) = message
        .from
        .or_else(|| contact.and_then(|contact| contact.user_id.clone()))
    else {
        return ignored("message without a sender".into());
    };
    let sent_at = message
        .timestamp
        .and_then(|seconds| seconds.parse::<i64>().ok())
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0));
    InboundKind::Message(InboundMessage {
        is_group: message.group_id.is_some(),
        chat_id: message.group_id.unwrap_or_else(|| sender_id.clone()),
        sender_id,
        sender_name: contact
            .and_then(|contact| contact.profile.as_ref())
            .and_then(|profile| profile.name.clone()),
        text: text.body,
        topic_id: None,
        message_id: message.id,
        edited: false,
        sent_at,
    })
}

/// `131047 Re-engagement message: <details>`.
fn describe(error: &ErrorObject) -> String {
    let mut text = error.code.map(|code| code.to_string()).unwrap_or_default();
    if let Some(title) = error.title.as_ref().or(error.message.as_ref()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(title);
    }
    if let Some(details) = error.error_data.as_ref().and_then(|d| d.details.as_ref()) {
        text.push_str(": ");
        text.push_str(details);
    }
    text
}

fn ignored(reason: String) -> InboundKind {
    InboundKind::Ignored { reason }
}

fn malformed(err: serde_json::Error) -> InboundError {
    InboundError::Malformed(err.to_string())
}
