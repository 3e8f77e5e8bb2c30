//! Opened channels kept in memory for a few seconds, so that webhook ingress and the sender
//! do not read and decrypt a channel per delivery.
//!
//! Changes made through this process's API are seen at once (the API calls
//! [`ChannelCache::forget`] after each write); changes made by another server process sharing
//! the database are seen within [`CHANNEL_TTL`]. Unknown ids are not cached, so a created
//! channel works at once and made-up ids cannot fill the cache.

use super::channels::{ChannelError, OpenChannel};
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::Database;
use panelrelay_core::access::WorkspaceStatus;
use panelrelay_core::ids::ChannelId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an opened channel is used before it is read again.
pub const CHANNEL_TTL: Duration = Duration::from_secs(5);

/// The most channels kept. Only existing channels are cached, and only those used within
/// the time to live, so this bound is a safety net rather than an eviction policy.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
struct Entries {
    channels: HashMap<ChannelId, (Instant, Arc<OpenChannel>)>,
    /// Bumped by every `forget`: a load that started before it is not stored.
    generation: u64,
}

/// Opened channels by id, each for [`CHANNEL_TTL`] at most.
pub struct ChannelCache {
    db: Database,
    secrets: SecretBox,
    entries: Mutex<Entries>,
}

impl ChannelCache {
    /// An empty cache of the channels stored in `db`, opened with `secrets`.
    pub fn new(db: Database, secrets: SecretBox) -> Self {
        ChannelCache {
            db,
            secrets,
            entries: Mutex::default(),
        }
    }

    /// The channel `id` with its secrets opened, or `None` when it does not exist.
    pub async fn get(&self, id: ChannelId) -> Result<Option<Arc<OpenChannel>>, ChannelError> {
        let generation = match self.entries.lock() {
            Ok(entries) => {
                if let Some((loaded, channel)) = entries.channels.get(&id) {
                    if loaded.elapsed() < CHANNEL_TTL {
                        return Ok(Some(channel.clone()));
                    }
                }
                Some(entries.generation)
            }
            Err(_) => None,
        };
        let loaded = Instant::now();
        let Some(stored) = self
            .db
            .find_channel(id)
            .await
            .map_err(|e| ChannelError(e.to_string()))?
        else {
            return Ok(None);
        };
        let workspace = self
            .db
            .workspaces()
            .get(stored.workspace_id)
            .await
            .map_err(|e| ChannelError(e.to_string()))?;
        let mut opened = OpenChannel::open(&self.secrets, stored)?;
        opened.workspace_suspended =
            workspace.is_some_and(|found| found.status == WorkspaceStatus::Suspended);
        let channel = Arc::new(opened);
        if let Ok(mut entries) = self.entries.lock() {
            if Some(entries.generation) == generation {
                if entries.channels.len() >= MAX_ENTRIES {
                    entries
                        .channels
                        .retain(|_, (at, _)| at.elapsed() < CHANNEL_TTL);
                    if entries.channels.len() >= MAX_ENTRIES {
                        entries.channels.clear();
                    }
                }
                entries.channels.insert(id, (loaded, channel.clone()));
            }
        }
        Ok(Some(channel))
    }

    /// Drops every channel: call after a workspace's status changed.
    pub fn forget_all(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.channels.clear();
            entries.generation += 1;
        }
    }

    /// Drops what is known of channel `id`: call after creating, changing or deleting it.
    pub fn forget(&self, id: ChannelId) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.channels.remove(&id);
            entries.generation += 1;
        }
    }
}
