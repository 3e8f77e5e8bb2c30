//! Workspaces (tenants). Managed by the platform admin; a workspace reads only its own row.

use super::api_keys::{ApiKey, ApiKeyRow, NewApiKey};
use super::schema::{api_keys, workspaces};
use super::{Database, Page, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::methods::ExecuteDsl;
use diesel_async::{AsyncConnection, RunQueryDsl};
use panelrelay_core::access::WorkspaceStatus;
use panelrelay_core::ids::WorkspaceId;
use std::collections::HashMap;

/// A workspace as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    /// Its id.
    pub id: WorkspaceId,
    /// Display name.
    pub name: String,
    /// Active or suspended.
    pub status: WorkspaceStatus,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was suspended, while it is.
    pub suspended_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = workspaces)]
struct WorkspaceRow {
    id: String,
    name: String,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    suspended_at: Option<NaiveDateTime>,
}

impl TryFrom<WorkspaceRow> for Workspace {
    type Error = StorageError;

    fn try_from(row: WorkspaceRow) -> Result<Self, StorageError> {
        Ok(Workspace {
            id: WorkspaceId::parse(&row.id)
                .ok_or_else(|| StorageError::Corrupt(format!("workspace id {}", row.id)))?,
            name: row.name,
            status: WorkspaceStatus::parse(&row.status)
                .ok_or_else(|| StorageError::Corrupt(format!("workspace status {}", row.status)))?,
            created_at: from_db_time(row.created_at),
            updated_at: from_db_time(row.updated_at),
            suspended_at: row.suspended_at.map(from_db_time),
        })
    }
}

/// The statement that bumps one workspace's configuration version.
type BumpQuery = diesel::dsl::Update<
    diesel::dsl::Find<workspaces::table, String>,
    diesel::dsl::Eq<workspaces::config_version, diesel::dsl::Add<workspaces::config_version, i64>>,
>;

/// Marks the workspace's configuration as changed, so cached copies are reloaded. Every write
/// to what the flow's configuration or panel client is built from calls it on the write's
/// own connection, inside the write's transaction.
pub(crate) async fn bump_config_version<C>(
    conn: &mut C,
    workspace_id: WorkspaceId,
) -> Result<(), StorageError>
where
    C: AsyncConnection,
    BumpQuery: ExecuteDsl<C>,
{
    let bump: BumpQuery = diesel::update(workspaces::table.find(workspace_id.to_string()))
        .set(workspaces::config_version.eq(workspaces::config_version + 1_i64));
    bump.execute(conn).await?;
    Ok(())
}

/// Platform-level access to workspaces.
pub struct Workspaces<'a> {
    db: &'a Database,
}

impl Database {
    /// Workspaces, as the platform admin sees them.
    pub fn workspaces(&self) -> Workspaces<'_> {
        Workspaces { db: self }
    }
}

impl Workspaces<'_> {
    /// Creates an active workspace together with its first owner key, in one transaction.
    pub async fn create(
        &self,
        name: &str,
        owner_key: NewApiKey,
        now: DateTime<Utc>,
    ) -> Result<(Workspace, ApiKey), StorageError> {
        let id = WorkspaceId::new();
        let row = WorkspaceRow {
            id: id.to_string(),
            name: name.to_string(),
            status: WorkspaceStatus::Active.as_str().to_string(),
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
            suspended_at: None,
        };
        let key = ApiKeyRow::new(id, owner_key, now);
        let (workspace, key): (WorkspaceRow, ApiKeyRow) = with_conn!(self.db, |conn| {
            conn.transaction(async |conn| {
                let workspace = diesel::insert_into(workspaces::table)
                    .values(&row)
                    .returning(WorkspaceRow::as_returning())
                    .get_result(conn)
                    .await?;
                let key = diesel::insert_into(api_keys::table)
                    .values(&key)
                    .returning(ApiKeyRow::as_returning())
                    .get_result(conn)
                    .await?;
                Ok::<_, StorageError>((workspace, key))
            })
            .await?
        });
        Ok((workspace.try_into()?, key.try_into()?))
    }

    /// One workspace by id.
    pub async fn get(&self, id: WorkspaceId) -> Result<Option<Workspace>, StorageError> {
        let row: Option<WorkspaceRow> = with_conn!(self.db, |conn| {
            workspaces::table
                .find(id.to_string())
                .select(WorkspaceRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(Workspace::try_from).transpose()
    }

    /// Workspaces newest first, optionally only those with `status`, after the cursor `after`.
    pub async fn list(
        &self,
        status: Option<WorkspaceStatus>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Page<Workspace>, StorageError> {
        let rows: Vec<WorkspaceRow> = with_conn!(self.db, |conn| {
            let mut query = workspaces::table
                .select(WorkspaceRow::as_select())
                .order(workspaces::id.desc())
                .limit(limit + 1)
                .into_boxed();
            if let Some(status) = status {
                query = query.filter(workspaces::status.eq(status.as_str()));
            }
            if let Some(after) = after {
                query = query.filter(workspaces::id.lt(after.to_string()));
            }
            query.load(conn).await?
        });
        let page = Page::from_rows(rows, limit, |row| row.id.clone());
        let items = page
            .items
            .into_iter()
            .map(Workspace::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            next_after: page.next_after,
        })
    }

    /// Renames a workspace. Returns the updated workspace, or `None` if it does not exist.
    pub async fn rename(
        &self,
        id: WorkspaceId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Workspace>, StorageError> {
        let row: Option<WorkspaceRow> = with_conn!(self.db, |conn| {
            diesel::update(workspaces::table.find(id.to_string()))
                .set((
                    workspaces::name.eq(name),
                    workspaces::updated_at.eq(to_db_time(now)),
                ))
                .returning(WorkspaceRow::as_returning())
                .get_result(conn)
                .await
                .optional()?
        });
        row.map(Workspace::try_from).transpose()
    }

    /// Suspends or reactivates a workspace. Returns the updated workspace, or `None`.
    pub async fn set_status(
        &self,
        id: WorkspaceId,
        status: WorkspaceStatus,
        now: DateTime<Utc>,
    ) -> Result<Option<Workspace>, StorageError> {
        let suspended_at = match status {
            WorkspaceStatus::Suspended => Some(to_db_time(now)),
            WorkspaceStatus::Active => None,
        };
        let row: Option<WorkspaceRow> = with_conn!(self.db, |conn| {
            diesel::update(workspaces::table.find(id.to_string()))
                .set((
                    workspaces::status.eq(status.as_str()),
                    workspaces::suspended_at.eq(suspended_at),
                    workspaces::updated_at.eq(to_db_time(now)),
                    // The worker's cached configuration carries the status.
                    workspaces::config_version.eq(workspaces::config_version + 1_i64),
                ))
                .returning(WorkspaceRow::as_returning())
                .get_result(conn)
                .await
                .optional()?
        });
        row.map(Workspace::try_from).transpose()
    }

    /// The workspace's configuration version (see [`bump_config_version`]), or `None` if
    /// the workspace does not exist.
    pub async fn config_version(&self, id: WorkspaceId) -> Result<Option<i64>, StorageError> {
        Ok(with_conn!(self.db, |conn| {
            workspaces::table
                .find(id.to_string())
                .select(workspaces::config_version)
                .first(conn)
                .await
                .optional()?
        }))
    }

    /// The configuration versions of `ids`, in one query; workspaces that do not exist are
    /// left out.
    pub async fn config_versions(
        &self,
        ids: &[WorkspaceId],
    ) -> Result<HashMap<WorkspaceId, i64>, StorageError> {
        let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
        let rows: Vec<(String, i64)> = with_conn!(self.db, |conn| {
            workspaces::table
                .filter(workspaces::id.eq_any(&ids))
                .select((workspaces::id, workspaces::config_version))
                .load(conn)
                .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(id, version)| WorkspaceId::parse(&id).map(|id| (id, version)))
            .collect())
    }
}
