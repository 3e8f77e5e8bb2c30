//! A workspace's custom commands: a trigger word or phrase and the reply it gets. A trigger
//! is unique per workspace by its parser key (`phrase_key`).

use super::config_write;
use super::schema::custom_commands;
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::command::phrase_key;
use panelrelay_core::ids::{CustomCommandId, WorkspaceId};

/// A custom command's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCommandFields {
    /// The trigger, as the workspace wrote it.
    pub trigger: String,
    /// The reply text.
    pub reply: String,
    /// Whether customers can use it.
    pub enabled: bool,
}

/// A stored custom command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCustomCommand {
    /// Its id.
    pub id: CustomCommandId,
    /// Its settings.
    pub fields: CustomCommandFields,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = custom_commands)]
struct Row {
    id: String,
    workspace_id: String,
    trigger_phrase: String,
    phrase_key: String,
    reply: String,
    enabled: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn read(row: Row) -> Result<StoredCustomCommand, StorageError> {
    Ok(StoredCustomCommand {
        id: CustomCommandId::parse(&row.id)
            .ok_or_else(|| StorageError::Corrupt(format!("custom command {}: id", row.id)))?,
        fields: CustomCommandFields {
            trigger: row.trigger_phrase,
            reply: row.reply,
            enabled: row.enabled,
        },
        created_at: from_db_time(row.created_at),
        updated_at: from_db_time(row.updated_at),
    })
}

/// A workspace's custom commands.
pub struct CustomCommands<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The custom commands of one workspace.
    pub fn custom_commands(&self, workspace_id: WorkspaceId) -> CustomCommands<'_> {
        CustomCommands {
            db: self,
            workspace_id,
        }
    }
}

impl CustomCommands<'_> {
    /// Creates a custom command. A trigger the workspace already has is a conflict.
    pub async fn create(
        &self,
        fields: CustomCommandFields,
        now: DateTime<Utc>,
    ) -> Result<StoredCustomCommand, StorageError> {
        let row = Row {
            id: CustomCommandId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            phrase_key: phrase_key(&fields.trigger),
            trigger_phrase: fields.trigger,
            reply: fields.reply,
            enabled: fields.enabled,
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
        };
        let row: Row = config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(custom_commands::table)
                .values(&row)
                .returning(Row::as_returning())
                .get_result(conn)
                .await?
        });
        read(row)
    }

    /// Every custom command of the workspace, enabled or not, oldest first.
    pub async fn all(&self) -> Result<Vec<StoredCustomCommand>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            custom_commands::table
                .filter(custom_commands::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(custom_commands::id.asc())
                .load(conn)
                .await?
        });
        rows.into_iter().map(read).collect()
    }

    /// Custom commands newest first.
    pub async fn list(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<StoredCustomCommand>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            let mut query = custom_commands::table
                .filter(custom_commands::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(custom_commands::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(custom_commands::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        Ok(Page {
            items: page.items.into_iter().map(read).collect::<Result<_, _>>()?,
            next_after: page.next_after,
        })
    }

    /// One custom command of this workspace.
    pub async fn get(
        &self,
        id: CustomCommandId,
    ) -> Result<Option<StoredCustomCommand>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            custom_commands::table
                .filter(custom_commands::workspace_id.eq(self.workspace_id.to_string()))
                .filter(custom_commands::id.eq(id.to_string()))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(read).transpose()
    }

    /// Replaces a custom command's settings. `None` when it is not this workspace's; a
    /// trigger another custom command has is a conflict.
    pub async fn update(
        &self,
        id: CustomCommandId,
        fields: CustomCommandFields,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredCustomCommand>, StorageError> {
        let updated = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::update(
                    custom_commands::table
                        .filter(custom_commands::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(custom_commands::id.eq(id.to_string())),
                )
                .set((
                    custom_commands::trigger_phrase.eq(&fields.trigger),
                    custom_commands::phrase_key.eq(phrase_key(&fields.trigger)),
                    custom_commands::reply.eq(&fields.reply),
                    custom_commands::enabled.eq(fields.enabled),
                    custom_commands::updated_at.eq(to_db_time(now)),
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

    /// Deletes a custom command. Returns whether it existed.
    pub async fn delete(&self, id: CustomCommandId) -> Result<bool, StorageError> {
        let deleted = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::delete(
                    custom_commands::table
                        .filter(custom_commands::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(custom_commands::id.eq(id.to_string())),
                )
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        );
        Ok(deleted == 1)
    }
}
