//! Reading a workspace's logs — webhook deliveries, outbound attempts, commands, dispatches —
//! newest first, filtered, in keyset pages on (time, id).

use super::flow::{CommandRecord, DispatchRecord, OutboundRecord, WebhookRecord};
use super::schema::{
    channels, command_log, dispatches, outbound_log, outbox_messages, webhook_log,
};
use super::time_key::TimeKey;
use super::{Database, Page, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// Which rows a log list returns; every field narrows it, absent fields do not.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    /// Rows at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Rows at or before this time.
    pub to: Option<DateTime<Utc>>,
    /// Rows of channels of this medium.
    pub medium: Option<String>,
    /// Rows of this channel.
    pub channel_id: Option<String>,
    /// Rows of this chat (for dispatches: the provider group).
    pub chat_id: Option<String>,
    /// Rows about this panel order.
    pub order_id: Option<i64>,
    /// Per log: the webhook outcome, the outbound result (`ok`, `failed`), a command's
    /// per-order reason code, or a dispatch's delivery status.
    pub outcome: Option<String>,
}

/// An outbound attempt with the outbox message it sent.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboundEntry {
    /// The attempt.
    pub record: OutboundRecord,
    /// `dispatch` or `reply`, while the outbox message is kept.
    pub kind: Option<String>,
    /// The destination chat, while the outbox message is kept.
    pub chat_id: Option<String>,
}

/// A dispatch with the delivery status of its outbox message.
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchEntry {
    /// The dispatch.
    pub record: DispatchRecord,
    /// The channel that sends it, while the outbox message is kept.
    pub channel_id: Option<String>,
    /// `pending`, `sending`, `sent` or `failed`, while the outbox message is kept.
    pub status: Option<String>,
}

/// `LIKE` patterns that find `order_id` in a JSON array of numbers such as `[1,22,333]`.
fn order_patterns(order_id: i64) -> [String; 4] {
    [
        format!("[{order_id}]"),
        format!("[{order_id},%"),
        format!("%,{order_id},%"),
        format!("%,{order_id}]"),
    ]
}

/// A workspace's logs.
pub struct Logs<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The ids of a workspace's channels of `medium`.
    pub(crate) async fn channels_of_medium(
        &self,
        workspace: WorkspaceId,
        medium: &str,
    ) -> Result<Vec<String>, StorageError> {
        Ok(with_conn!(self, |conn| {
            channels::table
                .filter(channels::workspace_id.eq(workspace.to_string()))
                .filter(channels::medium.eq(medium))
                .select(channels::id)
                .load(conn)
                .await?
        }))
    }

    /// The logs of one workspace.
    pub fn logs(&self, workspace_id: WorkspaceId) -> Logs<'_> {
        Logs {
            db: self,
            workspace_id,
        }
    }
}

impl Logs<'_> {
    /// The channel ids a medium filter stands for.
    async fn medium_channels(
        &self,
        filter: &LogFilter,
    ) -> Result<Option<Vec<String>>, StorageError> {
        match &filter.medium {
            Some(medium) => Ok(Some(
                self.db
                    .channels_of_medium(self.workspace_id, medium)
                    .await?,
            )),
            None => Ok(None),
        }
    }

    /// Webhook deliveries to this workspace's channels, newest first.
    pub async fn webhooks(
        &self,
        filter: &LogFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<WebhookRecord>, StorageError> {
        let workspace = self.workspace_id.to_string();
        let rows: Vec<WebhookRecord> = with_conn!(self.db, |conn| {
            let mut query = webhook_log::table
                .filter(webhook_log::workspace_id.eq(&workspace))
                .select(WebhookRecord::as_select())
                .order((webhook_log::received_at.desc(), webhook_log::id.desc()))
                .limit(limit + 1)
                .into_boxed();
            if let Some(from) = filter.from {
                query = query.filter(webhook_log::received_at.ge(to_db_time(from)));
            }
            if let Some(to) = filter.to {
                query = query.filter(webhook_log::received_at.le(to_db_time(to)));
            }
            if let Some(medium) = &filter.medium {
                query = query.filter(webhook_log::medium.eq(medium));
            }
            if let Some(channel) = &filter.channel_id {
                query = query.filter(webhook_log::channel_id.eq(channel));
            }
            if let Some(outcome) = &filter.outcome {
                query = query.filter(webhook_log::outcome.eq(outcome));
            }
            if let Some(key) = after {
                query = query.filter(
                    webhook_log::received_at
                        .lt(key.at)
                        .or(webhook_log::received_at
                            .eq(key.at)
                            .and(webhook_log::id.lt(&key.id))),
                );
            }
            query.load(conn).await?
        });
        Ok(Page::from_rows(rows, limit, |row| {
            TimeKey::new(row.received_at, &row.id).encode()
        }))
    }

    /// Attempts to send this workspace's messages, newest first.
    pub async fn outbound(
        &self,
        filter: &LogFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<OutboundEntry>, StorageError> {
        let medium_channels = self.medium_channels(filter).await?;
        let workspace = self.workspace_id.to_string();
        let rows: Vec<(OutboundRecord, Option<String>, Option<String>)> =
            with_conn!(self.db, |conn| {
                let mut query = outbound_log::table
                    .left_join(
                        outbox_messages::table.on(outbox_messages::id.eq(outbound_log::outbox_id)),
                    )
                    .filter(outbound_log::workspace_id.eq(&workspace))
                    .select((
                        OutboundRecord::as_select(),
                        outbox_messages::kind.nullable(),
                        outbox_messages::chat_id.nullable(),
                    ))
                    .order((outbound_log::created_at.desc(), outbound_log::id.desc()))
                    .limit(limit + 1)
                    .into_boxed();
                if let Some(from) = filter.from {
                    query = query.filter(outbound_log::created_at.ge(to_db_time(from)));
                }
                if let Some(to) = filter.to {
                    query = query.filter(outbound_log::created_at.le(to_db_time(to)));
                }
                if let Some(ids) = &medium_channels {
                    query = query.filter(outbound_log::channel_id.eq_any(ids));
                }
                if let Some(channel) = &filter.channel_id {
                    query = query.filter(outbound_log::channel_id.eq(channel));
                }
                if let Some(chat) = &filter.chat_id {
                    query = query.filter(outbox_messages::chat_id.eq(chat));
                }
                if let Some(outcome) = &filter.outcome {
                    query = query.filter(outbound_log::ok.eq(outcome == "ok"));
                }
                if let Some(key) = after {
                    query = query.filter(
                        outbound_log::created_at
                            .lt(key.at)
                            .or(outbound_log::created_at
                                .eq(key.at)
                                .and(outbound_log::id.lt(&key.id))),
                    );
                }
                query.load(conn).await?
            });
        let page = Page::from_rows(rows, limit, |(row, _, _)| {
            TimeKey::new(row.created_at, &row.id).encode()
        });
        Ok(page.map(|(record, kind, chat_id)| OutboundEntry {
            record,
            kind,
            chat_id,
        }))
    }

    /// Handled customer messages, newest first.
    pub async fn commands(
        &self,
        filter: &LogFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<CommandRecord>, StorageError> {
        let workspace = self.workspace_id.to_string();
        let rows: Vec<CommandRecord> = with_conn!(self.db, |conn| {
            let mut query = command_log::table
                .filter(command_log::workspace_id.eq(&workspace))
                .select(CommandRecord::as_select())
                .order((command_log::created_at.desc(), command_log::id.desc()))
                .limit(limit + 1)
                .into_boxed();
            if let Some(from) = filter.from {
                query = query.filter(command_log::created_at.ge(to_db_time(from)));
            }
            if let Some(to) = filter.to {
                query = query.filter(command_log::created_at.le(to_db_time(to)));
            }
            if let Some(medium) = &filter.medium {
                query = query.filter(command_log::medium.eq(medium));
            }
            if let Some(channel) = &filter.channel_id {
                query = query.filter(command_log::channel_id.eq(channel));
            }
            if let Some(chat) = &filter.chat_id {
                query = query.filter(command_log::chat_id.eq(chat));
            }
            if let Some(order_id) = filter.order_id {
                let [only, first, middle, last] = order_patterns(order_id);
                query = query.filter(
                    command_log::order_ids
                        .like(only)
                        .or(command_log::order_ids.like(first))
                        .or(command_log::order_ids.like(middle))
                        .or(command_log::order_ids.like(last)),
                );
            }
            if let Some(outcome) = &filter.outcome {
                query =
                    query.filter(command_log::outcomes.like(format!("%\"reason\":\"{outcome}\"%")));
            }
            if let Some(key) = after {
                query = query.filter(
                    command_log::created_at
                        .lt(key.at)
                        .or(command_log::created_at
                            .eq(key.at)
                            .and(command_log::id.lt(&key.id))),
                );
            }
            query.load(conn).await?
        });
        Ok(Page::from_rows(rows, limit, |row| {
            TimeKey::new(row.created_at, &row.id).encode()
        }))
    }

    /// Requests forwarded to provider groups, newest first.
    pub async fn dispatches(
        &self,
        filter: &LogFilter,
        after: Option<&TimeKey>,
        limit: i64,
    ) -> Result<Page<DispatchEntry>, StorageError> {
        let medium_channels = self.medium_channels(filter).await?;
        let workspace = self.workspace_id.to_string();
        let rows: Vec<(DispatchRecord, Option<String>, Option<String>)> =
            with_conn!(self.db, |conn| {
                let mut query = dispatches::table
                    .left_join(
                        outbox_messages::table.on(outbox_messages::id.eq(dispatches::outbox_id)),
                    )
                    .filter(dispatches::workspace_id.eq(&workspace))
                    .select((
                        DispatchRecord::as_select(),
                        outbox_messages::channel_id.nullable(),
                        outbox_messages::status.nullable(),
                    ))
                    .order((dispatches::created_at.desc(), dispatches::id.desc()))
                    .limit(limit + 1)
                    .into_boxed();
                if let Some(from) = filter.from {
                    query = query.filter(dispatches::created_at.ge(to_db_time(from)));
                }
                if let Some(to) = filter.to {
                    query = query.filter(dispatches::created_at.le(to_db_time(to)));
                }
                if let Some(ids) = &medium_channels {
                    query = query.filter(outbox_messages::channel_id.eq_any(ids));
                }
                if let Some(channel) = &filter.channel_id {
                    query = query.filter(outbox_messages::channel_id.eq(channel));
                }
                if let Some(chat) = &filter.chat_id {
                    query = query.filter(dispatches::target_chat_id.eq(chat));
                }
                if let Some(order_id) = filter.order_id {
                    let [only, first, middle, last] = order_patterns(order_id);
                    query = query.filter(
                        dispatches::order_ids
                            .like(only)
                            .or(dispatches::order_ids.like(first))
                            .or(dispatches::order_ids.like(middle))
                            .or(dispatches::order_ids.like(last)),
                    );
                }
                if let Some(outcome) = &filter.outcome {
                    query = query.filter(outbox_messages::status.eq(outcome));
                }
                if let Some(key) = after {
                    query = query.filter(
                        dispatches::created_at.lt(key.at).or(dispatches::created_at
                            .eq(key.at)
                            .and(dispatches::id.lt(&key.id))),
                    );
                }
                query.load(conn).await?
            });
        let page = Page::from_rows(rows, limit, |(row, _, _)| {
            TimeKey::new(row.created_at, &row.id).encode()
        });
        Ok(page.map(|(record, channel_id, status)| DispatchEntry {
            record,
            channel_id,
            status,
        }))
    }
}
