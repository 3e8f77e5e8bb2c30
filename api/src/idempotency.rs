//! `Idempotency-Key` on creating POSTs: the first request with a key runs; a retry with the
//! same key and body gets the first answer again, marked `Idempotent-Replayed: true`; the
//! same key with another body is refused.

use crate::error::{ApiError, ErrorCode};
use crate::http::replayed;
use crate::state::AppState;
use chrono::Utc;
use panelrelay_adapters::secrets::hash_token;
use panelrelay_adapters::storage::idempotency::{Claim, IdempotencyScope};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Runs `operation` at most once per idempotency key within `scope`. `fingerprint` names
/// the operation and `request` is its input; both must match for a replay.
pub async fn run_once<Req, T, F>(
    state: &AppState,
    scope: IdempotencyScope,
    key: Option<&str>,
    fingerprint: &str,
    request: &Req,
    operation: F,
) -> Result<T, ApiError>
where
    Req: Serialize,
    T: Serialize + DeserializeOwned,
    F: Future<Output = Result<T, ApiError>>,
{
    let Some(key) = key else {
        return operation.await;
    };
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::new(
            ErrorCode::InvalidParameter,
            "Idempotency-Key must be 1-255 visible ASCII characters",
        ));
    }
    let body = serde_json::to_string(request).map_err(ApiError::internal)?;
    let request_hash = hash_token(&format!("{fingerprint}\n{body}"));
    let records = state.db.idempotency(scope);
    match records.claim(key, &request_hash, Utc::now()).await? {
        Claim::Claimed => {}
        Claim::Replay { body, .. } => {
            let body = state.secrets.open(&body).map_err(ApiError::internal)?;
            let value = serde_json::from_str(&body).map_err(ApiError::internal)?;
            replayed::mark();
            return Ok(value);
        }
        Claim::InProgress => {
            return Err(ApiError::new(
                ErrorCode::IdempotencyInProgress,
                "a request with this Idempotency-Key is in progress; retry shortly",
            ));
        }
        Claim::Mismatch => {
            return Err(ApiError::new(
                ErrorCode::IdempotencyKeyReused,
                "this Idempotency-Key was used for a different request",
            ));
        }
    }
    match operation.await {
        Ok(value) => {
            // Created resources may carry secrets shown once (API keys): stored sealed.
            let stored = serde_json::to_string(&value).map_err(ApiError::internal)?;
            let stored = state.secrets.seal(&stored).map_err(ApiError::internal)?;
            records.complete(key, 201, &stored).await?;
            Ok(value)
        }
        Err(err) => {
            if let Err(release) = records.release(key).await {
                tracing::warn!(error = %release, "could not release idempotency key");
            }
            Err(err)
        }
    }
}
