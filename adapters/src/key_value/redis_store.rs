//! The key-value port on Redis, shared by every replica.

use async_trait::async_trait;
use panelrelay_core::ports::{KeyValue, KeyValueError};
use redis::aio::ConnectionManager;
use redis::{AsyncCommands, Script, SetExpiry, SetOptions};
use std::time::Duration;

/// Adds to a counter and sets its expiry only when the key had none (it was just created).
const INCREMENT: &str = r"
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value";

/// Deletes a lock only if its value is the caller's owner token.
const UNLOCK: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0";

/// Redis behind a reconnecting connection manager. Every key is stored under `prefix`, so
/// several deployments (or test runs) can share one Redis.
#[derive(Clone)]
pub struct RedisKeyValue {
    conn: ConnectionManager,
    prefix: String,
    increment: Script,
    unlock: Script,
}

fn failed(err: redis::RedisError) -> KeyValueError {
    KeyValueError(err.to_string())
}

fn millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl RedisKeyValue {
    /// Connects to `url` (`redis://…`), prefixing every key with `prefix`. Each call (and
    /// each reconnection) gives up after `timeout`, so an unreachable Redis costs a request
    /// that long at most, not the seconds of TCP timeouts.
    pub async fn connect(
        url: &str,
        prefix: &str,
        timeout: Duration,
    ) -> Result<Self, KeyValueError> {
        let client = redis::Client::open(url).map_err(failed)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            // One quick reconnection try per call; the next call tries again.
            .set_number_of_retries(1);
        let conn = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(failed)?;
        Ok(RedisKeyValue {
            conn,
            prefix: prefix.to_string(),
            increment: Script::new(INCREMENT),
            unlock: Script::new(UNLOCK),
        })
    }

    fn key(&self, key: &str) -> String {
        format!("{}{}", self.prefix, key)
    }
}

#[async_trait]
impl KeyValue for RedisKeyValue {
    async fn set_if_absent(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<bool, KeyValueError> {
        let options = SetOptions::default()
            .conditional_set(redis::ExistenceCheck::NX)
            .with_expiration(SetExpiry::PX(millis(ttl)));
        let reply: Option<String> = self
            .conn
            .clone()
            .set_options(self.key(key), value, options)
            .await
            .map_err(failed)?;
        Ok(reply.is_some())
    }

    async fn get(&self, key: &str) -> Result<Option<String>, KeyValueError> {
        self.conn.clone().get(self.key(key)).await.map_err(failed)
    }

    async fn ttl(&self, key: &str) -> Result<Option<Duration>, KeyValueError> {
        let millis: i64 = self
            .conn
            .clone()
            .pttl(self.key(key))
            .await
            .map_err(failed)?;
        Ok(u64::try_from(millis).ok().map(Duration::from_millis))
    }

    async fn delete(&self, key: &str) -> Result<bool, KeyValueError> {
        let removed: i64 = self.conn.clone().del(self.key(key)).await.map_err(failed)?;
        Ok(removed > 0)
    }

    async fn increment(&self, key: &str, by: i64, ttl: Duration) -> Result<i64, KeyValueError> {
        self.increment
            .key(self.key(key))
            .arg(by)
            .arg(millis(ttl))
            .invoke_async(&mut self.conn.clone())
            .await
            .map_err(failed)
    }

    async fn lock(&self, key: &str, owner: &str, ttl: Duration) -> Result<bool, KeyValueError> {
        self.set_if_absent(key, owner, ttl).await
    }

    async fn unlock(&self, key: &str, owner: &str) -> Result<bool, KeyValueError> {
        let removed: i64 = self
            .unlock
            .key(self.key(key))
            .arg(owner)
            .invoke_async(&mut self.conn.clone())
            .await
            .map_err(failed)?;
        Ok(removed > 0)
    }

    async fn ping(&self) -> Result<(), KeyValueError> {
        let _: String = redis::cmd("PING")
            .query_async(&mut self.conn.clone())
            .await
            .map_err(failed)?;
        Ok(())
    }
}
