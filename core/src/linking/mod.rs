//! Self-service linking: a customer proves they own a panel account from the chat.
//!
//! ```text
//! "link alice" ─→ alice exists on the panel? ─→ a one-time 6-digit code, stored hashed,
//!                 put in a ticket opened in alice's panel account ─→ "check your tickets"
//! "123456"     ─→ the pending code of this chat: right → linked; wrong → attempts left;
//!                 expired or too many wrong codes → start again
//! ```
//!
//! This module holds the pure rules: what a message asks ([`parse_link_message`]) and how
//! a submitted code is judged ([`check_code`]). The flow around it (panel calls, storage,
//! rate limits) lives in the API's worker.

mod code;
mod message;

pub use code::{CodeCheck, LinkPolicy, PendingCode, check_code, code_from_random};
pub use message::{LinkMessage, parse_link_message};
