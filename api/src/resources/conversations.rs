//! `/v1/conversations`: the chats the workspace's channels talked in, and each chat's
//! messages in order — what customers wrote and what panelrelay answered.

use super::ApiTags;
use super::filters;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::pagination::{PageRequest, encode};
use crate::resources::channels::MediumName;
use crate::resources::closed_sets::{Direction, from_name};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::conversations::{ChatSummary, ConversationFilter};
use panelrelay_adapters::storage::flow::{ConversationRecord, at};
use panelrelay_core::ids::ChannelId;
use panelrelay_core::medium::Medium;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// One chat.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Chat {
    /// The channel.
    pub channel_id: String,
    /// The channel's medium (absent once the channel is deleted).
    pub medium: Option<MediumName>,
    /// The chat.
    pub chat_id: String,
    /// When its last message was written.
    pub last_message_at: DateTime<Utc>,
    /// How many messages it holds (within `from`/`to` when given).
    pub message_count: i64,
    /// The last message's text.
    pub last_text: String,
    /// The last message's direction.
    pub last_direction: Direction,
}

/// A page of chats.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ChatList {
    /// The most recently active first.
    pub items: Vec<Chat>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One message of a chat.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Message {
    /// Its id.
    pub id: String,
    /// From the chat (`in`) or panelrelay's reply (`out`).
    pub direction: Direction,
    /// The text.
    pub text: String,
    /// The inbox event (in) or outbox message (out) it mirrors.
    pub ref_id: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A page of messages.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct MessageList {
    /// Oldest first.
    pub items: Vec<Message>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A stored direction: `out` or else `in`.
fn direction(stored: &str) -> Direction {
    from_name(stored).unwrap_or(Direction::In)
}

fn chat_view(chat: ChatSummary) -> Chat {
    Chat {
        channel_id: chat.channel_id,
        medium: chat
            .medium
            .as_deref()
            .and_then(Medium::parse)
            .map(MediumName::from),
        chat_id: chat.chat_id,
        last_message_at: at(chat.last_message_at),
        message_count: chat.message_count,
        last_text: chat.last_text,
        last_direction: direction(&chat.last_direction),
    }
}

fn message_view(row: ConversationRecord) -> Message {
    Message {
        id: row.id,
        direction: direction(&row.direction),
        text: row.text,
        ref_id: row.ref_id,
        created_at: at(row.created_at),
    }
}

/// Conversations.
pub struct ConversationsApi;

#[OpenApi(tag = "ApiTags::Conversations")]
impl ConversationsApi {
    /// List chats, the most recently active first.
    #[oai(
        path = "/v1/conversations",
        method = "get",
        operation_id = "list_conversations"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Chats with messages at or after this RFC 3339 time (counts cover the range).
        from: Query<Option<DateTime<Utc>>>,
        /// Chats with messages at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
        /// Only chats of this medium.
        medium: Query<Option<MediumName>>,
        /// One channel.
        channel_id: Query<Option<String>>,
        /// One chat.
        #[oai(validator(min_length = 1, max_length = 200))]
        chat_id: Query<Option<String>>,
    ) -> ApiResult<Json<ChatList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let after = filters::time_key(&page)?;
        if after.as_ref().is_some_and(|key| !key.id.contains('~')) {
            return Err(ApiError::new(
                ErrorCode::InvalidCursor,
                "cursor is not one this API issued",
            ));
        }
        let (from, to) = filters::time_range(from.0, to.0)?;
        let filter = ConversationFilter {
            from,
            to,
            medium: medium
                .0
                .map(|medium| Medium::from(medium).as_str().to_string()),
            channel_id: filters::channel_id(channel_id.0.as_deref())?,
            chat_id: filters::chat_id(chat_id.0.as_deref())?,
        };
        let rows = state
            .db
            .conversations(auth.0.workspace_id)
            .chats(&filter, after.as_ref(), page.limit)
            .await?;
        Ok(Json(ChatList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(chat_view).collect(),
        }))
    }

    /// List the messages of one chat, oldest first.
    #[oai(
        path = "/v1/conversations/:channel_id/:chat_id/messages",
        method = "get",
        operation_id = "list_conversation_messages"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn messages(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// The channel.
        channel_id: Path<String>,
        /// The chat.
        chat_id: Path<String>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Messages at or after this RFC 3339 time.
        from: Query<Option<DateTime<Utc>>>,
        /// Messages at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
    ) -> ApiResult<Json<MessageList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let after = filters::time_key(&page)?;
        let (from, to) = filters::time_range(from.0, to.0)?;
        let workspace = auth.0.workspace_id;
        let channel =
            ChannelId::parse(&channel_id).ok_or_else(|| ApiError::not_found("channel"))?;
        if state.db.channels(workspace).get(channel).await?.is_none() {
            return Err(ApiError::not_found("channel"));
        }
        let chat = filters::chat_id(Some(&chat_id))?.unwrap_or_default();
        let filter = ConversationFilter {
            from,
            to,
            ..ConversationFilter::default()
        };
        let rows = state
            .db
            .conversations(workspace)
            .messages(
                &channel.to_string(),
                &chat,
                &filter,
                after.as_ref(),
                page.limit,
            )
            .await?;
        Ok(Json(MessageList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(message_view).collect(),
        }))
    }
}
