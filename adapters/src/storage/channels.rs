//! Messaging channels: a workspace's Telegram bots, Green API instances and Meta numbers.
//! Secrets are stored as one sealed JSON object; only hints (last characters) are plain.

use super::schema::channels;
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::{ChannelId, WorkspaceId};
use panelrelay_core::medium::Medium;
use std::collections::BTreeMap;

/// A stored channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// Its id (part of its webhook URL).
    pub id: ChannelId,
    /// The workspace it serves.
    pub workspace_id: WorkspaceId,
    /// Telegram, Green API or Meta.
    pub medium: Medium,
    /// A label.
    pub name: String,
    /// Non-secret settings (instance id, phone number id, API base URL…).
    pub config: serde_json::Value,
    /// The secrets, sealed as one JSON object.
    pub secrets_sealed: String,
    /// The last characters of each secret, by name.
    pub secret_hints: BTreeMap<String, String>,
    /// `unvalidated`, `ok` or `error`.
    pub status: String,
    /// When it was last validated.
    pub last_validated_at: Option<DateTime<Utc>>,
    /// The last validation or delivery error.
    pub last_error: Option<String>,
    /// When its webhook last delivered an event.
    pub last_event_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The fields a create or update writes.
#[derive(Debug, Clone)]
pub struct ChannelFields {
    /// A label.
    pub name: String,
    /// Non-secret settings.
    pub config: serde_json::Value,
    /// Sealed secrets.
    pub secrets_sealed: String,
    /// Secret hints.
    pub secret_hints: BTreeMap<String, String>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = channels)]
struct Row {
    id: String,
    workspace_id: String,
    medium: String,
    name: String,
    config: String,
    secrets_sealed: String,
    secret_hints: String,
    status: String,
    last_validated_at: Option<NaiveDateTime>,
    last_error: Option<String>,
    last_event_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TryFrom<Row> for Channel {
    type Error = StorageError;

    fn try_from(row: Row) -> Result<Self, StorageError> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("channel {}: {what}", row.id));
        Ok(Channel {
            id: ChannelId::parse(&row.id).ok_or_else(|| corrupt("id"))?,
            workspace_id: WorkspaceId::parse(&row.workspace_id)
                .ok_or_else(|| corrupt("workspace"))?,
            medium: Medium::parse(&row.medium).ok_or_else(|| corrupt("medium"))?,
            config: serde_json::from_str(&row.config).map_err(|_| corrupt("config"))?,
            secret_hints: serde_json::from_str(&row.secret_hints).map_err(|_| corrupt("hints"))?,
            name: row.name,
            secrets_sealed: row.secrets_sealed,
            status: row.status,
            last_validated_at: row.last_validated_at.map(from_db_time),
            last_error: row.last_error,
            last_event_at: row.last_event_at.map(from_db_time),
            created_at: from_db_time(row.created_at),
            updated_at: from_db_time(row.updated_at),
        })
    }
}

fn json(value: &impl serde::Serialize) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|err| StorageError::Corrupt(err.to_string()))
}

/// A workspace's channels.
pub struct Channels<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The channels of one workspace.
    pub fn channels(&self, workspace_id: WorkspaceId) -> Channels<'_> {
        Channels {
            db: self,
            workspace_id,
        }
    }

    /// A channel by id, whatever its workspace: webhook ingress finds the workspace this way,
    /// from the channel id in the URL.
    pub async fn find_channel(&self, id: ChannelId) -> Result<Option<Channel>, StorageError> {
        let row: Option<Row> = with_conn!(self, |conn| {
            channels::table
                .find(id.to_string())
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Channel::try_from).transpose()
    }

    /// Records that a channel's webhook delivered an event.
    pub async fn touch_channel(
        &self,
        id: ChannelId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        with_conn!(self, |conn| {
            diesel::update(channels::table.find(id.to_string()))
                .set(channels::last_event_at.eq(Some(to_db_time(now))))
                .execute(conn)
                .await?;
        });
        Ok(())
    }
}

impl Channels<'_> {
    /// Creates a channel.
    pub async fn create(
        &self,
        medium: Medium,
        fields: ChannelFields,
        now: DateTime<Utc>,
    ) -> Result<Channel, StorageError> {
        let row = Row {
            id: ChannelId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            medium: medium.as_str().into(),
            name: fields.name,
            config: json(&fields.config)?,
            secrets_sealed: fields.secrets_sealed,
            secret_hints: json(&fields.secret_hints)?,
            status: "unvalidated".into(),
            last_validated_at: None,
            last_error: None,
            last_event_at: None,
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
        };
        let row: Row = with_conn!(self.db, |conn| {
            diesel::insert_into(channels::table)
                .values(&row)
                .returning(Row::as_returning())
                .get_result(conn)
                .await?
        });
        row.try_into()
    }

    /// One channel of this workspace.
    pub async fn get(&self, id: ChannelId) -> Result<Option<Channel>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            channels::table
                .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                .filter(channels::id.eq(id.to_string()))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Channel::try_from).transpose()
    }

    /// Channels newest first, optionally of one medium.
    pub async fn list(
        &self,
        medium: Option<Medium>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<Channel>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            let mut query = channels::table
                .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(channels::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(medium) = medium {
                query = query.filter(channels::medium.eq(medium.as_str()));
            }
            if let Some(after) = after {
                query = query.filter(channels::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(Channel::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// Replaces a channel's fields; validation state is reset. `None` if it does not exist.
    pub async fn update(
        &self,
        id: ChannelId,
        fields: ChannelFields,
        now: DateTime<Utc>,
    ) -> Result<Option<Channel>, StorageError> {
        let (config, hints) = (json(&fields.config)?, json(&fields.secret_hints)?);
        let row: Option<Row> = with_conn!(self.db, |conn| {
            diesel::update(
                channels::table
                    .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(channels::id.eq(id.to_string())),
            )
            .set((
                channels::name.eq(&fields.name),
                channels::config.eq(&config),
                channels::secrets_sealed.eq(&fields.secrets_sealed),
                channels::secret_hints.eq(&hints),
                channels::status.eq("unvalidated"),
                channels::updated_at.eq(to_db_time(now)),
            ))
            .returning(Row::as_returning())
            .get_result(conn)
            .await
            .optional()?
        });
        row.map(Channel::try_from).transpose()
    }

    /// Records a validation result.
    pub async fn record_validation(
        &self,
        id: ChannelId,
        ok: bool,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(
                channels::table
                    .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(channels::id.eq(id.to_string())),
            )
            .set((
                channels::status.eq(if ok { "ok" } else { "error" }),
                channels::last_validated_at.eq(Some(to_db_time(now))),
                channels::last_error.eq(error),
            ))
            .execute(conn)
            .await?;
        });
        Ok(())
    }

    /// Deletes a channel. Returns whether it existed; a channel that routes still use is a
    /// conflict.
    pub async fn delete(&self, id: ChannelId) -> Result<bool, StorageError> {
        let deleted = with_conn!(self.db, |conn| {
            diesel::delete(
                channels::table
                    .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(channels::id.eq(id.to_string())),
            )
            .execute(conn)
            .await
            .map_err(|err| match err {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                    _,
                ) => StorageError::Conflict("the channel is used by provider routes".into()),
                other => other.into(),
            })?
        });
        Ok(deleted == 1)
    }
}
