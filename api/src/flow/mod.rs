//! The command flow around the engine: webhook events are handled by the worker into the
//! outbox, which the sender drains.

pub mod config;
pub mod panels;
pub mod worker;
