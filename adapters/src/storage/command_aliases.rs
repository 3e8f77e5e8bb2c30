//! A workspace's command aliases: a word or phrase that means a built-in action. A phrase
//! is unique per workspace by its parser key (`phrase_key`).

use super::config_write;
use super::schema::command_aliases;
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::command::{Action, phrase_key};
use panelrelay_core::ids::{AliasId, WorkspaceId};

/// The built-in actions an alias may mean, by stored name.
const ACTIONS: [Action; 6] = [
    Action::Speed,
    Action::Cancel,
    Action::Refill,
    Action::Balance,
    Action::Details,
    Action::Help,
];

/// A stored alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAlias {
    /// Its id.
    pub id: AliasId,
    /// The word or phrase, as the workspace wrote it.
    pub phrase: String,
    /// The built-in action it means.
    pub action: Action,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = command_aliases)]
struct Row {
    id: String,
    workspace_id: String,
    phrase: String,
    phrase_key: String,
    action: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn read(row: Row) -> Result<StoredAlias, StorageError> {
    let corrupt = |what: &str| StorageError::Corrupt(format!("alias {}: {what}", row.id));
    Ok(StoredAlias {
        id: AliasId::parse(&row.id).ok_or_else(|| corrupt("id"))?,
        action: ACTIONS
            .into_iter()
            .find(|action| action.name() == row.action)
            .ok_or_else(|| corrupt("action"))?,
        phrase: row.phrase,
        created_at: from_db_time(row.created_at),
        updated_at: from_db_time(row.updated_at),
    })
}

/// The stored name of a built-in action; aliases cannot mean custom commands.
fn action_name(action: &Action) -> Result<String, StorageError> {
    if ACTIONS.contains(action) {
        Ok(action.name().to_owned())
    } else {
        Err(StorageError::Query(
            "an alias cannot mean a custom command".into(),
        ))
    }
}

/// A workspace's command aliases.
pub struct CommandAliases<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The command aliases of one workspace.
    pub fn command_aliases(&self, workspace_id: WorkspaceId) -> CommandAliases<'_> {
        CommandAliases {
            db: self,
            workspace_id,
        }
    }
}

impl CommandAliases<'_> {
    /// Creates an alias. A phrase the workspace already has is a conflict.
    pub async fn create(
        &self,
        phrase: &str,
        action: &Action,
        now: DateTime<Utc>,
    ) -> Result<StoredAlias, StorageError> {
        let row = Row {
            id: AliasId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            phrase: phrase.to_owned(),
            phrase_key: phrase_key(phrase),
            action: action_name(action)?,
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
        };
        let row: Row = config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(command_aliases::table)
                .values(&row)
                .returning(Row::as_returning())
                .get_result(conn)
                .await?
        });
        read(row)
    }

    /// Every alias of the workspace, oldest first, for the parser.
    pub async fn all(&self) -> Result<Vec<StoredAlias>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            command_aliases::table
                .filter(command_aliases::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(command_aliases::id.asc())
                .load(conn)
                .await?
        });
        rows.into_iter().map(read).collect()
    }

    /// Aliases newest first.
    pub async fn list(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<StoredAlias>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            let mut query = command_aliases::table
                .filter(command_aliases::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .order(command_aliases::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter(command_aliases::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        Ok(Page {
            items: page.items.into_iter().map(read).collect::<Result<_, _>>()?,
            next_after: page.next_after,
        })
    }

    /// One alias of this workspace.
    pub async fn get(&self, id: AliasId) -> Result<Option<StoredAlias>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            command_aliases::table
                .filter(command_aliases::workspace_id.eq(self.workspace_id.to_string()))
                .filter(command_aliases::id.eq(id.to_string()))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(read).transpose()
    }

    /// Replaces an alias's phrase and action. `None` when it is not this workspace's; a
    /// phrase another alias has is a conflict.
    pub async fn update(
        &self,
        id: AliasId,
        phrase: &str,
        action: &Action,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredAlias>, StorageError> {
        let action = action_name(action)?;
        let updated = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::update(
                    command_aliases::table
                        .filter(command_aliases::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(command_aliases::id.eq(id.to_string())),
                )
                .set((
                    command_aliases::phrase.eq(phrase),
                    command_aliases::phrase_key.eq(phrase_key(phrase)),
                    command_aliases::action.eq(&action),
                    command_aliases::updated_at.eq(to_db_time(now)),
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

    /// Deletes an alias. Returns whether it existed.
    pub async fn delete(&self, id: AliasId) -> Result<bool, StorageError> {
        let deleted = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::delete(
                    command_aliases::table
                        .filter(command_aliases::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(command_aliases::id.eq(id.to_string())),
                )
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        );
        Ok(deleted == 1)
    }
}
