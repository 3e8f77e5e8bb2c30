//! What every handler can reach: storage, the key-value store, secrets and metrics.

use crate::flow::channel_cache::ChannelCache;
use crate::flow::channels::Messengers;
use crate::flow::config_cache::ConfigCache;
use crate::http::metrics::Metrics;
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::Database;
use panelrelay_core::ports::KeyValue;
use std::sync::Arc;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Database,
    /// Cooldowns, dedupe keys, locks, rate buckets.
    pub kv: Arc<dyn KeyValue>,
    /// Encryption of stored secrets.
    pub secrets: SecretBox,
    /// `redis` or `memory`, for health output.
    pub kv_kind: &'static str,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// Public base URL, for webhook URLs.
    pub public_url: String,
    /// Each workspace's flow configuration and panel client, kept between events.
    pub configs: Arc<ConfigCache>,
    /// Sending clients per channel.
    pub messengers: Arc<Messengers>,
    /// Opened channels, for a few seconds.
    pub channel_cache: Arc<ChannelCache>,
    /// Stores webhook events in the inbox in group commits.
    pub inbox: crate::webhooks::InboxWriter,
    /// Commits the worker's results in group commits.
    pub completions: crate::flow::completion_writer::CompletionWriter,
    /// Records the sender's results in group commits.
    pub settlements: crate::flow::settlement_writer::SettlementWriter,
    /// Stores the webhook log in batches, off the acknowledgement path.
    pub webhook_log: crate::webhooks::LogWriter,
    /// Whether the sender keeps to the providers' send rate limits.
    pub send_rate_limits: bool,
    /// Wakes the worker and the sender when work arrives.
    pub wake: Arc<tokio::sync::Notify>,
    /// The HTTP server's deadlines and connection cap (the middleware keeps the body deadline).
    pub http_limits: crate::http::limits::HttpLimits,
    /// Failed authentications allowed per client address and minute.
    pub auth_failures: crate::auth_failures::AuthFailureLimit,
}
