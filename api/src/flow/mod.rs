//! The command flow around the engine: webhook events are handled by the worker into the
//! outbox, which the sender drains; the runner keeps both going.

pub mod channels;
pub mod config;
pub mod linking;
pub mod panels;
pub mod rate_limit;
pub mod runner;
pub mod sender;
pub mod worker;
