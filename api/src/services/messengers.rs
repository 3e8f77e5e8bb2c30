//! Sending clients per channel, built from the opened channel and kept until the channel
//! changes; all share one HTTP client.

use super::channel_cache::ChannelCache;
use super::channels::ChannelError;
use chrono::{DateTime, Utc};
use panelrelay_adapters::messaging::HttpClient;
use panelrelay_core::ids::ChannelId;
use panelrelay_core::ports::messenger::Messenger;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A built client and the channel version it was built from.
type CachedMessenger = (DateTime<Utc>, Arc<dyn Messenger>);

/// Sending clients per channel, keyed by the channel's last change.
pub struct Messengers {
    http: HttpClient,
    channels: Arc<ChannelCache>,
    cache: Mutex<HashMap<ChannelId, CachedMessenger>>,
}

impl Messengers {
    /// A cache of clients for the channels opened by `channels`, sharing one HTTP client
    /// (10 s per request).
    pub fn new(channels: Arc<ChannelCache>) -> Result<Self, ChannelError> {
        let http =
            HttpClient::new(Duration::from_secs(10)).map_err(|e| ChannelError(e.to_string()))?;
        Ok(Messengers {
            http,
            channels,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The shared HTTP client.
    pub fn http(&self) -> HttpClient {
        self.http.clone()
    }

    /// The client of `channel_id`.
    pub async fn get(&self, channel_id: ChannelId) -> Result<Arc<dyn Messenger>, ChannelError> {
        let channel = self
            .channels
            .get(channel_id)
            .await?
            .ok_or_else(|| ChannelError("was deleted".into()))?;
        let stamp = channel.channel.updated_at;
        if let Ok(cache) = self.cache.lock() {
            if let Some((cached, client)) = cache.get(&channel_id) {
                if *cached == stamp {
                    return Ok(client.clone());
                }
            }
        }
        let client = channel.messenger(self.http.clone())?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(channel_id, (stamp, client.clone()));
        }
        Ok(client)
    }
}
