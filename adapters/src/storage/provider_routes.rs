//! Provider routes: which provider domains go to which group, through which channel, in
//! which words.

use super::config_write;
use super::schema::{channels, provider_routes};
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::{ChannelId, RouteId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::routing::{DispatchTemplates, ProviderRoute, Target};

/// A stored route: the engine's route plus the channel that sends its messages.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRoute {
    /// The route as the engine sees it.
    pub route: ProviderRoute,
    /// The channel its group messages go through.
    pub channel_id: ChannelId,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// What a create or update writes.
#[derive(Debug, Clone)]
pub struct RouteFields {
    /// A label.
    pub name: String,
    /// The channel that sends to the group.
    pub channel_id: ChannelId,
    /// Provider domains (or names) matched against orders.
    pub provider_domains: Vec<String>,
    /// The name shown to customers instead of the domain.
    pub alias: Option<String>,
    /// The group chat.
    pub target_chat_id: String,
    /// The Telegram topic, if any.
    pub target_topic_id: Option<i64>,
    /// Per-action templates.
    pub templates: DispatchTemplates,
    /// Whether it is used.
    pub enabled: bool,
    /// Whether it takes orders no other route matches.
    pub is_fallback: bool,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = provider_routes)]
struct Row {
    id: String,
    workspace_id: String,
    name: String,
    channel_id: String,
    provider_domains: String,
    alias: Option<String>,
    target_chat_id: String,
    target_topic_id: Option<i64>,
    templates: String,
    enabled: bool,
    is_fallback: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn read(row: Row, medium: &str) -> Result<StoredRoute, StorageError> {
    let corrupt = |what: &str| StorageError::Corrupt(format!("route {}: {what}", row.id));
    Ok(StoredRoute {
        route: ProviderRoute {
            id: RouteId::parse(&row.id).ok_or_else(|| corrupt("id"))?,
            name: row.name.clone(),
            provider_domains: serde_json::from_str(&row.provider_domains)
                .map_err(|_| corrupt("domains"))?,
            alias: row.alias.clone(),
            target: Target {
                medium: Medium::parse(medium).ok_or_else(|| corrupt("medium"))?,
                chat_id: row.target_chat_id.clone(),
                topic_id: row.target_topic_id,
            },
            templates: serde_json::from_str(&row.templates).map_err(|_| corrupt("templates"))?,
            enabled: row.enabled,
            is_fallback: row.is_fallback,
        },
        channel_id: ChannelId::parse(&row.channel_id).ok_or_else(|| corrupt("channel"))?,
        created_at: from_db_time(row.created_at),
        updated_at: from_db_time(row.updated_at),
    })
}

fn json(value: &impl serde::Serialize) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|err| StorageError::Corrupt(err.to_string()))
}

/// A workspace's provider routes.
pub struct ProviderRoutes<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The provider routes of one workspace.
    pub fn provider_routes(&self, workspace_id: WorkspaceId) -> ProviderRoutes<'_> {
        ProviderRoutes {
            db: self,
            workspace_id,
        }
    }
}

impl ProviderRoutes<'_> {
    /// Creates a route. The channel must belong to this workspace.
    pub async fn create(
        &self,
        fields: RouteFields,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredRoute>, StorageError> {
        let Some(medium) = self.channel_medium(fields.channel_id).await? else {
            return Ok(None);
        };
        let row = Row {
            id: RouteId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            name: fields.name,
            channel_id: fields.channel_id.to_string(),
            provider_domains: json(&fields.provider_domains)?,
            alias: fields.alias,
            target_chat_id: fields.target_chat_id,
            target_topic_id: fields.target_topic_id,
            templates: json(&fields.templates)?,
            enabled: fields.enabled,
            is_fallback: fields.is_fallback,
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
        };
        let row: Row = config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(provider_routes::table)
                .values(&row)
                .returning(Row::as_returning())
                .get_result(conn)
                .await?
        });
        read(row, &medium).map(Some)
    }

    /// The medium of a channel of this workspace.
    async fn channel_medium(&self, channel_id: ChannelId) -> Result<Option<String>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            channels::table
                .filter(channels::workspace_id.eq(self.workspace_id.to_string()))
                .filter(channels::id.eq(channel_id.to_string()))
                .select(channels::medium)
                .first(conn)
                .await
                .optional()?
        }))
    }

    /// Every route of the workspace, for the engine.
    pub async fn all(&self) -> Result<Vec<StoredRoute>, StorageError> {
        let rows: Vec<(Row, String)> = with_conn!(self.db, |conn| {
            provider_routes::table
                .inner_join(channels::table.on(channels::id.eq(provider_routes::channel_id)))
                .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                .select((Row::as_select(), channels::medium))
                .order(provider_routes::id.asc())
                .load(conn)
                .await?
        });
        rows.into_iter()
            .map(|(row, medium)| read(row, &medium))
            .collect()
    }

    /// Routes newest first.
    pub async fn list(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<StoredRoute>, StorageError> {
        let rows: Vec<(Row, String)> = with_conn!(self.db, |conn| {
            let mut query = provider_routes::table
                .inner_join(channels::table.on(channels::id.eq(provider_routes::channel_id)))
                .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                .select((Row::as_select(), channels::medium))
                .order(provider_routes::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(provider_routes::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |(row, _)| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(|(row, medium)| read(row, &medium))
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// One route of this workspace.
    pub async fn get(&self, id: RouteId) -> Result<Option<StoredRoute>, StorageError> {
        let row: Option<(Row, String)> = with_conn!(self.db, |conn| {
            provider_routes::table
                .inner_join(channels::table.on(channels::id.eq(provider_routes::channel_id)))
                .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                .filter(provider_routes::id.eq(id.to_string()))
                .select((Row::as_select(), channels::medium))
                .first(conn)
                .await
                .optional()?
        });
        row.map(|(row, medium)| read(row, &medium)).transpose()
    }

    /// Replaces a route's fields. `None` when the route, or the channel, is not this
    /// workspace's.
    pub async fn update(
        &self,
        id: RouteId,
        fields: RouteFields,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredRoute>, StorageError> {
        if self.channel_medium(fields.channel_id).await?.is_none() {
            return Ok(None);
        }
        let (domains, templates) = (json(&fields.provider_domains)?, json(&fields.templates)?);
        let updated = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::update(
                    provider_routes::table
                        .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(provider_routes::id.eq(id.to_string())),
                )
                .set((
                    provider_routes::name.eq(&fields.name),
                    provider_routes::channel_id.eq(fields.channel_id.to_string()),
                    provider_routes::provider_domains.eq(&domains),
                    provider_routes::alias.eq(&fields.alias),
                    provider_routes::target_chat_id.eq(&fields.target_chat_id),
                    provider_routes::target_topic_id.eq(fields.target_topic_id),
                    provider_routes::templates.eq(&templates),
                    provider_routes::enabled.eq(fields.enabled),
                    provider_routes::is_fallback.eq(fields.is_fallback),
                    provider_routes::updated_at.eq(to_db_time(now)),
                ))
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        );
        if updated == 0 {
            return Ok(None);
        }
        self.get(id).await
    }

    /// Deletes a route. Returns whether it existed.
    pub async fn delete(&self, id: RouteId) -> Result<bool, StorageError> {
        let deleted = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::delete(
                    provider_routes::table
                        .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(provider_routes::id.eq(id.to_string())),
                )
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        );
        Ok(deleted == 1)
    }

    /// Points every route of `channel_id` that targets `old_chat` at `new_chat` (a Telegram
    /// group upgraded to a supergroup). Returns how many routes changed.
    pub async fn retarget(
        &self,
        channel_id: ChannelId,
        old_chat: &str,
        new_chat: &str,
        now: DateTime<Utc>,
    ) -> Result<usize, StorageError> {
        Ok(config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::update(
                    provider_routes::table
                        .filter(provider_routes::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(provider_routes::channel_id.eq(channel_id.to_string()))
                        .filter(provider_routes::target_chat_id.eq(old_chat)),
                )
                .set((
                    provider_routes::target_chat_id.eq(new_chat),
                    provider_routes::updated_at.eq(to_db_time(now)),
                ))
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        ))
    }
}
