//! `GET /healthz` (the process is up) and `GET /readyz` (its dependencies answer).

use super::ApiTags;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// How long each dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(800);

/// Probe answer.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct HealthStatus {
    /// `ok` or `ready`.
    pub status: String,
}

/// Readiness details.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Readiness {
    /// `ready`.
    pub status: String,
    /// `postgres` or `sqlite`.
    pub database: String,
    /// `redis` or `memory`.
    pub key_value: String,
}

/// Health probes, unauthenticated.
pub struct HealthApi;

#[OpenApi(tag = "ApiTags::Health")]
impl HealthApi {
    /// Liveness: the process is up and serving HTTP.
    #[oai(path = "/healthz", method = "get", operation_id = "get_healthz")]
    async fn healthz(&self) -> ApiResult<Json<HealthStatus>> {
        Ok(Json(HealthStatus {
            status: "ok".into(),
        }))
    }

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
            status: "ready".into(),
            database: state.db.backend().as_str().into(),
            key_value: state.kv_kind.into(),
        }))
    }
}
