//! A workspace's reply template overrides: one text per template key; keys without a row use
//! the default text.

use super::config_write;
use super::schema::reply_templates;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::replies::TemplateKey;
use std::collections::BTreeMap;

/// A workspace's text for one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    /// The text.
    pub text: String,
    /// When it was last set.
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = reply_templates)]
struct Row {
    template_key: String,
    text: String,
    updated_at: NaiveDateTime,
}

/// The key named `name`, if this version knows it.
fn key_named(name: &str) -> Option<TemplateKey> {
    TemplateKey::ALL.into_iter().find(|key| key.name() == name)
}

/// A workspace's template overrides.
pub struct ReplyTemplates<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The reply template overrides of one workspace.
    pub fn reply_templates(&self, workspace_id: WorkspaceId) -> ReplyTemplates<'_> {
        ReplyTemplates {
            db: self,
            workspace_id,
        }
    }
}

impl ReplyTemplates<'_> {
    /// Every override of the workspace. A stored key this version does not know is skipped.
    pub async fn all(&self) -> Result<BTreeMap<TemplateKey, StoredTemplate>, StorageError> {
        let rows: Vec<Row> = with_conn!(self.db, |conn| {
            reply_templates::table
                .filter(reply_templates::workspace_id.eq(self.workspace_id.to_string()))
                .select(Row::as_select())
                .load(conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let key = key_named(&row.template_key)?;
                let stored = StoredTemplate {
                    text: row.text,
                    updated_at: from_db_time(row.updated_at),
                };
                Some((key, stored))
            })
            .collect())
    }

    /// The override of `key`, if any.
    pub async fn get(&self, key: TemplateKey) -> Result<Option<StoredTemplate>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            reply_templates::table
                .filter(reply_templates::workspace_id.eq(self.workspace_id.to_string()))
                .filter(reply_templates::template_key.eq(key.name()))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        Ok(row.map(|row| StoredTemplate {
            text: row.text,
            updated_at: from_db_time(row.updated_at),
        }))
    }

    /// Sets the text of `key`, replacing any earlier override.
    pub async fn put(
        &self,
        key: TemplateKey,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredTemplate, StorageError> {
        config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(reply_templates::table)
                .values((
                    reply_templates::workspace_id.eq(self.workspace_id.to_string()),
                    reply_templates::template_key.eq(key.name()),
                    reply_templates::text.eq(text),
                    reply_templates::updated_at.eq(to_db_time(now)),
                ))
                .on_conflict((reply_templates::workspace_id, reply_templates::template_key))
                .do_update()
                .set((
                    reply_templates::text.eq(excluded(reply_templates::text)),
                    reply_templates::updated_at.eq(excluded(reply_templates::updated_at)),
                ))
                .execute(conn)
                .await?
        });
        Ok(StoredTemplate {
            text: text.to_owned(),
            updated_at: from_db_time(to_db_time(now)),
        })
    }

    /// Removes the override of `key` (back to the default). Returns whether there was one.
    pub async fn delete(&self, key: TemplateKey) -> Result<bool, StorageError> {
        let deleted = config_write!(
            self.db,
            self.workspace_id,
            |conn| {
                diesel::delete(
                    reply_templates::table
                        .filter(reply_templates::workspace_id.eq(self.workspace_id.to_string()))
                        .filter(reply_templates::template_key.eq(key.name())),
                )
                .execute(conn)
                .await?
            },
            bump_if = |rows: &usize| *rows > 0
        );
        Ok(deleted == 1)
    }
}
