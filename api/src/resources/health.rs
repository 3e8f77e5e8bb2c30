//! `GET /healthz` (the process is up) and `GET /readyz` (its dependencies answer).

use super::ApiTags;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// Probe answer.
#[derive(Object, Debug)]
pub struct HealthStatus {
    /// `ok` or `ready`.
    pub status: String,
}

/// Readiness details.
#[derive(Object, Debug)]
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

    /// Readiness: the database and the key-value store answer. 503 names the failing part.
    #[oai(path = "/readyz", method = "get", operation_id = "get_readyz")]
    async fn readyz(&self, state: Data<&AppState>) -> ApiResult<Json<Readiness>> {
        if let Err(err) = state.db.ping().await {
            tracing::warn!(error = %err, "readiness: database");
            return Err(ApiError::new(
                ErrorCode::ServiceUnavailable,
                "not ready: database unreachable",
            ));
        }
        if let Err(err) = state.kv.ping().await {
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
