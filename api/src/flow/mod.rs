//! The command flow around the engine: webhook events are handled by the worker into the
//! outbox, which the sender drains; maintenance applies log retention; the runner keeps them
//! going.

pub mod completion;
pub mod completion_writer;
pub mod heartbeat;
pub mod per_chat;
pub mod persist;
pub mod rate_limit;
pub mod scheduler;
pub mod sender;
pub mod settlement_writer;
pub mod worker;
