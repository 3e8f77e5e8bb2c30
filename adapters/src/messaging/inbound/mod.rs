//! Webhook ingress: authenticating the provider's request, then normalising its payload to
//! [`InboundItem`]s with dedupe keys. Pure functions over headers and raw bytes; the api
//! crate reads the request, calls them, stores the items and answers 200.
//!
//! Order per request: authenticate over the raw body (Meta signs the exact bytes), then
//! parse. Every provider retries non-2xx answers (Green API blocks the instance's queue
//! meanwhile), so unknown and ignored events are acknowledged too.

mod auth;
mod dedupe;
mod greenapi;
mod item;
mod meta;
mod meta_auth;
mod telegram;

pub use auth::{
    AuthFailure, TELEGRAM_SECRET_HEADER, verify_greenapi_token, verify_telegram_secret,
};
pub use greenapi::parse_greenapi;
pub use item::{InboundError, InboundItem, InboundKind, InboundMessage};
pub use meta::parse_meta;
pub use meta_auth::{META_SIGNATURE_HEADER, meta_challenge, verify_meta_signature};
pub use telegram::parse_telegram;
