//! Failed authentications per client address: after `PANELRELAY_AUTH_FAILURES_PER_MINUTE`
//! failures (bad, unknown or revoked keys) from one IP address in a window of a minute, the
//! requests that need a key from that address get 429 `too_many_auth_failures` with
//! `Retry-After`, even with a right key, until the window ends.
//!
//! The counters live in the key-value store (shared by replicas), in fixed windows that start
//! with an address's first failure. When the store fails, authentication goes on unlimited
//! (and the failure is logged): the store may cost protection, never availability.
//! The address is the TCP peer's; behind a proxy, that is the proxy's.

use crate::error::{ApiError, ErrorCode};
use panelrelay_core::ports::KeyValue;
use poem::IntoResponse;
use poem::http::HeaderValue;
use std::net::IpAddr;
use std::time::Duration;

/// The window failures are counted in.
pub const WINDOW: Duration = Duration::from_secs(60);

/// The limit in force: at most `per_minute` failures per address per window (0: no limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthFailureLimit {
    /// Failures allowed per address per minute; 0 turns the limit off.
    pub per_minute: u32,
}

impl Default for AuthFailureLimit {
    fn default() -> Self {
        AuthFailureLimit { per_minute: 20 }
    }
}

fn counter_key(ip: IpAddr) -> String {
    format!("auth_failures:{}", ip.to_canonical())
}

impl AuthFailureLimit {
    /// Refuses with 429 when `ip` has used up its failures in the current window.
    pub async fn check(&self, kv: &dyn KeyValue, ip: Option<IpAddr>) -> poem::Result<()> {
        let Some(ip) = ip.filter(|_| self.per_minute > 0) else {
            return Ok(());
        };
        let key = counter_key(ip);
        let failures = match kv.get(&key).await {
            Ok(value) => value.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0),
            Err(err) => {
                tracing::warn!(detail = %err, "auth failure limit not checked: key-value store failed");
                return Ok(());
            }
        };
        if failures < u64::from(self.per_minute) {
            return Ok(());
        }
        let retry_after = match kv.ttl(&key).await {
            Ok(Some(ttl)) => ttl.as_secs() + u64::from(ttl.subsec_nanos() > 0),
            Ok(None) => WINDOW.as_secs(),
            Err(err) => {
                tracing::warn!(detail = %err, "auth failure window not read: key-value store failed");
                WINDOW.as_secs()
            }
        }
        .max(1);
        tracing::info!(%ip, failures, "authentication refused: too many failures from this address");
        Err(too_many_failures(retry_after))
    }

    /// Counts a failed authentication from `ip`.
    pub async fn record_failure(&self, kv: &dyn KeyValue, ip: Option<IpAddr>) {
        let Some(ip) = ip.filter(|_| self.per_minute > 0) else {
            return;
        };
        if let Err(err) = kv.increment(&counter_key(ip), 1, WINDOW).await {
            tracing::warn!(detail = %err, "auth failure not counted: key-value store failed");
        }
    }
}

/// 429 `too_many_auth_failures` with `Retry-After: retry_after`.
fn too_many_failures(retry_after: u64) -> poem::Error {
    let mut response = ApiError::new(
        ErrorCode::TooManyAuthFailures,
        format!("too many failed authentications from this address; retry in {retry_after} s"),
    )
    .into_response();
    response.headers_mut().insert(
        poem::http::header::RETRY_AFTER,
        HeaderValue::from(retry_after),
    );
    poem::Error::from_response(response)
}
