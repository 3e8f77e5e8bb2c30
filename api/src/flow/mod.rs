//! The command flow around the engine: webhook events are handled by the worker into the
//! outbox, which the sender drains; maintenance applies log retention; the runner keeps them
//! going.

pub mod channel_cache;
pub mod channels;
pub mod completion_writer;
pub mod config;
pub mod config_cache;
pub mod context;
pub mod heartbeat;
pub mod linking;
pub mod logged_panel;
pub mod maintenance;
pub mod panels;
pub mod per_chat;
pub mod persist;
pub mod rate_limit;
pub mod runner;
pub mod scheduler;
pub mod sender;
pub mod settlement_writer;
pub mod worker;
