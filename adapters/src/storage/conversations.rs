//! A workspace's conversations: the chats its channels talked in, and each chat's messages.

use super::flow::ConversationRecord;
use super::schema::{channels, conversation_messages};
use super::time_key::TimeKey;
use super::{Database, Page, StorageError, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;
use std::collections::HashMap;

/// Which chats or messages a list returns.
#[derive(Debug, Clone, Default)]
pub struct ConversationFilter {
    /// Messages at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Messages at or before this time.
    pub to: Option<DateTime<Utc>>,
    /// Chats of channels of this medium.
    pub medium: Option<String>,
    /// Chats of this channel.
    pub channel_id: Option<String>,
    /// This chat.
    pub chat_id: Option<String>,
}

/// One chat: where it is and how much was said (within the filter's time range).
#[derive(Debug, Clone, PartialEq)]
pub struct ChatSummary {
    /// The channel.
    pub channel_id: String,
    /// The channel's medium (absent once the channel is deleted).
    pub medium: Option<String>,
    /// The chat.
    pub chat_id: String,
    /// When its last message was written.
    pub last_message_at: NaiveDateTime,
    /// How many messages it holds.
    pub message_count: i64,
    /// The last message's text.
    pub last_text: String,
    /// The last message's direction, `in` or `out`.
    pub last_direction: String,
}

/// The tie-breaker of a chat in a keyset: `{channel}~{chat}` (a channel id has no `~`).
fn chat_key(channel_id: &str, chat_id: &str) -> String {
    format!("{channel_id}~{chat_id}")
}

/// A workspace's conversations.
pub struct Conversations<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The conversations of one workspace.
    pub fn conversations(&self, workspace_id: WorkspaceId) -> Conversations<'_> {
        Conversations {
            db: self,
            workspace_id,
        }
    }
}

/// Channel, chat, last message time, message count, last message id.
type ChatRow = (String, String, Option<NaiveDateTime>, i64, Option<String>);
/// A message's id, text and direction.
type LastMessage = (String, String, String);

impl Conversations<'_> {
    /// Chats, the most recently active first.
    pub async fn chats(
        &self,
        filter: &ConversationFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<ChatSummary>, StorageError> {
        use conversation_messages as m;
        let medium_channels = match &filter.medium {
            Some(medium) => Some(
                self.db
                    .channels_of_medium(self.workspace_id, medium)
                    .await?,
            ),
            None => None,
        };
        let workspace = self.workspace_id.to_string();
        let after = after
            .map(|key| {
                key.id
                    .split_once('~')
                    .map(|(channel, chat)| (key.at, channel.to_string(), chat.to_string()))
                    .ok_or_else(|| StorageError::Corrupt("chat cursor".into()))
            })
            .transpose()?;
        let rows: Vec<ChatRow> = with_conn!(self.db, |conn| {
            let mut query = m::table
                .filter(m::workspace_id.eq(&workspace))
                .group_by((m::channel_id, m::chat_id))
                .select((
                    m::channel_id,
                    m::chat_id,
                    max(m::created_at),
                    count_star(),
                    max(m::id),
                ))
                .order((
                    max(m::created_at).desc(),
                    m::channel_id.desc(),
                    m::chat_id.desc(),
                ))
                .limit(limit + 1)
                .into_boxed();
            if let Some(from) = filter.from {
                query = query.filter(m::created_at.ge(to_db_time(from)));
            }
            if let Some(to) = filter.to {
                query = query.filter(m::created_at.le(to_db_time(to)));
            }
            if let Some(ids) = &medium_channels {
                query = query.filter(m::channel_id.eq_any(ids));
            }
            if let Some(channel) = &filter.channel_id {
                query = query.filter(m::channel_id.eq(channel));
            }
            if let Some(chat) = &filter.chat_id {
                query = query.filter(m::chat_id.eq(chat));
            }
            if let Some((at, channel, chat)) = &after {
                query = query.having(
                    max(m::created_at)
                        .lt(*at)
                        .or(max(m::created_at).eq(*at).and(
                            m::channel_id
                                .lt(channel)
                                .or(m::channel_id.eq(channel).and(m::chat_id.lt(chat))),
                        )),
                );
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |(channel, chat, at, _, _)| {
            TimeKey::new(at.unwrap_or_default(), chat_key(channel, chat)).encode()
        });
        let last_ids: Vec<String> = page
            .items
            .iter()
            .filter_map(|(_, _, _, _, id)| id.clone())
            .collect();
        let channel_ids: Vec<String> = page.items.iter().map(|(c, ..)| c.clone()).collect();
        let (last, mediums): (Vec<LastMessage>, Vec<(String, String)>) =
            with_conn!(self.db, |conn| {
                let last = m::table
                    .filter(m::workspace_id.eq(&workspace))
                    .filter(m::id.eq_any(&last_ids))
                    .select((m::id, m::text, m::direction))
                    .load(conn)
                    .await?;
                let mediums = channels::table
                    .filter(channels::workspace_id.eq(&workspace))
                    .filter(channels::id.eq_any(&channel_ids))
                    .select((channels::id, channels::medium))
                    .load(conn)
                    .await?;
                (last, mediums)
            });
        let last: HashMap<String, (String, String)> = last
            .into_iter()
            .map(|(id, text, direction)| (id, (text, direction)))
            .collect();
        let mediums: HashMap<String, String> = mediums.into_iter().collect();
        Ok(page.map(|(channel_id, chat_id, at, count, last_id)| {
            let (last_text, last_direction) = last_id
                .and_then(|id| last.get(&id).cloned())
                .unwrap_or_default();
            ChatSummary {
                medium: mediums.get(&channel_id).cloned(),
                channel_id,
                chat_id,
                last_message_at: at.unwrap_or_default(),
                message_count: count,
                last_text,
                last_direction,
            }
        }))
    }

    /// The messages of one chat, oldest first.
    pub async fn messages(
        &self,
        channel_id: &str,
        chat_id: &str,
        filter: &ConversationFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<ConversationRecord>, StorageError> {
        use conversation_messages as m;
        let workspace = self.workspace_id.to_string();
        let rows: Vec<ConversationRecord> = with_conn!(self.db, |conn| {
            let mut query = m::table
                .filter(m::workspace_id.eq(&workspace))
                .filter(m::channel_id.eq(channel_id))
                .filter(m::chat_id.eq(chat_id))
                .select(ConversationRecord::as_select())
                .order((m::created_at.asc(), m::id.asc()))
                .limit(limit + 1)
                .into_boxed();
            if let Some(from) = filter.from {
                query = query.filter(m::created_at.ge(to_db_time(from)));
            }
            if let Some(to) = filter.to {
                query = query.filter(m::created_at.le(to_db_time(to)));
            }
            if let Some(key) = after {
                query = query.filter(
                    m::created_at
                        .gt(key.at)
                        .or(m::created_at.eq(key.at).and(m::id.gt(&key.id))),
                );
            }
            query.load(conn).await?
        });
        Ok(Page::from_rows(rows, limit, |row| {
            TimeKey::new(row.created_at, &row.id).encode()
        }))
    }
}
