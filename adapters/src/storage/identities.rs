//! Who is who in a workspace: linked users (a chat identity ↔ a panel username) and admin
//! chats (trusted identities). Both are keyed by (medium, identity) and share one shape.

use super::batch::{ROWS_PER_STATEMENT, values_placeholders};
use super::schema::{admin_chats, linked_users};
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::{IdentityId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::sender::{AdminPermissions, SenderRole};
use std::collections::HashMap;

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

/// An admin chat and what it may do.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminChat {
    /// The chat identity, with the chat's label.
    pub identity: Identity,
    /// What it may do.
    pub permissions: AdminPermissions,
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
    view_any_order: bool,
    dispatch_any_order: bool,
    reply_in_groups: bool,
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

impl From<AdminRow> for Result<AdminChat, StorageError> {
    fn from(row: AdminRow) -> Self {
        let permissions = AdminPermissions {
            view_any_order: row.view_any_order,
            dispatch_any_order: row.dispatch_any_order,
            reply_in_groups: row.reply_in_groups,
        };
        Ok(AdminChat {
            identity: identity(&row.id, &row.medium, row.identity, row.name, row.created_at)?,
            permissions,
        })
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

    /// One linked user.
    pub async fn linked_user(&self, id: IdentityId) -> Result<Option<Identity>, StorageError> {
        let row: Option<LinkedRow> = with_conn!(self.db, |conn| {
            linked_users::table
                .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                .filter(linked_users::id.eq(id.to_string()))
                .select(LinkedRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Into::into).transpose()
    }

    /// The link of `chat_identity` on `medium`, if any.
    pub async fn linked_identity(
        &self,
        medium: Medium,
        chat_identity: &str,
    ) -> Result<Option<Identity>, StorageError> {
        let row: Option<LinkedRow> = with_conn!(self.db, |conn| {
            linked_users::table
                .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                .filter(linked_users::medium.eq(medium.as_str()))
                .filter(linked_users::identity.eq(chat_identity))
                .select(LinkedRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Into::into).transpose()
    }

    /// Points a linked user at another username. `None` when it is not this workspace's.
    pub async fn rename_linked(
        &self,
        id: IdentityId,
        username: &str,
    ) -> Result<Option<Identity>, StorageError> {
        let updated = with_conn!(self.db, |conn| {
            diesel::update(
                linked_users::table
                    .filter(linked_users::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(linked_users::id.eq(id.to_string())),
            )
            .set(linked_users::username.eq(username))
            .execute(conn)
            .await?
        });
        if updated == 0 {
            return Ok(None);
        }
        self.linked_user(id).await
    }

    /// Links `chat_identity` to `username`, re-pointing an existing link (self-service
    /// linking, where the customer proved the account is theirs).
    pub async fn relink(
        &self,
        medium: Medium,
        chat_identity: &str,
        username: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, StorageError> {
        for _ in 0..2 {
            if let Some(existing) = self.linked_identity(medium, chat_identity).await? {
                if let Some(renamed) = self.rename_linked(existing.id, username).await? {
                    return Ok(renamed);
                }
            }
            match self.link(medium, chat_identity, username, now).await {
                // Linked concurrently in between: re-point that link.
                Err(StorageError::Conflict(_)) => continue,
                other => return other,
            }
        }
        Err(StorageError::Conflict(
            "the identity was linked and unlinked concurrently".into(),
        ))
    }

    /// Linked users newest first, optionally filtered by medium, username and identity (any
    /// of the given spellings).
    pub async fn linked(
        &self,
        medium: Option<Medium>,
        username: Option<&str>,
        chat_identity: Option<&[String]>,
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
                query = query.filter(linked_users::identity.eq_any(chat_identity.to_vec()));
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

    /// Trusts a chat identity as an admin chat with `permissions`.
    pub async fn add_admin(
        &self,
        medium: Medium,
        chat_identity: &str,
        name: &str,
        permissions: AdminPermissions,
        now: DateTime<Utc>,
    ) -> Result<AdminChat, StorageError> {
        let row = AdminRow {
            id: IdentityId::new().to_string(),
            workspace_id: self.workspace_id.to_string(),
            medium: medium.as_str().into(),
            identity: chat_identity.into(),
            name: name.into(),
            created_at: to_db_time(now),
            view_any_order: permissions.view_any_order,
            dispatch_any_order: permissions.dispatch_any_order,
            reply_in_groups: permissions.reply_in_groups,
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

    /// One admin chat.
    pub async fn admin(&self, id: IdentityId) -> Result<Option<AdminChat>, StorageError> {
        let row: Option<AdminRow> = with_conn!(self.db, |conn| {
            admin_chats::table
                .filter(admin_chats::workspace_id.eq(self.workspace_id.to_string()))
                .filter(admin_chats::id.eq(id.to_string()))
                .select(AdminRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Into::into).transpose()
    }

    /// Renames an admin chat and sets its permissions. `None` when it is not this
    /// workspace's.
    pub async fn update_admin(
        &self,
        id: IdentityId,
        name: &str,
        permissions: AdminPermissions,
    ) -> Result<Option<AdminChat>, StorageError> {
        let updated = with_conn!(self.db, |conn| {
            diesel::update(
                admin_chats::table
                    .filter(admin_chats::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(admin_chats::id.eq(id.to_string())),
            )
            .set((
                admin_chats::name.eq(name),
                admin_chats::view_any_order.eq(permissions.view_any_order),
                admin_chats::dispatch_any_order.eq(permissions.dispatch_any_order),
                admin_chats::reply_in_groups.eq(permissions.reply_in_groups),
            ))
            .execute(conn)
            .await?
        });
        if updated == 0 {
            return Ok(None);
        }
        self.admin(id).await
    }

    /// Admin chats newest first, optionally of one medium.
    pub async fn admins(
        &self,
        medium: Option<Medium>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<AdminChat>, StorageError> {
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
        let sender = SenderKey {
            workspace: self.workspace_id,
            medium,
            identity: chat_identity.to_owned(),
        };
        let mut roles = self.db.sender_roles(std::slice::from_ref(&sender)).await?;
        Ok(roles.remove(&sender).unwrap_or(SenderRole::Unknown))
    }
}

/// A sender as the flow sees it: an identity on a medium, in a workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SenderKey {
    /// The workspace the message arrived in.
    pub workspace: WorkspaceId,
    /// The medium.
    pub medium: Medium,
    /// The chat identity of the sender.
    pub identity: String,
}

impl Database {
    /// The roles of several senders, of one or several workspaces (the worker's lookup for
    /// a claimed round): an admin chat first, then a linked user, else unknown. Two queries
    /// per 500 senders, each selecting rows by their exact (workspace, medium, identity), so
    /// a sender is matched only within its own workspace. Every sender asked about has an
    /// entry.
    pub async fn sender_roles(
        &self,
        senders: &[SenderKey],
    ) -> Result<HashMap<SenderKey, SenderRole>, StorageError> {
        let mut roles: HashMap<SenderKey, SenderRole> = senders
            .iter()
            .map(|sender| (sender.clone(), SenderRole::Unknown))
            .collect();
        if senders.is_empty() {
            return Ok(roles);
        }
        let backend = self.backend();
        let (mut admins, mut linked) = (Vec::new(), Vec::new());
        for chunk in senders.chunks(ROWS_PER_STATEMENT) {
            let keys = values_placeholders(backend, chunk.len(), 3);
            let admin_sql = format!(
                "SELECT workspace_id, medium, identity, view_any_order, dispatch_any_order, \
                 reply_in_groups FROM admin_chats WHERE (workspace_id, medium, identity) IN \
                 (VALUES {keys})"
            );
            let linked_sql = format!(
                "SELECT workspace_id, medium, identity, username FROM linked_users \
                 WHERE (workspace_id, medium, identity) IN (VALUES {keys})"
            );
            with_conn!(self, |conn| {
                let mut admin_query = diesel::sql_query(admin_sql).into_boxed();
                let mut linked_query = diesel::sql_query(linked_sql).into_boxed();
                for sender in chunk {
                    let (workspace, medium) =
                        (sender.workspace.to_string(), sender.medium.as_str());
                    admin_query = admin_query
                        .bind::<Text, _>(workspace.clone())
                        .bind::<Text, _>(medium)
                        .bind::<Text, _>(sender.identity.clone());
                    linked_query = linked_query
                        .bind::<Text, _>(workspace)
                        .bind::<Text, _>(medium)
                        .bind::<Text, _>(sender.identity.clone());
                }
                admins.extend(admin_query.load::<AdminRoleRow>(conn).await?);
                linked.extend(linked_query.load::<LinkedRoleRow>(conn).await?);
            });
        }
        let key = |workspace: &str, medium: &str, identity: String| {
            Some(SenderKey {
                workspace: WorkspaceId::parse(workspace)?,
                medium: Medium::parse(medium)?,
                identity,
            })
        };
        let linked: Vec<(SenderKey, SenderRole)> = linked
            .into_iter()
            .filter_map(|row| {
                let role = SenderRole::Linked {
                    username: row.username,
                };
                Some((key(&row.workspace_id, &row.medium, row.identity)?, role))
            })
            .collect();
        let admins: Vec<(SenderKey, SenderRole)> = admins
            .into_iter()
            .filter_map(|row| {
                let role = SenderRole::Admin(AdminPermissions {
                    view_any_order: row.view_any_order,
                    dispatch_any_order: row.dispatch_any_order,
                    reply_in_groups: row.reply_in_groups,
                });
                Some((key(&row.workspace_id, &row.medium, row.identity)?, role))
            })
            .collect();
        // An admin chat wins over a link of the same identity.
        roles.extend(linked);
        roles.extend(admins);
        Ok(roles)
    }
}

/// An admin chat's permissions, by sender.
#[derive(QueryableByName)]
#[diesel(table_name = admin_chats)]
struct AdminRoleRow {
    workspace_id: String,
    medium: String,
    identity: String,
    view_any_order: bool,
    dispatch_any_order: bool,
    reply_in_groups: bool,
}

/// A linked user's username, by sender.
#[derive(QueryableByName)]
#[diesel(table_name = linked_users)]
struct LinkedRoleRow {
    workspace_id: String,
    medium: String,
    identity: String,
    username: String,
}
