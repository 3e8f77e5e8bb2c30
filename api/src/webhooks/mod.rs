//! Webhook ingress: `POST /webhooks/{medium}/{channel_id}` (and Meta's `GET` handshake).
//! Authenticate, normalise, dedupe, store in the inbox, answer 200 fast; the worker does
//! the rest. Every delivery is recorded in the webhook log.

mod inbox_writer;
mod ingress;
mod log_writer;

pub use inbox_writer::InboxWriter;
pub use log_writer::LogWriter;

pub use ingress::{MAX_WEBHOOK_BYTES, receive, verify};
