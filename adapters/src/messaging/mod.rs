//! Messaging channels: Telegram Bot API, Green API (WhatsApp through a linked phone) and the
//! Meta WhatsApp Cloud API. See `shared/reference/messaging-apis.md` for the facts they
//! follow.
//!
//! - Outbound: [`TelegramBot`], [`GreenApi`] and [`MetaCloud`] implement the core
//!   `Messenger` port (one send, no retries) and check a channel's setup
//!   ([`ValidationReport`]).
//! - Inbound: [`inbound`] authenticates webhook requests and normalises their payloads to
//!   [`inbound::InboundItem`]s.
//!
//! Tokens travel in URL paths (Telegram, Green API) or headers (Meta); no error, `Debug`
//! output or log line carries a URL, a token or a secret.

mod greenapi;
mod http;
pub mod inbound;
mod meta;
mod redact;
mod telegram;
mod validation;

pub use greenapi::{GREENAPI_API_URL, GreenApi, GreenApiWebhook};
pub use http::{ClientSetupError, HttpClient};
pub use meta::{META_GRAPH_URL, META_GRAPH_VERSION, MetaCloud};
pub use telegram::{TELEGRAM_ALLOWED_UPDATES, TELEGRAM_API_URL, TelegramBot, TelegramWebhook};
pub use validation::ValidationReport;
