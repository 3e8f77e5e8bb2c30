//! The panel port: a panel's admin API, as the engine needs it.

use crate::rules::OrderStatus;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An order as the panel's admin API reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelOrder {
    /// The panel's order id.
    pub id: u64,
    /// The customer's panel username.
    pub user: String,
    /// The service id, when known (keys manual service rules).
    pub service_id: Option<String>,
    /// The service name; it carries the refill and start policy.
    pub service_name: Option<String>,
    /// The normalised status.
    pub status: OrderStatus,
    /// The status as the panel wrote it.
    pub raw_status: String,
    /// Units left to deliver.
    pub remains: Option<i64>,
    /// The count when delivery started.
    pub start_count: Option<i64>,
    /// The charge as the panel formats it (a decimal string, never a float).
    pub charge: Option<String>,
    /// The upstream provider: a domain (admin API v2) or a name (v1). Never shown to
    /// customers.
    pub provider: Option<String>,
    /// The provider's order id: what is forwarded to the provider group.
    pub external_id: Option<String>,
    /// When the order was placed.
    pub created_at: Option<DateTime<Utc>>,
    /// The order's last update.
    pub updated_at: Option<DateTime<Utc>>,
}

/// A panel user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelUser {
    /// The panel username.
    pub username: String,
    /// The balance as a decimal string, when the panel reports it.
    pub balance: Option<String>,
    /// The balance's currency code (`USD`).
    pub currency: Option<String>,
}

/// Why a panel could not answer. Customers only ever see a safe message for any of these.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PanelError {
    /// No answer in time.
    #[error("the panel did not answer in time")]
    Timeout,
    /// Connection refused, DNS failure, reset.
    #[error("the panel is unreachable")]
    Unreachable,
    /// The TLS handshake failed.
    #[error("TLS error talking to the panel")]
    Tls,
    /// An unexpected HTTP status.
    #[error("the panel answered HTTP {0}")]
    Http(u16),
    /// An anti-bot or Cloudflare HTML page instead of JSON.
    #[error("the panel answered with a challenge page")]
    ChallengePage,
    /// The admin key was refused.
    #[error("the panel refused the API key")]
    BadKey,
    /// An error in the API's own envelope.
    #[error("panel API error {code}: {message}")]
    Api {
        /// The API's error code.
        code: i64,
        /// The API's error text.
        message: String,
    },
    /// The answer could not be read.
    #[error("unreadable panel answer: {0}")]
    Decode(String),
    /// The panel (or panelrelay's own limiter) asked to slow down.
    #[error("rate limited by the panel")]
    RateLimited,
    /// The panel does not offer this operation.
    #[error("the panel does not support this operation")]
    Unsupported,
}

/// A panel's admin API.
#[async_trait]
pub trait PanelApi: Send + Sync {
    /// The orders with these ids, in one batch call. Ids the panel does not know are simply
    /// absent from the result.
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError>;

    /// The user with this username, if the panel knows it.
    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError>;
}
