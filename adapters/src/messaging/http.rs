//! The HTTP side shared by the messaging clients: one reqwest client (connection pool, TLS)
//! with a per-request timeout, and transport failures classified without their URL, since
//! Telegram and Green API carry the channel's token in the URL path.

use panelrelay_core::ports::messenger::SendError;
use reqwest::Method;
use reqwest::header::RETRY_AFTER;
use serde_json::Value;
use std::time::Duration;

/// The reqwest client could not be built (the TLS backend failed to start).
#[derive(Debug, thiserror::Error)]
#[error("cannot start the messaging HTTP client: {0}")]
pub struct ClientSetupError(String);

/// An HTTP client for the messaging APIs; cheap to clone, share one per process.
#[derive(Clone, Debug)]
pub struct HttpClient {
    client: reqwest::Client,
}

/// A provider's answer, whatever its status.
pub(crate) struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header in seconds, when present.
    pub retry_after: Option<Duration>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpClient {
    /// A client whose requests each give up after `timeout`.
    pub fn new(timeout: Duration) -> Result<Self, ClientSetupError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("panelrelay/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| ClientSetupError(err.without_url().to_string()))?;
        Ok(HttpClient { client })
    }

    /// Sends one request: JSON `body` if any, `bearer` as `Authorization` if any. `operation`
    /// names it in logs (`telegram sendMessage`); the URL is never logged.
    pub(crate) async fn call(
        &self,
        operation: &str,
        method: Method,
        url: &str,
        bearer: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Reply, SendError> {
        let mut request = self.client.request(method, url);
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        if let Some(json) = body {
            request = request.json(json);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(err) => {
                let err = classify(err);
                tracing::debug!(operation, error = %err, "messaging request failed");
                return Err(err);
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = response.bytes().await.map_err(classify)?.to_vec();
        tracing::debug!(operation, status, "messaging provider answered");
        Ok(Reply {
            status,
            retry_after,
            body,
        })
    }
}

/// Maps a transport failure, dropping the URL (and the token in it).
fn classify(err: reqwest::Error) -> SendError {
    if err.is_timeout() {
        SendError::Timeout
    } else if err.is_connect() || err.is_request() {
        SendError::Unreachable
    } else {
        SendError::Decode(err.without_url().to_string())
    }
}
