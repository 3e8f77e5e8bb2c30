//! Platform-wide facts that must be decided once across every replica.

use super::schema::platform_state;
use super::{Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// The marker that the first platform admin key was issued.
const BOOTSTRAPPED: &str = "admin_key_bootstrapped";

impl Database {
    /// Claims the one-time bootstrap of the platform admin key. Returns `true` for exactly one
    /// caller over the database's life, even when several replicas start at once.
    pub async fn claim_admin_bootstrap(&self, now: DateTime<Utc>) -> Result<bool, StorageError> {
        let inserted = with_conn!(self, |conn| {
            diesel::insert_into(platform_state::table)
                .values((
                    platform_state::name.eq(BOOTSTRAPPED),
                    platform_state::value.eq("true"),
                    platform_state::updated_at.eq(to_db_time(now)),
                ))
                .on_conflict_do_nothing()
                .execute(conn)
                .await?
        });
        Ok(inserted == 1)
    }
}
