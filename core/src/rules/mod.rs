//! Eligibility rules: whether an action may be forwarded for an order, with a reason code.
//!
//! - [`OrderStatus::parse`] normalises panel spellings (`In progress`, `in_progress`,
//!   `Cancelled`, `Fail`, …); unknown spellings keep their raw text.
//! - [`StatusMatrix`] says which of speed, cancel and refill each status permits; the
//!   defaults are documented on it, and every cell is a workspace setting.
//! - Refill ([`check_refill`]): no refill → `refill_not_offered`; a window of N days from
//!   the workspace's [`RefillAnchor`] (created, last update, first seen completed); lifetime
//!   per [`LifetimeMeaning`]; an unknown policy or start → [`UnknownRefillPolicy`] (allow,
//!   deny, ask an admin).
//! - Speed ([`check_speed`]): only once the service's start window has passed since the
//!   order was created, else `speed_too_early` with the time it becomes possible.
//! - Ownership ([`check_ownership`]): the order's panel user is the linked username,
//!   trimmed and case-insensitive; admins bypass it.
//!
//! Every refusal is a [`Denial`] carrying a [`ReasonCode`].

mod action;
mod denial;
mod eligibility;
mod matrix;
mod ownership;
mod reason;
mod refill_window;
mod speed;
mod status;

pub use action::OrderAction;
pub use denial::Denial;
pub use eligibility::{RuleSettings, evaluate};
pub use matrix::{ActionCells, StatusMatrix};
pub use ownership::{check_ownership, same_user};
pub use reason::ReasonCode;
pub use refill_window::{
    LifetimeMeaning, RefillAnchor, RefillSettings, UnknownRefillPolicy, check_refill,
    refill_anchor_at,
};
pub use speed::{check_speed, speed_available_at};
pub use status::OrderStatus;
