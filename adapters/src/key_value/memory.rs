//! An in-process key-value store with expiry, for a single embedded process.

use async_trait::async_trait;
use panelrelay_core::ports::{KeyValue, KeyValueError};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Expired entries are swept after this many writes.
const SWEEP_EVERY: u64 = 4096;

struct Entry {
    value: String,
    expires_at: Instant,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Entry>,
    writes: u64,
}

impl State {
    /// The live entry under `key`, dropping it if it has expired.
    fn live(&mut self, key: &str, now: Instant) -> Option<&mut Entry> {
        if self
            .entries
            .get(key)
            .is_some_and(|entry| entry.expires_at <= now)
        {
            self.entries.remove(key);
        }
        self.entries.get_mut(key)
    }

    fn insert(&mut self, key: &str, value: String, expires_at: Instant, now: Instant) {
        self.writes += 1;
        if self.writes % SWEEP_EVERY == 0 {
            self.entries.retain(|_, entry| entry.expires_at > now);
        }
        self.entries
            .insert(key.to_string(), Entry { value, expires_at });
    }
}

/// A key-value store in this process's memory. Correct for one process only: replicas
/// need Redis.
#[derive(Default)]
pub struct MemoryKeyValue {
    state: Mutex<State>,
}

impl MemoryKeyValue {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> Result<std::sync::MutexGuard<'_, State>, KeyValueError> {
        self.state
            .lock()
            .map_err(|_| KeyValueError("in-process store poisoned".into()))
    }
}

#[async_trait]
impl KeyValue for MemoryKeyValue {
    async fn set_if_absent(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<bool, KeyValueError> {
        let now = Instant::now();
        let mut state = self.state()?;
        if state.live(key, now).is_some() {
            return Ok(false);
        }
        state.insert(key, value.to_string(), now + ttl, now);
        Ok(true)
    }

    async fn get(&self, key: &str) -> Result<Option<String>, KeyValueError> {
        let now = Instant::now();
        Ok(self
            .state()?
            .live(key, now)
            .map(|entry| entry.value.clone()))
    }

    async fn ttl(&self, key: &str) -> Result<Option<Duration>, KeyValueError> {
        let now = Instant::now();
        Ok(self
            .state()?
            .live(key, now)
            .map(|entry| entry.expires_at - now))
    }

    async fn delete(&self, key: &str) -> Result<bool, KeyValueError> {
        let now = Instant::now();
        let mut state = self.state()?;
        let existed = state.live(key, now).is_some();
        state.entries.remove(key);
        Ok(existed)
    }

    async fn increment(&self, key: &str, by: i64, ttl: Duration) -> Result<i64, KeyValueError> {
        let now = Instant::now();
        let mut state = self.state()?;
        if let Some(entry) = state.live(key, now) {
            let current: i64 = entry
                .value
                .parse()
                .map_err(|_| KeyValueError(format!("value under {key} is not an integer")))?;
            let next = current
                .checked_add(by)
                .ok_or_else(|| KeyValueError(format!("increment of {key} overflows")))?;
            entry.value = next.to_string();
            return Ok(next);
        }
        state.insert(key, by.to_string(), now + ttl, now);
        Ok(by)
    }

    async fn lock(&self, key: &str, owner: &str, ttl: Duration) -> Result<bool, KeyValueError> {
        self.set_if_absent(key, owner, ttl).await
    }

    async fn unlock(&self, key: &str, owner: &str) -> Result<bool, KeyValueError> {
        let now = Instant::now();
        let mut state = self.state()?;
        if state
            .live(key, now)
            .is_some_and(|entry| entry.value == owner)
        {
            state.entries.remove(key);
            return Ok(true);
        }
        Ok(false)
    }

    async fn ping(&self) -> Result<(), KeyValueError> {
        self.state().map(|_| ())
    }
}
