//! panelrelay-api: the HTTP API (poem + poem-openapi), authentication, configuration, the
//! command line, and the process that runs them.

pub mod app;
pub mod auth;
pub mod auth_failures;
pub mod cli;
pub mod config;
pub mod docs;
pub mod error;
pub mod fakes;
pub mod flow;
pub mod group_commit;
pub mod http;
pub mod idempotency;
pub mod jobs;
pub mod metrics;
pub mod pagination;
pub mod resources;
pub mod runtime;
pub mod sandbox;
pub mod server;
pub mod services;
pub mod spec;
pub mod state;
pub mod telemetry;
pub mod webhooks;
