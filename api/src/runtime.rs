//! Opening what a command needs: the database (migrated), the key-value store, secrets.

use crate::config::Config;
use crate::state::{AppState, StateParts};
use chrono::Utc;
use panelrelay_adapters::key_value::{MemoryKeyValue, RedisKeyValue};
use panelrelay_adapters::secrets::{
    MasterKey, SecretBox, TokenKind, issue_token, load_or_create_master_key,
};
use panelrelay_adapters::storage::Database;
use panelrelay_core::ports::SystemClock;
use std::sync::Arc;

/// A start-up failure, with what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(pub String);

/// Opens and migrates the database named by the configuration.
pub async fn open_database(config: &Config) -> Result<Database, StartupError> {
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).map_err(|err| {
            StartupError(format!(
                "cannot create data directory {} (PANELRELAY_DATA_DIR): {err}",
                config.data_dir.display()
            ))
        })?;
    }
    let db = Database::open(&config.database_url, config.db_pool_size)
        .map_err(|err| StartupError(format!("DATABASE_URL: {err}")))?;
    let applied = db
        .migrate()
        .await
        .map_err(|err| StartupError(format!("database (DATABASE_URL): {err}")))?;
    if applied > 0 {
        tracing::info!(
            applied,
            backend = db.backend().as_str(),
            "migrations applied"
        );
    }
    Ok(db)
}

/// Opens everything `serve` needs.
pub async fn open_state(config: &Config) -> Result<AppState, StartupError> {
    let db = open_database(config).await?;
    let (kv, kv_kind): (Arc<dyn panelrelay_core::ports::KeyValue>, &'static str) =
        match &config.redis_url {
            Some(url) => {
                let redis = RedisKeyValue::connect(url, "panelrelay:", config.redis_timeout)
                    .await
                    .map_err(|err| StartupError(format!("REDIS_URL: {err}")))?;
                (Arc::new(redis), "redis")
            }
            None => (Arc::new(MemoryKeyValue::new()), "memory"),
        };
    let secrets = secret_box(config)?;
    AppState::new(StateParts {
        db,
        kv,
        kv_kind,
        secrets,
        public_url: config.public_url.clone(),
        send_rate_limits: config.send_rate_limits,
        http_limits: config.http_limits,
        cors: config.cors.clone(),
        auth_failures: config.auth_failures,
        clock: Arc::new(SystemClock),
    })
    .map_err(|err| StartupError(err.to_string()))
}

/// The secret box from `PANELRELAY_MASTER_KEY`, or from the key file in embedded mode.
pub fn secret_box(config: &Config) -> Result<SecretBox, StartupError> {
    let current = match &config.master_key {
        Some(key) => MasterKey::from_base64(key)
            .map_err(|err| StartupError(format!("PANELRELAY_MASTER_KEY: {err}")))?,
        None => load_or_create_master_key(&config.master_key_file())
            .map_err(|err| StartupError(format!("PANELRELAY_MASTER_KEY unset and {err}")))?,
    };
    let previous = config
        .previous_master_keys
        .iter()
        .map(|key| MasterKey::from_base64(key))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| StartupError(format!("PANELRELAY_PREVIOUS_MASTER_KEYS: {err}")))?;
    Ok(SecretBox::new(current, previous))
}

/// Creates a platform admin key and returns its secret.
pub async fn create_admin_key(db: &Database, name: &str) -> Result<String, StartupError> {
    let token = issue_token(TokenKind::Admin).map_err(|err| StartupError(err.to_string()))?;
    db.admin_keys()
        .create(name, &token.prefix, &token.hash, Utc::now())
        .await
        .map_err(|err| StartupError(format!("cannot store admin key: {err}")))?;
    Ok(token.secret)
}

/// On the first start of an empty database, creates the platform admin key and returns it
/// (once in the database's life, whichever replica gets there first).
pub async fn bootstrap_admin_key(db: &Database) -> Result<Option<String>, StartupError> {
    let claimed = db
        .claim_admin_bootstrap(Utc::now())
        .await
        .map_err(|err| StartupError(format!("database: {err}")))?;
    if !claimed {
        return Ok(None);
    }
    create_admin_key(db, "bootstrap").await.map(Some)
}
