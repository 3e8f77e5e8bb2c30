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

impl PanelError {
    /// The kind of failure, for logs and metrics: `timeout`, `unreachable`, `tls`, `http`,
    /// `challenge_page`, `bad_key`, `api`, `decode`, `rate_limited` or `unsupported`.
    pub fn class(&self) -> &'static str {
        match self {
            PanelError::Timeout => "timeout",
            PanelError::Unreachable => "unreachable",
            PanelError::Tls => "tls",
            PanelError::Http(_) => "http",
            PanelError::ChallengePage => "challenge_page",
            PanelError::BadKey => "bad_key",
            PanelError::Api { .. } => "api",
            PanelError::Decode(_) => "decode",
            PanelError::RateLimited => "rate_limited",
            PanelError::Unsupported => "unsupported",
        }
    }
}

/// A service of the panel's catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelService {
    /// The panel's service id.
    pub id: String,
    /// The name; it carries the refill and start policy.
    pub name: String,
    /// The category, where reported.
    pub category: Option<String>,
    /// The rate as a decimal string, where reported.
    pub rate: Option<String>,
    /// Whether the panel offers a refill button for it, where reported.
    pub refill: Option<bool>,
    /// Whether it can be cancelled, where reported.
    pub cancel: Option<bool>,
}

/// A support ticket in the panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelTicket {
    /// The panel's ticket id.
    pub id: String,
    /// The customer's username, where reported.
    pub username: Option<String>,
    /// The subject.
    pub subject: Option<String>,
    /// The panel's status text.
    pub status: Option<String>,
    /// When it was opened.
    pub created_at: Option<DateTime<Utc>>,
    /// Its messages, oldest first (empty in lists).
    pub messages: Vec<TicketMessage>,
}

/// One message of a ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketMessage {
    /// Who wrote it, where reported.
    pub author: Option<String>,
    /// The text.
    pub text: String,
    /// When it was written.
    pub created_at: Option<DateTime<Utc>>,
}

/// A ticket to open in a customer's account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTicket {
    /// The customer's username.
    pub username: String,
    /// The subject.
    pub subject: String,
    /// The first message.
    pub message: String,
}

/// Where a panel's service list comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServicesSource {
    /// The panel's own catalogue.
    Catalogue,
    /// Distinct services of the panel's recent orders (no catalogue in the admin API).
    RecentOrders,
    /// Not available.
    None,
}

/// Which ticket operations a panel supports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSupport {
    /// List tickets.
    pub list: bool,
    /// Read one ticket with its messages.
    pub get: bool,
    /// Reply to a ticket.
    pub reply: bool,
    /// Open a ticket in a customer's account.
    pub open: bool,
}

/// What a panel connection can do, so the engine and the API can degrade gracefully.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelCapabilities {
    /// Orders can be looked up by id.
    pub order_lookup: bool,
    /// Orders carry their owner's username: ownership can be checked.
    pub ownership: bool,
    /// Orders carry the provider and the provider's order id: forwarding works.
    pub external_ids: bool,
    /// Users can be found by username.
    pub users: bool,
    /// Users' balances are available.
    pub balance: bool,
    /// Where the service list comes from.
    pub services: ServicesSource,
    /// Ticket operations.
    pub tickets: TicketSupport,
    /// Order ids one panel call can look up.
    pub orders_per_call: u32,
}

/// A panel's admin API.
#[async_trait]
pub trait PanelApi: Send + Sync {
    /// The orders with these ids, in as few calls as the panel allows. Ids the panel does not
    /// know are simply absent from the result.
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError>;

    /// The user with this username, if the panel knows it.
    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError>;

    /// What this panel can do.
    fn capabilities(&self) -> PanelCapabilities;

    /// The panel's services.
    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        Err(PanelError::Unsupported)
    }

    /// The newest tickets, up to `limit`.
    async fn list_tickets(&self, _limit: u32) -> Result<Vec<PanelTicket>, PanelError> {
        Err(PanelError::Unsupported)
    }

    /// One ticket with its messages.
    async fn get_ticket(&self, _ticket_id: &str) -> Result<Option<PanelTicket>, PanelError> {
        Err(PanelError::Unsupported)
    }

    /// Replies to a ticket as staff.
    async fn reply_ticket(&self, _ticket_id: &str, _message: &str) -> Result<(), PanelError> {
        Err(PanelError::Unsupported)
    }

    /// Opens a ticket in a customer's account and returns its id.
    async fn open_ticket(&self, _ticket: &NewTicket) -> Result<String, PanelError> {
        Err(PanelError::Unsupported)
    }
}
