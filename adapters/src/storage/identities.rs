//! Who is who in a workspace: linked users (a chat identity ↔ a panel username) and admin
//! chats (trusted identities). Both are keyed by (medium, identity) and share one shape.

use super::schema::{admin_chats, linked_users};
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::{IdentityId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::sender::SenderRole;

/// A linked user or an admin chat.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// Its id.
    pub id: IdentityId,
    /// The medium of the identity.
    pub medium: Medium,
    /// The chat identity: a Telegram chat id, a Green API chat id, a Meta `wa_id`.
    pub identity: String,
    /// The panel username (linked users) or a label (admin chats).
    pub label: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = linked_users)]
struct LinkedRow {
    id: String,
    workspace_id: String,
    medium: String,
    identity: String,
    username: String,
    created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = admin_chats)]
struct AdminRow {
    id: String,
    workspace_id: String,
    medium: String,
    identity: String,
    name: String,
    created_at: NaiveDateTime,
}

fn identity(
    id: &str,
    medium: &str,
    identity: String,
    label: String,
    created_at: NaiveDateTime,
) -> Result<Identity, StorageError> {
    Ok(Identity {
        id: IdentityId::parse(id)
            .ok_or_else(|| StorageError::Corrupt(format!("identity id {id}")))?,
        medium: Medium::parse(medium)
            .ok_or_else(|| StorageError::Corrupt(format!("medium {medium}")))?,
        identity,
        label,
        created_at: from_db_time(created_at),
    })
}

impl From<LinkedRow> for Result<Identity, StorageError> {
    fn from(row: LinkedRow) -> Self {
        identity(
            &row.id,
            &row.medium,
            row.identity,
            row.username,
            row.created_at,
        )
    }
}

impl From<AdminRow> for Result<Identity, StorageError> {
    fn from(row: AdminRow) -> Self {
        identity(&row.id, &row.medium, row.identity, row.name, row.created_at)
    }
}

/// A workspace's linked users and admin chats.
pub struct Identities<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The identities of one workspace.
    pub fn identities(&self, workspace_id: WorkspaceId) -> Identities<'_> {
        Identities {
            db: self,
            workspace_id,
        }
    }
}

impl Identities<'_> {
    /// Links a chat identity to a panel username. An identity already linked is a conflict.
    pub async fn link(
        &self,
        medium: Medium,
        chat_identity: &str,
        username: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, StorageError> {
        let row = LinkedRow {
            id: IdentityId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            medium: medium.as_str().into(),
            identity: chat_identity.into(),
            username: username.into(),
            created_at: to_db_time(now),
        };
        let row: LinkedRow = with_conn!(self.db, |conn| {
            diesel::insert_into(linked_users::table)
                .values(&row)
                .returning(LinkedRow::as_returning())
                .get_result(conn)
                .await?
        });
        row.into()
    }

    /// Linked users newest first, optionally filtered by medium, username and identity.
    pub async fn linked(
        &self,
        medium: Option<Medium>,
        username: Option<&str>,
        chat_identity: Option<&str>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<Identity>, StorageError> {
        let rows: Vec<LinkedRow> = with_conn!(self.db, |conn| {
            let mut query = linked_users::table
                .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                .select(LinkedRow::as_select())
                .order(linked_users::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(medium) = medium {
                query = query.filter(linked_users::medium.eq(medium.as_str()));
            }
            if let Some(username) = username {
                query = query.filter(linked_users::username.eq(username.to_string()));
            }
            if let Some(chat_identity) = chat_identity {
                query = query.filter(linked_users::identity.eq(chat_identity.to_string()));
            }
            if let Some(after) = after {
                query = query.filter(linked_users::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(Into::into)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// Unlinks an identity. Returns whether it existed.
    pub async fn unlink(&self, id: IdentityId) -> Result<bool, StorageError> {
        let deleted = with_conn!(self.db, |conn| {
            diesel::delete(
                linked_users::table
                    .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(linked_users::id.eq(id.to_string())),
            )
            .execute(conn)
            .await?
        });
        Ok(deleted == 1)
    }

    /// Trusts a chat identity as an admin chat.
    pub async fn add_admin(
        &self,
        medium: Medium,
        chat_identity: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, StorageError> {
        let row = AdminRow {
            id: IdentityId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            medium: medium.as_str().into(),
            identity: chat_identity.into(),
            name: name.into(),
            created_at: to_db_time(now),
        };
        let row: AdminRow = with_conn!(self.db, |conn| {
            diesel::insert_into(admin_chats::table)
                .values(&row)
                .returning(AdminRow::as_returning())
                .get_result(conn)
                .await?
        });
        row.into()
    }

    /// Admin chats newest first, optionally of one medium.
    pub async fn admins(
        &self,
        medium: Option<Medium>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<Identity>, StorageError> {
        let rows: Vec<AdminRow> = with_conn!(self.db, |conn| {
            let mut query = admin_chats::table
                .filter(admin_chats::workspace_id.eq(self.workspace_id.to_string()))
                .select(AdminRow::as_select())
                .order(admin_chats::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(medium) = medium {
                query = query.filter(admin_chats::medium.eq(medium.as_str()));
            }
            if let Some(after) = after {
                query = query.filter(admin_chats::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(Into::into)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// Removes an admin chat. Returns whether it existed.
    pub async fn remove_admin(&self, id: IdentityId) -> Result<bool, StorageError> {
        let deleted = with_conn!(self.db, |conn| {
            diesel::delete(
                admin_chats::table
                    .filter(admin_chats::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(admin_chats::id.eq(id.to_string())),
            )
            .execute(conn)
            .await?
        });
        Ok(deleted == 1)
    }

    /// Who `chat_identity` is on `medium`: an admin chat first, then a linked user.
    pub async fn sender_role(
        &self,
        medium: Medium,
        chat_identity: &str,
    ) -> Result<SenderRole, StorageError> {
        let (admin, linked): (Option<String>, Option<String>) = with_conn!(self.db, |conn| {
            let admin = admin_chats::table
                .filter(admin_chats::workspace_id.eq(self.workspace_id.to_string()))
                .filter(admin_chats::medium.eq(medium.as_str()))
                .filter(admin_chats::identity.eq(chat_identity))
                .select(admin_chats::id)
                .first(conn)
                .await
                .optional()?;
            let linked = linked_users::table
                .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                .filter(linked_users::medium.eq(medium.as_str()))
                .filter(linked_users::identity.eq(chat_identity))
                .select(linked_users::username)
                .first(conn)
                .await
                .optional()?;
            (admin, linked)
        });
        Ok(match (admin, linked) {
            (Some(_), _) => SenderRole::Admin,
            (None, Some(username)) => SenderRole::Linked { username },
            (None, None) => SenderRole::Unknown,
        })
    }
}
