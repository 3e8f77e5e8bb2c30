//! Workspace API keys. Every call is scoped by the workspace id that auth resolved, except
//! the lookup by secret hash that auth itself performs.

use super::schema::{api_keys, workspaces};
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, RunQueryDsl};
use panelrelay_core::access::{Role, WorkspaceStatus};
use panelrelay_core::ids::{ApiKeyId, WorkspaceId};

/// A workspace API key as stored (never its secret).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiKey {
    /// Its id.
    pub id: ApiKeyId,
    /// The workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// A label chosen by its creator.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The visible start of the key, to recognise it.
    pub prefix: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (updated at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; a revoked key authenticates nothing.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What a new key is made of; the secret itself is never stored, only its hash.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    /// A label.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The visible prefix.
    pub prefix: String,
    /// SHA-256 of the whole key, hex.
    pub secret_hash: String,
}

/// The result of revoking a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Revocation {
    /// Revoked now, or already revoked before.
    Revoked(ApiKey),
    /// No such key in this workspace.
    NotFound,
    /// Refused: it is the workspace's last active owner key.
    LastOwnerKey,
}

#[derive(Queryable, Selectable, Insertable, Clone)]
#[diesel(table_name = api_keys)]
pub(crate) struct ApiKeyRow {
    id: String,
    workspace_id: String,
    name: String,
    role: String,
    prefix: String,
    secret_hash: String,
    created_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

impl TryFrom<ApiKeyRow> for ApiKey {
    type Error = StorageError;

    fn try_from(row: ApiKeyRow) -> Result<Self, StorageError> {
        let corrupt = |what: &str| StorageError::Corrupt(format!("api key {}: {what}", row.id));
        Ok(ApiKey {
            id: ApiKeyId::parse(&row.id).ok_or_else(|| corrupt("id"))?,
            workspace_id: WorkspaceId::parse(&row.workspace_id)
                .ok_or_else(|| corrupt("workspace"))?,
            role: Role::parse(&row.role).ok_or_else(|| corrupt("role"))?,
            name: row.name,
            prefix: row.prefix,
            created_at: from_db_time(row.created_at),
            last_used_at: row.last_used_at.map(from_db_time),
            revoked_at: row.revoked_at.map(from_db_time),
        })
    }
}

impl ApiKeyRow {
    /// A fresh row for `key` in `workspace_id`.
    pub(crate) fn new(workspace_id: WorkspaceId, key: NewApiKey, now: DateTime<Utc>) -> Self {
        ApiKeyRow {
            id: ApiKeyId::new().to_string(),
            workspace_id: workspace_id.to_string(),
            name: key.name,
            role: key.role.as_str().to_string(),
            prefix: key.prefix,
            secret_hash: key.secret_hash,
            created_at: to_db_time(now),
            last_used_at: None,
            revoked_at: None,
        }
    }
}

/// A workspace's API keys.
pub struct ApiKeys<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The API keys of one workspace.
    pub fn api_keys(&self, workspace_id: WorkspaceId) -> ApiKeys<'_> {
        ApiKeys {
            db: self,
            workspace_id,
        }
    }

    /// Finds an unrevoked workspace key by the hash of its secret, with its workspace's
    /// status. This is the one lookup not scoped by workspace: it is how auth finds it.
    pub async fn find_api_key_by_hash(
        &self,
        secret_hash: &str,
    ) -> Result<Option<(ApiKey, WorkspaceStatus)>, StorageError> {
        let found: Option<(ApiKeyRow, String)> = with_conn!(self, |conn| {
            api_keys::table
                .inner_join(workspaces::table)
                .filter(api_keys::secret_hash.eq(secret_hash))
                .filter(api_keys::revoked_at.is_null())
                .select((ApiKeyRow::as_select(), workspaces::status))
                .first(conn)
                .await
                .optional()?
        });
        match found {
            None => Ok(None),
            Some((row, status)) => {
                let status = WorkspaceStatus::parse(&status)
                    .ok_or_else(|| StorageError::Corrupt(format!("workspace status {status}")))?;
                Ok(Some((row.try_into()?, status)))
            }
        }
    }
}

impl ApiKeys<'_> {
    /// Creates a key in this workspace.
    pub async fn create(&self, key: NewApiKey, now: DateTime<Utc>) -> Result<ApiKey, StorageError> {
        let row = ApiKeyRow::new(self.workspace_id, key, now);
        let row: ApiKeyRow = with_conn!(self.db, |conn| {
            diesel::insert_into(api_keys::table)
                .values(&row)
                .returning(ApiKeyRow::as_returning())
                .get_result(conn)
                .await?
        });
        row.try_into()
    }

    /// One key of this workspace.
    pub async fn get(&self, id: ApiKeyId) -> Result<Option<ApiKey>, StorageError> {
        let row: Option<ApiKeyRow> = with_conn!(self.db, |conn| {
            api_keys::table
                .filter(api_keys::workspace_id.eq(self.workspace_id.to_string()))
                .filter(api_keys::id.eq(id.to_string()))
                .select(ApiKeyRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(ApiKey::try_from).transpose()
    }

    /// Keys newest first, revoked ones included only when asked.
    pub async fn list(
        &self,
        include_revoked: bool,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<ApiKey>, StorageError> {
        let rows: Vec<ApiKeyRow> = with_conn!(self.db, |conn| {
            let mut query = api_keys::table
                .filter(api_keys::workspace_id.eq(self.workspace_id.to_string()))
                .select(ApiKeyRow::as_select())
                .order(api_keys::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if !include_revoked {
                query = query.filter(api_keys::revoked_at.is_null());
            }
            if let Some(after) = after {
                query = query.filter(api_keys::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(ApiKey::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// Revokes a key, refusing to revoke the workspace's last active owner key.
    pub async fn revoke(
        &self,
        id: ApiKeyId,
        now: DateTime<Utc>,
    ) -> Result<Revocation, StorageError> {
        let workspace_id = self.workspace_id.to_string();
        let key_id = id.to_string();
        let outcome: Result<ApiKeyRow, RevokeRefusal> = with_conn!(self.db, |conn| {
            conn.transaction(async |conn| {
                let key: Option<ApiKeyRow> = api_keys::table
                    .filter(api_keys::workspace_id.eq(&workspace_id))
                    .filter(api_keys::id.eq(&key_id))
                    .select(ApiKeyRow::as_select())
                    .first(conn)
                    .await
                    .optional()?;
                let Some(key) = key else {
                    return Ok(Err(RevokeRefusal::NotFound));
                };
                if key.revoked_at.is_some() {
                    return Ok(Ok(key));
                }
                if key.role == Role::Owner.as_str() {
                    let other_owners: i64 = api_keys::table
                        .filter(api_keys::workspace_id.eq(&workspace_id))
                        .filter(api_keys::role.eq(Role::Owner.as_str()))
                        .filter(api_keys::revoked_at.is_null())
                        .filter(api_keys::id.ne(&key_id))
                        .count()
                        .get_result(conn)
                        .await?;
                    if other_owners == 0 {
                        return Ok(Err(RevokeRefusal::LastOwnerKey));
                    }
                }
                let row: ApiKeyRow = diesel::update(api_keys::table.find(&key_id))
                    .set(api_keys::revoked_at.eq(Some(to_db_time(now))))
                    .returning(ApiKeyRow::as_returning())
                    .get_result(conn)
                    .await?;
                Ok::<_, StorageError>(Ok(row))
            })
            .await?
        });
        match outcome {
            Ok(row) => Ok(Revocation::Revoked(row.try_into()?)),
            Err(RevokeRefusal::NotFound) => Ok(Revocation::NotFound),
            Err(RevokeRefusal::LastOwnerKey) => Ok(Revocation::LastOwnerKey),
        }
    }

    /// Records that the key authenticated a request at `now`.
    pub async fn touch(&self, id: ApiKeyId, now: DateTime<Utc>) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(
                api_keys::table
                    .filter(api_keys::workspace_id.eq(self.workspace_id.to_string()))
                    .filter(api_keys::id.eq(id.to_string())),
            )
            .set(api_keys::last_used_at.eq(Some(to_db_time(now))))
            .execute(conn)
            .await?;
        });
        Ok(())
    }
}

enum RevokeRefusal {
    NotFound,
    LastOwnerKey,
}
