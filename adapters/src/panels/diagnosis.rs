//! Testing a panel connection: reachability, authentication, capabilities and latency, with
//! a diagnosis a panel owner can act on. Never contains the key.

use panelrelay_core::ports::panel::{PanelApi, PanelCapabilities, PanelError};
use std::time::Instant;

/// The outcome of a connection test.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// The panel answered at the HTTP level.
    pub reachable: bool,
    /// The key was accepted.
    pub authenticated: bool,
    /// Round trip of the probe, in milliseconds.
    pub latency_ms: u64,
    /// What this panel type can do.
    pub capabilities: PanelCapabilities,
    /// One paragraph for a human.
    pub summary: String,
    /// The failure, as a machine code, when the test failed.
    pub error_code: Option<&'static str>,
}

impl Diagnosis {
    /// Whether everything needed works.
    pub fn ok(&self) -> bool {
        self.reachable && self.authenticated
    }
}

/// Probes the panel by looking up an order id that need not exist: a known-or-unknown
/// answer proves reachability and a valid key.
pub async fn diagnose(panel: &dyn PanelApi) -> Diagnosis {
    let started = Instant::now();
    let result = panel.fetch_orders(&[1]).await;
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let capabilities = panel.capabilities();
    match result {
        Ok(_) => Diagnosis {
            reachable: true,
            authenticated: true,
            latency_ms,
            summary: success_summary(&capabilities, latency_ms),
            capabilities,
            error_code: None,
        },
        Err(err) => Diagnosis {
            reachable: reached(&err),
            authenticated: false,
            latency_ms,
            summary: explain(&err),
            capabilities,
            error_code: Some(code(&err)),
        },
    }
}

fn success_summary(capabilities: &PanelCapabilities, latency_ms: u64) -> String {
    let mut summary =
        format!("Connected: the panel answered in {latency_ms} ms and accepted the key.");
    if !capabilities.ownership {
        summary.push_str(
            " This API cannot tell who owns an order or its provider order id: ownership checks and \
             automatic forwarding need an admin API; customers can only be served through admin chats.",
        );
    }
    if !capabilities.tickets.open {
        summary.push_str(" Opening tickets (used for self-service linking codes) is not available on this panel type.");
    }
    summary
}

fn reached(err: &PanelError) -> bool {
    matches!(
        err,
        PanelError::BadKey
            | PanelError::Api { .. }
            | PanelError::Http(_)
            | PanelError::ChallengePage
            | PanelError::Decode(_)
            | PanelError::RateLimited
    )
}

/// A stable machine code for each failure.
pub fn code(err: &PanelError) -> &'static str {
    match err {
        PanelError::Timeout => "panel_timeout",
        PanelError::Unreachable => "panel_unreachable",
        PanelError::Tls => "panel_tls_error",
        PanelError::Http(404) => "panel_endpoint_not_found",
        PanelError::Http(_) => "panel_http_error",
        PanelError::ChallengePage => "panel_challenge_page",
        PanelError::BadKey => "panel_bad_key",
        PanelError::Api { .. } => "panel_api_error",
        PanelError::Decode(_) => "panel_bad_answer",
        PanelError::RateLimited => "panel_rate_limited",
        PanelError::Unsupported => "panel_unsupported",
    }
}

/// What went wrong, in words a panel owner can act on.
pub fn explain(err: &PanelError) -> String {
    match err {
        PanelError::Timeout => "The panel did not answer in time. Check that the URL is right and the panel is online; \
             a slow panel may need a longer timeout."
            .into(),
        PanelError::Unreachable => "Could not connect to the panel. Check the URL (scheme, domain, port) and that the \
             server is online."
            .into(),
        PanelError::Tls => "The secure connection failed: the panel's TLS certificate is invalid or expired.".into(),
        PanelError::Http(404) => "The panel has no such API endpoint. Check the panel type and the URL (use the panel's \
             root address, e.g. https://yourpanel.com)."
            .into(),
        PanelError::Http(status) => format!("The panel answered with HTTP {status}. Try again later; if it persists, \
             check the panel's server logs."),
        PanelError::ChallengePage => "The panel answered with a web page instead of JSON, most likely a Cloudflare or \
             anti-bot challenge. Allow panelrelay's server address or disable the challenge for the API path."
            .into(),
        PanelError::BadKey => "The panel refused the API key. Copy the admin API key again from the panel's settings \
             and check that the panel type matches the key."
            .into(),
        PanelError::Api { code, message } => format!("The panel reported an error (code {code}): {}", safe(message)),
        PanelError::Decode(_) => "The panel's answer could not be read. Check the panel type: this URL may speak a \
             different API."
            .into(),
        PanelError::RateLimited => "The panel is rate limiting requests. Lower the request rate or try again shortly.".into(),
        PanelError::Unsupported => "This panel type does not support the operation.".into(),
    }
}

/// A panel's own error text, shortened and stripped of control characters.
fn safe(message: &str) -> String {
    message
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}
