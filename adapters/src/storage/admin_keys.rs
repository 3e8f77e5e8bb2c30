//! Platform admin keys: they manage workspaces, plans and the platform itself.

use super::schema::admin_keys;
use super::{Database, StorageError, from_db_time, to_db_time, with_conn};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::ApiKeyId;

/// A platform admin key as stored (never its secret).
#[derive(Debug, Clone, PartialEq)]
pub struct AdminKey {
    /// Its id.
    pub id: ApiKeyId,
    /// A label.
    pub name: String,
    /// The visible start of the key.
    pub prefix: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (updated at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = admin_keys)]
struct AdminKeyRow {
    id: String,
    name: String,
    prefix: String,
    secret_hash: String,
    created_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

impl TryFrom<AdminKeyRow> for AdminKey {
    type Error = StorageError;

    fn try_from(row: AdminKeyRow) -> Result<Self, StorageError> {
        Ok(AdminKey {
            id: ApiKeyId::parse(&row.id)
                .ok_or_else(|| StorageError::Corrupt(format!("admin key id {}", row.id)))?,
            name: row.name,
            prefix: row.prefix,
            created_at: from_db_time(row.created_at),
            last_used_at: row.last_used_at.map(from_db_time),
        })
    }
}

/// Platform admin keys.
pub struct AdminKeys<'a> {
    db: &'a Database,
}

impl Database {
    /// The platform admin keys.
    pub fn admin_keys(&self) -> AdminKeys<'_> {
        AdminKeys { db: self }
    }
}

impl AdminKeys<'_> {
    /// Stores a new admin key by the hash of its secret.
    pub async fn create(
        &self,
        name: &str,
        prefix: &str,
        secret_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<AdminKey, StorageError> {
        let row = AdminKeyRow {
            id: ApiKeyId::new().to_string(),
            name: name.to_string(),
            prefix: prefix.to_string(),
            secret_hash: secret_hash.to_string(),
            created_at: to_db_time(now),
            last_used_at: None,
            revoked_at: None,
        };
        let row: AdminKeyRow = with_conn!(self.db, |conn| {
            diesel::insert_into(admin_keys::table)
                .values(&row)
                .returning(AdminKeyRow::as_returning())
                .get_result(conn)
                .await?
        });
        row.try_into()
    }

    /// Finds an unrevoked admin key by the hash of its secret.
    pub async fn find_by_hash(&self, secret_hash: &str) -> Result<Option<AdminKey>, StorageError> {
        let row: Option<AdminKeyRow> = with_conn!(self.db, |conn| {
            admin_keys::table
                .filter(admin_keys::secret_hash.eq(secret_hash))
                .filter(admin_keys::revoked_at.is_null())
                .select(AdminKeyRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        row.map(AdminKey::try_from).transpose()
    }

    /// Records that the key authenticated a request at `now`.
    pub async fn touch(&self, id: ApiKeyId, now: DateTime<Utc>) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(admin_keys::table.find(id.to_string()))
                .set(admin_keys::last_used_at.eq(Some(to_db_time(now))))
                .execute(conn)
                .await?;
        });
        Ok(())
    }
}
