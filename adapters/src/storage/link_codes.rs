//! Self-service linking codes: at most one pending code per chat identity, stored hashed,
//! with its expiry and the wrong attempts so far.

use super::schema::link_codes;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::linking::PendingCode;
use panelrelay_core::medium::Medium;

/// A stored pending code.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLinkCode {
    /// Its row id.
    pub id: String,
    /// The code as the linking rules judge it.
    pub pending: PendingCode,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = link_codes)]
struct Row {
    id: String,
    workspace_id: String,
    medium: String,
    identity: String,
    username: String,
    code_hash: String,
    attempts: i32,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

/// The pending linking codes of one workspace.
pub struct LinkCodes<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The linking codes of one workspace.
    pub fn link_codes(&self, workspace_id: WorkspaceId) -> LinkCodes<'_> {
        LinkCodes {
            db: self,
            workspace_id,
        }
    }
}

impl LinkCodes<'_> {
    /// Stores a new code for `chat_identity`, replacing any pending one.
    pub async fn replace(
        &self,
        medium: Medium,
        chat_identity: &str,
        username: &str,
        code_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let row = Row {
            id: uuid::Uuid::now_v7().to_string(),
            workspace_id: self.workspace_id.to_string(),
            medium: medium.as_str().into(),
            identity: chat_identity.into(),
            username: username.into(),
            code_hash: code_hash.into(),
            attempts: 0,
            expires_at: to_db_time(expires_at),
            created_at: to_db_time(now),
        };
        for _ in 0..2 {
            self.delete_for(medium, chat_identity).await?;
            let inserted = with_conn!(self.db, |conn| {
                diesel::insert_into(link_codes::table)
                    .values(&row)
                    .execute(conn)
                    .await
            });
            match inserted.map_err(StorageError::from) {
                // A concurrent request stored its code in between: replace that one.
                Err(StorageError::Conflict(_)) => continue,
                other => return other.map(|_| ()),
            }
        }
        Err(StorageError::Conflict(
            "concurrent link requests for one identity".into(),
        ))
    }

    /// The pending code of `chat_identity`, expired or not.
    pub async fn pending(
        &self,
        medium: Medium,
        chat_identity: &str,
    ) -> Result<Option<StoredLinkCode>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            link_codes::table
                .filter(link_codes::workspace_id.eq(self.workspace_id.to_string()))
                .filter(link_codes::medium.eq(medium.as_str()))
                .filter(link_codes::identity.eq(chat_identity))
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        Ok(row.map(|row| StoredLinkCode {
            id: row.id,
            pending: PendingCode {
                username: row.username,
                code_hash: row.code_hash,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                expires_at: from_db_time(row.expires_at),
            },
        }))
    }

    /// Counts one wrong attempt on a code.
    pub async fn record_attempt(&self, id: &str) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(
                link_codes::table
                    .filter(link_codes::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(link_codes::id.eq(id)),
            )
            .set(link_codes::attempts.eq(link_codes::attempts + 1))
            .execute(conn)
            .await?
        });
        Ok(())
    }

    /// Removes a code (used, expired or exhausted). Returns whether it existed, so that
    /// of two concurrent right answers only one links.
    pub async fn delete(&self, id: &str) -> Result<bool, StorageError> {
        let deleted = with_conn!(self.db, |conn| {
            diesel::delete(
                link_codes::table
                    .filter(link_codes::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(link_codes::id.eq(id)),
            )
            .execute(conn)
            .await?
        });
        Ok(deleted == 1)
    }

    async fn delete_for(&self, medium: Medium, chat_identity: &str) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::delete(
                link_codes::table
                    .filter(link_codes::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(link_codes::medium.eq(medium.as_str()))
                    .filter(link_codes::identity.eq(chat_identity)),
            )
            .execute(conn)
            .await?
        });
        Ok(())
    }
}
