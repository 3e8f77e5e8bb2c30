//! The key-value port: cooldowns, dedupe keys, locks and rate buckets.
//!
//! Implemented by Redis in production and by an in-process store in the embedded default.
//! Every operation is atomic on its own; TTLs are whole milliseconds.

use async_trait::async_trait;
use std::time::Duration;

/// A failure of the key-value store itself (unreachable, protocol error).
#[derive(Debug, thiserror::Error)]
#[error("key-value store: {0}")]
pub struct KeyValueError(pub String);

/// Atomic key-value operations with expiry.
#[async_trait]
pub trait KeyValue: Send + Sync {
    /// Stores `value` under `key` for `ttl` unless the key exists. Returns whether it was stored.
    async fn set_if_absent(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<bool, KeyValueError>;

    /// The value under `key`, if present and not expired.
    async fn get(&self, key: &str) -> Result<Option<String>, KeyValueError>;

    /// The time left before `key` expires; `None` when absent (or stored without expiry).
    async fn ttl(&self, key: &str) -> Result<Option<Duration>, KeyValueError>;

    /// Removes `key`. Returns whether it existed.
    async fn delete(&self, key: &str) -> Result<bool, KeyValueError>;

    /// Adds `by` to the integer under `key` (absent counts as 0) and returns the new value.
    /// The expiry is set to `ttl` when this call creates the key, and left alone otherwise,
    /// so a counter measures a fixed window.
    async fn increment(&self, key: &str, by: i64, ttl: Duration) -> Result<i64, KeyValueError>;

    /// Takes the lock `key` for `ttl` on behalf of `owner` (a random token). Returns whether
    /// it was taken; a lock held by someone else is not, until it expires or is released.
    async fn lock(&self, key: &str, owner: &str, ttl: Duration) -> Result<bool, KeyValueError>;

    /// Releases the lock `key` if `owner` holds it. Returns whether it was released.
    async fn unlock(&self, key: &str, owner: &str) -> Result<bool, KeyValueError>;

    /// Checks that the store answers.
    async fn ping(&self) -> Result<(), KeyValueError>;
}
