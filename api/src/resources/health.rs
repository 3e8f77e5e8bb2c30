//! `GET /healthz` (the process is up) and `GET /readyz` (its dependencies answer).

use super::ApiTags;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use panelrelay_adapters::storage::Backend;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

/// How long each dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(800);

/// The liveness answer.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Live {
    /// The process serves HTTP.
    Ok,
}

/// The readiness answer.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Ready {
    /// The database and the key-value store answer.
    Ready,
}

/// The database in use.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DatabaseKind {
    /// PostgreSQL.
    Postgres,
    /// The embedded SQLite.
    Sqlite,
}

/// The key-value store in use.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum KeyValueKind {
    /// Redis.
    Redis,
    /// The in-process store.
    Memory,
}

/// Probe answer.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct HealthStatus {
    /// Always `ok`.
    pub status: Live,
}

/// Readiness details.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Readiness {
    /// Always `ready` (a part that does not answer makes it a 503).
    pub status: Ready,
    /// The database in use.
    pub database: DatabaseKind,
    /// The key-value store in use.
    pub key_value: KeyValueKind,
}

/// Health probes, unauthenticated.
pub struct HealthApi;

#[OpenApi(tag = "ApiTags::Health")]
impl HealthApi {
    /// Liveness: the process is up and serving HTTP.
    #[oai(path = "/healthz", method = "get", operation_id = "get_healthz")]
    async fn healthz(&self) -> ApiResult<Json<HealthStatus>> {
        Ok(Json(HealthStatus { status: Live::Ok }))
    }

    /// Readiness: the database and the key-value store answer.
    ///
    /// Readiness: the database and the key-value store answer, each within 800 ms (both
    /// asked at once, so the answer comes within a second). 503 names the failing part.
    #[oai(path = "/readyz", method = "get", operation_id = "get_readyz")]
    async fn readyz(&self, state: Data<&AppState>) -> ApiResult<Json<Readiness>> {
        let (database, key_value) = tokio::join!(
            tokio::time::timeout(PROBE_TIMEOUT, state.db.ping()),
            tokio::time::timeout(PROBE_TIMEOUT, state.kv.ping()),
        );
        let database = match database {
            Ok(answer) => answer.map_err(|err| err.to_string()),
            Err(_) => Err("no answer in time".to_string()),
        };
        if let Err(err) = database {
            tracing::warn!(error = %err, "readiness: database");
            return Err(ApiError::new(
                ErrorCode::ServiceUnavailable,
                "not ready: database unreachable",
            ));
        }
        let key_value = match key_value {
            Ok(answer) => answer.map_err(|err| err.to_string()),
            Err(_) => Err("no answer in time".to_string()),
        };
        if let Err(err) = key_value {
            tracing::warn!(error = %err, "readiness: key-value store");
            return Err(ApiError::new(
                ErrorCode::ServiceUnavailable,
                "not ready: key-value store unreachable",
            ));
        }
        Ok(Json(Readiness {
            status: Ready::Ready,
            database: match state.db.backend() {
                Backend::Postgres => DatabaseKind::Postgres,
                Backend::Sqlite => DatabaseKind::Sqlite,
            },
            key_value: if state.kv_kind == "redis" {
                KeyValueKind::Redis
            } else {
                KeyValueKind::Memory
            },
        }))
    }
}
