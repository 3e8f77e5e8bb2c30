//! Telegram webhook payloads: one `Update` per request (reference §C.1, §C.4, §C.5).

use super::dedupe;
use super::item::{InboundError, InboundItem, InboundKind, InboundMessage};
use chrono::DateTime;
use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
struct Update {
    update_id: i64,
    message: Option<Message>,
    edited_message: Option<Message>,
    channel_post: Option<Value>,
    edited_channel_post: Option<Value>,
    my_chat_member: Option<ChatMemberUpdated>,
    /// Every other key: the update's type when none of the above.
    #[serde(flatten)]
    other: Map<String, Value>,
}

#[derive(Deserialize)]
struct Message {
    message_id: i64,
    message_thread_id: Option<i64>,
    #[serde(default)]
    is_topic_message: bool,
    from: Option<User>,
    sender_chat: Option<Chat>,
    chat: Chat,
    date: i64,
    edit_date: Option<i64>,
    text: Option<String>,
}

#[derive(Deserialize)]
struct User {
    id: i64,
    #[serde(default)]
    first_name: String,
    last_name: Option<String>,
}

#[derive(Deserialize)]
struct Chat {
    id: i64,
    #[serde(rename = "type")]
    kind: String,
    title: Option<String>,
}

#[derive(Deserialize)]
struct ChatMemberUpdated {
    chat: Chat,
    old_chat_member: ChatMember,
    new_chat_member: ChatMember,
}

#[derive(Deserialize)]
struct ChatMember {
    status: String,
}

/// Normalises a Telegram webhook body (one `Update`) to its single item. A text message
/// (new or edited) is keyed by chat, message id and text, so an edit that does not change
/// the text is a duplicate of its message; every other update by `tg:{update_id}`.
pub fn parse_telegram(body: &[u8]) -> Result<Vec<InboundItem>, InboundError> {
    let update: Update =
        serde_json::from_slice(body).map_err(|err| InboundError::Malformed(err.to_string()))?;
    let message_key = update
        .message
        .as_ref()
        .or(update.edited_message.as_ref())
        .and_then(|message| {
            let text = message.text.as_deref()?;
            Some(dedupe::telegram_message(
                message.chat.id,
                message.message_id,
                text,
            ))
        });
    let kind = if let Some(message) = update.message {
        message_kind(message, false)
    } else if let Some(message) = update.edited_message {
        message_kind(message, true)
    } else if update.channel_post.is_some() || update.edited_channel_post.is_some() {
        ignored("channel post".into())
    } else if let Some(change) = update.my_chat_member {
        ignored(format!(
            "my_chat_member: the bot went from {} to {} in chat {}",
            change.old_chat_member.status, change.new_chat_member.status, change.chat.id
        ))
    } else {
        let name = update.other.keys().next().map_or("empty", String::as_str);
        ignored(format!("unhandled update type {name}"))
    };
    Ok(vec![InboundItem {
        dedupe_key: message_key.unwrap_or_else(|| dedupe::telegram(update.update_id)),
        account: None,
        kind,
    }])
}

/// A (possibly edited) message: text only; the author is `sender_chat` when the message
/// was sent on behalf of a chat (anonymous admins), else `from`.
fn message_kind(message: Message, edited: bool) -> InboundKind {
    let Some(text) = message.text else {
        return ignored("non-text message".into());
    };
    let (sender_id, sender_name) = match (&message.sender_chat, &message.from) {
        (Some(chat), _) => (chat.id, chat.title.clone()),
        (None, Some(user)) => (user.id, Some(full_name(user))),
        (None, None) => return ignored("message without an author".into()),
    };
    let sent = message.edit_date.unwrap_or(message.date);
    InboundKind::Message(InboundMessage {
        chat_id: message.chat.id.to_string(),
        sender_id: sender_id.to_string(),
        sender_name,
        text,
        is_group: matches!(message.chat.kind.as_str(), "group" | "supergroup"),
        // `message_thread_id` also marks reply threads; only forum topics are replied into.
        topic_id: message
            .message_thread_id
            .filter(|_| message.is_topic_message),
        message_id: message.message_id.to_string(),
        edited,
        sent_at: DateTime::from_timestamp(sent, 0),
    })
}

fn full_name(user: &User) -> String {
    match &user.last_name {
        Some(last) => format!("{} {last}", user.first_name),
        None => user.first_name.clone(),
    }
}

fn ignored(reason: String) -> InboundKind {
    InboundKind::Ignored { reason }
}
