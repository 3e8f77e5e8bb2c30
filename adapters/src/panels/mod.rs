//! Panel clients: the three admin/reseller APIs a workspace can connect, behind the core
//! `PanelApi` port. See `shared/reference/panel-apis.md` for the facts they follow.

mod admin_order;
mod diagnosis;
mod lenient;
mod perfect_panel;
mod rental_v1;
mod reseller_v2;
mod transport;

pub use diagnosis::{Diagnosis, code, diagnose, explain};
pub use perfect_panel::PerfectPanel;
pub use rental_v1::RentalV1;
pub use reseller_v2::ResellerV2;

pub use chrono_tz::Tz;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, ServicesSource, TicketSupport,
};
use std::sync::Arc;
use std::time::Duration;

/// Which API a panel speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    /// Perfect Panel admin API v2 (`/adminapi/v2`, `X-Api-Key`).
    PerfectPanelV2,
    /// Rental-style admin API v1 (`/adminapi/v1`, action-based).
    AdminV1,
    /// Reseller API v2 only (`/api/v2`): no owners, no external ids.
    ResellerV2,
}

impl PanelKind {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            PanelKind::PerfectPanelV2 => "perfect_panel_v2",
            PanelKind::AdminV1 => "admin_v1",
            PanelKind::ResellerV2 => "reseller_v2",
        }
    }

    /// Parses the stored and wire name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "perfect_panel_v2" => Some(PanelKind::PerfectPanelV2),
            "admin_v1" => Some(PanelKind::AdminV1),
            "reseller_v2" => Some(PanelKind::ResellerV2),
            _ => None,
        }
    }
}

/// How to reach one panel.
#[derive(Clone)]
pub struct PanelSettings {
    /// Its API.
    pub kind: PanelKind,
    /// The panel's root URL (`https://panel.example`); a full API URL is accepted too.
    pub base_url: String,
    /// The admin (or reseller) key, decrypted.
    pub api_key: String,
    /// The timezone of the panel's zone-less dates.
    pub timezone: Tz,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Requests per second this process sends to the panel at most.
    pub requests_per_second: u32,
}

impl std::fmt::Debug for PanelSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PanelSettings")
            .field("kind", &self.kind)
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("timezone", &self.timezone)
            .finish()
    }
}

/// A client for the panel described by `settings`.
pub fn connect(settings: &PanelSettings) -> Result<Arc<dyn PanelApi>, PanelError> {
    Ok(match settings.kind {
        PanelKind::PerfectPanelV2 => Arc::new(PerfectPanel::new(settings)?),
        PanelKind::AdminV1 => Arc::new(RentalV1::new(settings)?),
        PanelKind::ResellerV2 => Arc::new(ResellerV2::new(settings)?),
    })
}

/// What each panel type can do (see the reference's evidence for each).
pub fn capabilities(kind: PanelKind) -> PanelCapabilities {
    match kind {
        PanelKind::PerfectPanelV2 => PanelCapabilities {
            order_lookup: true,
            ownership: true,
            external_ids: true,
            users: true,
            balance: true,
            services: ServicesSource::RecentOrders,
            tickets: TicketSupport {
                list: true,
                get: true,
                reply: true,
                open: true,
            },
            orders_per_call: 1,
        },
        PanelKind::AdminV1 => PanelCapabilities {
            order_lookup: true,
            ownership: true,
            external_ids: true,
            users: true,
            balance: true,
            services: ServicesSource::RecentOrders,
            tickets: TicketSupport::default(),
            orders_per_call: 100,
        },
        PanelKind::ResellerV2 => PanelCapabilities {
            order_lookup: true,
            ownership: false,
            external_ids: false,
            users: false,
            balance: false,
            services: ServicesSource::Catalogue,
            tickets: TicketSupport::default(),
            orders_per_call: 100,
        },
    }
}

/// Why a panel address is refused; the messages name the API's `base_url` field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    /// Not a URL at all (the address as given, trimmed).
    #[error("base_url '{0}' is not a URL")]
    NotAUrl(String),
    /// A scheme other than http or https.
    #[error("base_url must start with https:// (or http://)")]
    Scheme,
    /// No host.
    #[error("base_url needs a host")]
    NoHost,
    /// A user name or password in the address.
    #[error("base_url must not contain credentials; send the key as api_key")]
    Credentials,
    /// A query or fragment.
    #[error("base_url must not contain a query or fragment")]
    QueryOrFragment,
}

/// Checks a panel address: http or https, a host, no credentials, query or fragment.
/// Returns it without trailing slashes.
pub fn validate_base_url(url: &str) -> Result<String, BaseUrlError> {
    let url = url.trim();
    let parsed = reqwest::Url::parse(url).map_err(|_| BaseUrlError::NotAUrl(url.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(BaseUrlError::Scheme);
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(BaseUrlError::NoHost);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(BaseUrlError::Credentials);
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(BaseUrlError::QueryOrFragment);
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The panel root: trailing slashes and a known API suffix removed.
fn normalise_base(url: &str, suffixes: &[&str]) -> String {
    let mut base = url.trim().trim_end_matches('/').to_string();
    for suffix in suffixes {
        if let Some(stripped) = base.strip_suffix(suffix) {
            base = stripped.trim_end_matches('/').to_string();
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_validated() {
        assert_eq!(
            validate_base_url("https://p.example/").unwrap(),
            "https://p.example"
        );
        assert_eq!(
            validate_base_url(" http://127.0.0.1:9000 ").unwrap(),
            "http://127.0.0.1:9000"
        );
        for bad in [
            "ftp://p.example",
            "p.example",
            "https://user:pw@p.example",
            "https://p.example/?key=1",
            "",
        ] {
            assert!(validate_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls_are_normalised() {
        assert_eq!(
            normalise_base("https://p.example/", &["/adminapi/v2"]),
            "https://p.example"
        );
        assert_eq!(
            normalise_base("https://p.example/adminapi/v2/", &["/adminapi/v2"]),
            "https://p.example"
        );
        assert_eq!(
            normalise_base(" https://p.example/sub ", &["/api/v2"]),
            "https://p.example/sub"
        );
        for kind in [
            PanelKind::PerfectPanelV2,
            PanelKind::AdminV1,
            PanelKind::ResellerV2,
        ] {
            assert_eq!(PanelKind::parse(kind.as_str()), Some(kind));
        }
    }
}
