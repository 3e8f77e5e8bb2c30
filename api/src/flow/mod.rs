//! The command flow around the engine: webhook events are handled by the worker into the
//! outbox, which the sender drains; the runner keeps both going.

pub mod channels;
pub mod config;
pub mod panels;
pub mod per_chat;
pub mod rate_limit;
pub mod runner;
pub mod sender;
pub mod worker;
