//! What every handler and job can reach: storage, the key-value store, secrets, metrics,
//! the caches of the services and the group-commit writers, built in one place
//! ([`AppState::new`]) for the server, the sandbox, the benchmark and the tests.

use crate::auth_failures::AuthFailureLimit;
use crate::flow::completion_writer::CompletionWriter;
use crate::flow::heartbeat::instance_id;
use crate::flow::settlement_writer::SettlementWriter;
use crate::http::cors::CorsOrigins;
use crate::http::limits::HttpLimits;
use crate::metrics::Metrics;
use crate::services::channel_cache::ChannelCache;
use crate::services::config_cache::ConfigCache;
use crate::services::messengers::Messengers;
use crate::webhooks::{InboxWriter, LogWriter};
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::Database;
use panelrelay_core::ports::{Clock, KeyValue};
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
    pub inbox: InboxWriter,
    /// Commits the worker's results in group commits.
    pub completions: CompletionWriter,
    /// Records the sender's results in group commits.
    pub settlements: SettlementWriter,
    /// Stores the webhook log in batches, off the acknowledgement path.
    pub webhook_log: LogWriter,
    /// Whether the sender keeps to the providers' send rate limits.
    pub send_rate_limits: bool,
    /// Wakes the worker and the sender when work arrives.
    pub wake: Arc<tokio::sync::Notify>,
    /// The HTTP server's deadlines and connection cap (the middleware keeps the body deadline).
    pub http_limits: HttpLimits,
    /// The origins browsers may call the API from.
    pub cors: CorsOrigins,
    /// Failed authentications allowed per client address and minute.
    pub auth_failures: AuthFailureLimit,
    /// The time, for jobs and their leases (a test moves it by hand).
    pub clock: Arc<dyn Clock>,
    /// This replica, as the owner of the job leases it holds.
    pub instance: String,
}

/// What the application state is built from: the stores opened at start-up and the
/// configuration's choices.
#[derive(Clone)]
pub struct StateParts {
    /// The database (migrated).
    pub db: Database,
    /// The key-value store.
    pub kv: Arc<dyn KeyValue>,
    /// `redis` or `memory`.
    pub kv_kind: &'static str,
    /// Encryption of stored secrets.
    pub secrets: SecretBox,
    /// Public base URL, for webhook URLs.
    pub public_url: String,
    /// Whether the sender keeps to the providers' send rate limits.
    pub send_rate_limits: bool,
    /// The HTTP server's deadlines and connection cap.
    pub http_limits: HttpLimits,
    /// The origins browsers may call the API from.
    pub cors: CorsOrigins,
    /// Failed authentications allowed per client address and minute.
    pub auth_failures: AuthFailureLimit,
    /// The time, for jobs and their leases.
    pub clock: Arc<dyn Clock>,
}

/// Why the application state could not be built.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StateError(String);

impl AppState {
    /// The application over `parts`: empty caches, fresh metrics, and the group-commit
    /// writers started (so it must be called inside the Tokio runtime).
    pub fn new(parts: StateParts) -> Result<Self, StateError> {
        let StateParts {
            db,
            kv,
            kv_kind,
            secrets,
            public_url,
            send_rate_limits,
            http_limits,
            cors,
            auth_failures,
            clock,
        } = parts;
        let metrics =
            Arc::new(Metrics::new().map_err(|err| StateError(format!("metrics: {err}")))?);
        let channel_cache = Arc::new(ChannelCache::new(db.clone(), secrets.clone()));
        let messengers = Messengers::new(channel_cache.clone())
            .map_err(|err| StateError(format!("HTTP client: {err}")))?;
        Ok(AppState {
            inbox: InboxWriter::start(db.clone()),
            completions: CompletionWriter::start(db.clone()),
            settlements: SettlementWriter::start(db.clone()),
            webhook_log: LogWriter::start(db.clone()),
            configs: Arc::new(ConfigCache::new(
                db.clone(),
                secrets.clone(),
                metrics.clone(),
            )),
            messengers: Arc::new(messengers),
            channel_cache,
            db,
            kv,
            kv_kind,
            secrets,
            metrics,
            public_url,
            send_rate_limits,
            wake: Arc::default(),
            http_limits,
            cors,
            auth_failures,
            clock,
            instance: format!("{}/{}", instance_id(), uuid::Uuid::new_v4().simple()),
        })
    }
}
