//! The panel a workspace connects: one per workspace, key sealed at rest.

use super::config_write;
use super::schema::panel_connections;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// A stored panel connection. The key stays sealed; only its last characters are plain.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelConnection {
    /// `perfect_panel_v2`, `admin_v1` or `reseller_v2`.
    pub kind: String,
    /// The panel's root URL.
    pub base_url: String,
    /// IANA timezone of the panel's zone-less dates.
    pub timezone: String,
    /// The key, sealed by the secret box.
    pub api_key_sealed: String,
    /// The key's last four characters, for display.
    pub api_key_last4: String,
    /// Request-rate limit towards the panel.
    pub requests_per_second: i32,
    /// Per-request timeout.
    pub timeout_ms: i32,
    /// When the connection was last tested.
    pub last_test_at: Option<DateTime<Utc>>,
    /// Whether that test passed.
    pub last_test_ok: Option<bool>,
    /// Its human-readable diagnosis.
    pub last_test_summary: Option<String>,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = panel_connections)]
struct Row {
    workspace_id: String,
    kind: String,
    base_url: String,
    timezone: String,
    api_key_sealed: String,
    api_key_last4: String,
    requests_per_second: i32,
    timeout_ms: i32,
    last_test_at: Option<NaiveDateTime>,
    last_test_ok: Option<bool>,
    last_test_summary: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl From<Row> for PanelConnection {
    fn from(row: Row) -> Self {
        PanelConnection {
            kind: row.kind,
            base_url: row.base_url,
            timezone: row.timezone,
            api_key_sealed: row.api_key_sealed,
            api_key_last4: row.api_key_last4,
            requests_per_second: row.requests_per_second,
            timeout_ms: row.timeout_ms,
            last_test_at: row.last_test_at.map(from_db_time),
            last_test_ok: row.last_test_ok,
            last_test_summary: row.last_test_summary,
            created_at: from_db_time(row.created_at),
            updated_at: from_db_time(row.updated_at),
        }
    }
}

/// A workspace's panel connection.
pub struct PanelConnections<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The panel connection of one workspace.
    pub fn panel_connection(&self, workspace_id: WorkspaceId) -> PanelConnections<'_> {
        PanelConnections {
            db: self,
            workspace_id,
        }
    }
}

impl PanelConnections<'_> {
    /// The connection, if one is saved.
    pub async fn get(&self) -> Result<Option<PanelConnection>, StorageError> {
        let row: Option<Row> = with_conn!(self.db, |conn| {
            panel_connections::table
                .find(self.workspace_id.to_string())
                .select(Row::as_select())
                .first(conn)
                .await
                .optional()?
        });
        Ok(row.map(PanelConnection::from))
    }

    /// Saves the connection, replacing any earlier one; test results are cleared.
    pub async fn put(
        &self,
        connection: PanelConnection,
        now: DateTime<Utc>,
    ) -> Result<PanelConnection, StorageError> {
        let row = Row {
            workspace_id: self.workspace_id.to_string(),
            kind: connection.kind,
            base_url: connection.base_url,
            timezone: connection.timezone,
            api_key_sealed: connection.api_key_sealed,
            api_key_last4: connection.api_key_last4,
            requests_per_second: connection.requests_per_second,
            timeout_ms: connection.timeout_ms,
            last_test_at: None,
            last_test_ok: None,
            last_test_summary: None,
            created_at: to_db_time(now),
            updated_at: to_db_time(now),
        };
        let row: Row = config_write!(self.db, self.workspace_id, |conn| {
            diesel::insert_into(panel_connections::table)
                .values(&row)
                .on_conflict(panel_connections::workspace_id)
                .do_update()
                .set((
                    panel_connections::kind.eq(excluded(panel_connections::kind)),
                    panel_connections::base_url.eq(excluded(panel_connections::base_url)),
                    panel_connections::timezone.eq(excluded(panel_connections::timezone)),
                    panel_connections::api_key_sealed
                        .eq(excluded(panel_connections::api_key_sealed)),
                    panel_connections::api_key_last4.eq(excluded(panel_connections::api_key_last4)),
                    panel_connections::requests_per_second
                        .eq(excluded(panel_connections::requests_per_second)),
                    panel_connections::timeout_ms.eq(excluded(panel_connections::timeout_ms)),
                    panel_connections::last_test_at.eq(None::<NaiveDateTime>),
                    panel_connections::last_test_ok.eq(None::<bool>),
                    panel_connections::last_test_summary.eq(None::<String>),
                    panel_connections::updated_at.eq(excluded(panel_connections::updated_at)),
                ))
                .returning(Row::as_returning())
                .get_result(conn)
                .await?
        });
        Ok(row.into())
    }

    /// Records the outcome of a connection test.
    pub async fn record_test(
        &self,
        ok: bool,
        summary: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(panel_connections::table.find(self.workspace_id.to_string()))
                .set((
                    panel_connections::last_test_at.eq(Some(to_db_time(now))),
                    panel_connections::last_test_ok.eq(Some(ok)),
                    panel_connections::last_test_summary.eq(Some(summary)),
                ))
                .execute(conn)
                .await?;
        });
        Ok(())
    }
}
