//! HTTP to a panel: one reqwest client per process (one connection pool and TLS set-up,
//! however many panels are connected; timeouts are set per request), a per-panel
//! request-rate limit, error classification into [`PanelError`], and retries with backoff
//! for reads only.
//!
//! The panel key never appears in a URL (keys travel in headers or form bodies), and
//! errors are formatted without their URL, so no log line can carry it.

use panelrelay_core::ports::panel::PanelError;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::Value;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// Whether a request may be sent again after a failure that may have reached the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Reads: retried on timeouts, connection failures, 5xx and 429.
    Safe,
    /// Writes (ticket replies, new tickets): sent once.
    Never,
}

/// Retries after the first attempt, for safe requests.
const MAX_RETRIES: u32 = 2;
/// First backoff; doubles each retry.
const BASE_BACKOFF: Duration = Duration::from_millis(200);
/// The longest a connection to a panel may take to open (a request's own timeout, when
/// shorter, bounds it too).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The process's HTTP client for panels, built on first use; clones share its pool.
fn shared_client() -> Result<reqwest::Client, PanelError> {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(client) = CLIENT.get() {
        return Ok(client.clone());
    }
    let client = reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .user_agent(concat!("panelrelay/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|err| PanelError::Decode(err.without_url().to_string()))?;
    Ok(CLIENT.get_or_init(|| client).clone())
}

/// A token bucket: at most `rate` requests per second, bursts up to `rate`.
struct RateLimiter {
    rate: f64,
    state: Mutex<(f64, Instant)>,
}

impl RateLimiter {
    fn new(rate: u32) -> Self {
        let rate = f64::from(rate.max(1));
        RateLimiter {
            rate,
            state: Mutex::new((rate, Instant::now())),
        }
    }

    /// Waits until a request may go out.
    async fn acquire(&self) {
        loop {
            let wait = {
                let mut state = self.state.lock().await;
                let now = Instant::now();
                let refilled = (state.0 + now.duration_since(state.1).as_secs_f64() * self.rate)
                    .min(self.rate);
                if refilled >= 1.0 {
                    *state = (refilled - 1.0, now);
                    return;
                }
                *state = (refilled, now);
                Duration::from_secs_f64((1.0 - refilled) / self.rate)
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// The HTTP side of one panel connection: the shared client, this connection's request
/// timeout and its rate limit.
pub struct Transport {
    client: reqwest::Client,
    timeout: Duration,
    limiter: RateLimiter,
}

impl Transport {
    /// A transport with a request `timeout` and at most `requests_per_second`.
    pub fn new(timeout: Duration, requests_per_second: u32) -> Result<Self, PanelError> {
        Ok(Transport {
            client: shared_client()?,
            timeout,
            limiter: RateLimiter::new(requests_per_second),
        })
    }

    /// The underlying client, to build requests.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends a request built by `build` (called again for each retry) and reads its JSON.
    pub async fn json(
        &self,
        retry: Retry,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Value, PanelError> {
        let mut attempt = 0;
        loop {
            self.limiter.acquire().await;
            let result = match build().timeout(self.timeout).send().await {
                Ok(response) => read_json(response).await,
                Err(err) => Err(classify(&err)),
            };
            match result {
                Err(err) if retry == Retry::Safe && attempt < MAX_RETRIES && is_transient(&err) => {
                    attempt += 1;
                    tracing::debug!(error = %err, attempt, "panel request failed; retrying");
                    tokio::time::sleep(BASE_BACKOFF * 2u32.pow(attempt - 1)).await;
                }
                other => return other,
            }
        }
    }
}

fn is_transient(err: &PanelError) -> bool {
    match err {
        PanelError::Timeout | PanelError::Unreachable | PanelError::RateLimited => true,
        PanelError::Http(status) => *status >= 500,
        _ => false,
    }
}

/// Words of rustls's errors (certificates, alerts, protocol mismatches) in a cause chain.
const TLS_MARKERS: [&str; 7] = [
    "certificate",
    "tls",
    "handshake",
    "corrupt message",
    "fatal alert",
    "peer is incompatible",
    "peer misbehaved",
];

/// Maps a transport failure, never keeping the URL.
fn classify(err: &reqwest::Error) -> PanelError {
    if err.is_timeout() {
        return PanelError::Timeout;
    }
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(cause) = source {
        let text = cause.to_string().to_ascii_lowercase();
        if TLS_MARKERS.iter().any(|marker| text.contains(marker)) {
            return PanelError::Tls;
        }
        source = cause.source();
    }
    if err.is_connect() || err.is_request() {
        return PanelError::Unreachable;
    }
    PanelError::Decode(format!("{}", ErrorWithoutUrl(err)))
}

struct ErrorWithoutUrl<'a>(&'a reqwest::Error);

impl std::fmt::Display for ErrorWithoutUrl<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = self.0.to_string();
        if let Some(url) = self.0.url() {
            text = text.replace(url.as_str(), "<panel url>");
        }
        f.write_str(&text)
    }
}

/// Reads a response as JSON, recognising auth failures, rate limits, 5xx and HTML pages.
async fn read_json(response: Response) -> Result<Value, PanelError> {
    let status = response.status();
    let is_html = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("text/html"));
    let body = response.bytes().await.map_err(|err| classify(&err))?;
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN if !looks_like_html(&body) => {
            return Err(PanelError::BadKey);
        }
        StatusCode::TOO_MANY_REQUESTS => return Err(PanelError::RateLimited),
        _ => {}
    }
    if is_html || looks_like_html(&body) {
        return Err(PanelError::ChallengePage);
    }
    if status.is_server_error() || (status.is_client_error() && status != StatusCode::NOT_FOUND) {
        return Err(PanelError::Http(status.as_u16()));
    }
    if status == StatusCode::NOT_FOUND && body.is_empty() {
        return Err(PanelError::Http(404));
    }
    serde_json::from_slice(&body).map_err(|err| {
        if status == StatusCode::NOT_FOUND {
            PanelError::Http(404)
        } else {
            PanelError::Decode(format!("not JSON: {err}"))
        }
    })
}

/// Whether a body is an HTML page (a Cloudflare or anti-bot challenge, an error page).
fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .copied()
        .skip_while(u8::is_ascii_whitespace)
        .take(15)
        .collect();
    let start = String::from_utf8_lossy(&start).to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pages_are_recognised() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<html><head>"));
        assert!(!looks_like_html(b"{\"data\":1}"));
        assert!(!looks_like_html(b""));
    }

    #[tokio::test]
    async fn the_limiter_spaces_requests() {
        let limiter = RateLimiter::new(20);
        let started = std::time::Instant::now();
        for _ in 0..30 {
            limiter.acquire().await;
        }
        // 20 go out at once (the burst), the next 10 at 20/s.
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(450), "{elapsed:?}");
    }
}
