//! What a run does: the backend, the load and its shape.

use std::time::Duration;

/// Which storage the server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// SQLite in a temporary directory and the in-process key-value store.
    Embedded,
    /// A fresh database on the PostgreSQL server of `DATABASE_URL`, and `REDIS_URL`.
    Postgres,
}

/// One benchmark run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The storage backend.
    pub backend: Backend,
    /// PostgreSQL server URL (a fresh database is created on it) with `Backend::Postgres`.
    pub database_url: Option<String>,
    /// Redis URL with `Backend::Postgres`.
    pub redis_url: Option<String>,
    /// Webhook deliveries fired in the main pass (duplicates included).
    pub requests: usize,
    /// Concurrent connections of the load generator.
    pub concurrency: usize,
    /// Share of deliveries that repeat an earlier one (a provider's retry).
    pub duplicates: f64,
    /// Share of commands that name several orders at once.
    pub bulk: f64,
    /// Latency the fake panel adds to every answer.
    pub panel_latency: Duration,
    /// Workspaces (tenants), each with its panel connection, two channels and two routes.
    pub workspaces: usize,
    /// Customers (linked users), spread over the workspaces and over Telegram and WhatsApp.
    pub customers: usize,
    /// Also run a second pass paced at half the measured end-to-end rate, for latency at
    /// half load.
    pub half_load_pass: bool,
    /// The executable started as the server (this binary, with the `server` subcommand).
    pub server_exe: std::path::PathBuf,
    /// How long to wait for commands to complete once the webhooks are acknowledged.
    pub drain_timeout: Duration,
    /// Connect the first workspace to a panel that never answers; the figures are those
    /// of the other workspaces (their commands must not wait for the hung one's).
    pub hung_panel: bool,
}

impl Options {
    /// The small, quick run of `--smoke` and of the test: a few hundred webhooks.
    pub fn smoke(backend: Backend, server_exe: std::path::PathBuf) -> Self {
        Options {
            backend,
            database_url: None,
            redis_url: None,
            requests: 300,
            concurrency: 16,
            duplicates: 0.1,
            bulk: 0.1,
            panel_latency: Duration::ZERO,
            workspaces: 4,
            customers: 40,
            half_load_pass: false,
            server_exe,
            drain_timeout: Duration::from_secs(60),
            hung_panel: false,
        }
    }
}
