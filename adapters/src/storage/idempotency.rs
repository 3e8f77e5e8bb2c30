//! Idempotency records for `Idempotency-Key` on creating POSTs.
//!
//! A request first claims its key; the first claimant runs the operation and stores the
//! response, later requests with the same key and body get that response replayed.

use super::schema::idempotency_keys;
use super::{Database, StorageError, to_db_time, with_conn};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::WorkspaceId;

/// Whose keys these are: the platform admin's or one workspace's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdempotencyScope {
    /// Requests made with a platform admin key.
    Platform,
    /// Requests made with a key of this workspace.
    Workspace(WorkspaceId),
}

impl IdempotencyScope {
    fn as_key(self) -> String {
        match self {
            IdempotencyScope::Platform => "platform".to_string(),
            IdempotencyScope::Workspace(id) => id.to_string(),
        }
    }
}

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// This request owns the key: run the operation, then `complete` or `release`.
    Claimed,
    /// The same request was already answered: replay this status and body.
    Replay {
        /// HTTP status of the first answer.
        status: u16,
        /// JSON body of the first answer.
        body: String,
    },
    /// The same key is being processed by another request right now.
    InProgress,
    /// The key was used with a different request.
    Mismatch,
}

/// A claim left unfinished this long (its process died) may be taken over.
const ABANDONED_AFTER: Duration = Duration::seconds(60);

/// Idempotency records of one scope.
pub struct Idempotency<'a> {
    db: &'a Database,
    scope: String,
}

impl Database {
    /// The idempotency records of a scope.
    pub fn idempotency(&self, scope: IdempotencyScope) -> Idempotency<'_> {
        Idempotency {
            db: self,
            scope: scope.as_key(),
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
struct RecordRow {
    request_hash: String,
    status_code: Option<i32>,
    response_body: Option<String>,
    created_at: chrono::NaiveDateTime,
}

impl Idempotency<'_> {
    /// Claims `key` for a request whose method, path and body hash to `request_hash`.
    pub async fn claim(
        &self,
        key: &str,
        request_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Claim, StorageError> {
        let inserted = with_conn!(self.db, |conn| {
            diesel::insert_into(idempotency_keys::table)
                .values((
                    idempotency_keys::scope.eq(&self.scope),
                    idempotency_keys::idempotency_key.eq(key),
                    idempotency_keys::request_hash.eq(request_hash),
                    idempotency_keys::created_at.eq(to_db_time(now)),
                ))
                .on_conflict_do_nothing()
                .execute(conn)
                .await?
        });
        if inserted == 1 {
            return Ok(Claim::Claimed);
        }
        let existing: Option<RecordRow> = with_conn!(self.db, |conn| {
            idempotency_keys::table
                .find((&self.scope, key))
                .select(RecordRow::as_select())
                .first(conn)
                .await
                .optional()?
        });
        let Some(existing) = existing else {
            // Released between our insert and read: try once more.
            return Box::pin(self.claim(key, request_hash, now)).await;
        };
        if existing.request_hash != request_hash {
            return Ok(Claim::Mismatch);
        }
        match (existing.status_code, existing.response_body) {
            (Some(status), Some(body)) => Ok(Claim::Replay {
                status: u16::try_from(status).unwrap_or(200),
                body,
            }),
            _ if to_db_time(now - ABANDONED_AFTER) > existing.created_at => {
                let taken = with_conn!(self.db, |conn| {
                    diesel::update(idempotency_keys::table.find((&self.scope, key)))
                        .filter(idempotency_keys::created_at.eq(existing.created_at))
                        .filter(idempotency_keys::status_code.is_null())
                        .set(idempotency_keys::created_at.eq(to_db_time(now)))
                        .execute(conn)
                        .await?
                });
                Ok(if taken == 1 {
                    Claim::Claimed
                } else {
                    Claim::InProgress
                })
            }
            _ => Ok(Claim::InProgress),
        }
    }

    /// Stores the answer to a claimed key.
    pub async fn complete(&self, key: &str, status: u16, body: &str) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::update(idempotency_keys::table.find((&self.scope, key)))
                .set((
                    idempotency_keys::status_code.eq(Some(i32::from(status))),
                    idempotency_keys::response_body.eq(Some(body)),
                ))
                .execute(conn)
                .await?;
        });
        Ok(())
    }

    /// Gives up a claimed key after the operation failed, so a retry may run it.
    pub async fn release(&self, key: &str) -> Result<(), StorageError> {
        with_conn!(self.db, |conn| {
            diesel::delete(idempotency_keys::table.find((&self.scope, key)))
                .filter(idempotency_keys::status_code.is_null())
                .execute(conn)
                .await?;
        });
        Ok(())
    }
}
