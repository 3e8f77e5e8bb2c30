//! Messaging channels: Telegram Bot API, Green API (WhatsApp through a linked phone) and the
//! Meta WhatsApp Cloud API. See `shared/reference/messaging-apis.md` for the facts they
//! follow.
//!
//! - Inbound: [`inbound`] authenticates webhook requests and normalises their payloads to
//!   [`inbound::InboundItem`]s.

pub mod inbound;
