//! HTTP-level integration tests: the real application in process, on SQLite and the
//! in-process store by default, on PostgreSQL and Redis when `PANELRELAY_TEST_DATABASE_URL`
//! and `PANELRELAY_TEST_REDIS_URL` are set. One test binary, so it links once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod scenario;
mod support;

mod api_keys;
mod bad_input;
mod channels;
mod cli;
mod config_cache;
mod configuration;
mod cors;
mod created;
mod e2e;
mod examples;
mod fakes;
mod flow;
mod health;
mod http_limits;
mod idempotency;
mod ingress;
mod isolation;
mod jobs;
mod layers;
mod linking;
mod logs;
mod metrics;
mod openapi;
mod panel;
mod reliability;
mod roles;
mod runtime_health;
mod sandbox;
mod simulate;
mod vocabulary;
mod workspaces;
