//! The storage error type.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What can go wrong in a repository call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// A unique constraint refused the write (e.g. a duplicate key).
    #[error("conflict: {0}")]
    Conflict(String),
    /// No connection could be had from the pool (database down, pool exhausted).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The database refused or failed a query.
    #[error("database query failed: {0}")]
    Query(String),
    /// A stored value could not be read back (a bug or a hand-edited row).
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Migrations could not be applied.
    #[error("migration failed: {0}")]
    Migration(String),
}

impl StorageError {
    /// Wraps a pool error.
    pub(crate) fn pool(err: impl std::fmt::Display) -> Self {
        StorageError::Unavailable(err.to_string())
    }
}

impl From<DieselError> for StorageError {
    fn from(err: DieselError) -> Self {
        match err {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StorageError::Conflict(info.message().to_string())
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                StorageError::Unavailable(info.message().to_string())
            }
            other => StorageError::Query(other.to_string()),
        }
    }
}
