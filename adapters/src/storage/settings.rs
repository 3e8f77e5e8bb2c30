//! A workspace's settings, stored as one JSON document (its shape belongs to the API layer).

use super::config_write;
use super::schema::workspace_settings;
use super::{Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// A workspace's settings document.
pub struct Settings<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The settings of one workspace.
    pub fn settings(&self, workspace_id: WorkspaceId) -> Settings<'_> {
        Settings {
            db: self,
            workspace_id,
        }
    }
}

impl Settings<'_> {
    /// The stored document, if any.
    pub async fn get(&self) -> Result<Option<String>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            workspace_settings::table
                .find(self.workspace_id.to_string())
                .select(workspace_settings::settings)
                .first(conn)
                .await
                .optional()?
        }))
    }

    /// Replaces the document.
    pub async fn put(&self, document: &str, now: DateTime<Utc>) -> Result<(), StorageError> {
        config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(workspace_settings::table)
                .values((
                    workspace_settings::workspace_id.eq(self.workspace_id.to_string()),
                    workspace_settings::settings.eq(document),
                    workspace_settings::updated_at.eq(to_db_time(now)),
                ))
                .on_conflict(workspace_settings::workspace_id)
                .do_update()
                .set((
                    workspace_settings::settings.eq(excluded(workspace_settings::settings)),
                    workspace_settings::updated_at.eq(excluded(workspace_settings::updated_at)),
                ))
                .execute(conn)
                .await?
        });
        Ok(())
    }
}
