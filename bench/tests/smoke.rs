//! A short benchmark run as a correctness check (no timing assertion): every command
//! completes, no order is dispatched twice, every customer gets a reply. Runs on PostgreSQL
//! + Redis when `PANELRELAY_TEST_DATABASE_URL` and `PANELRELAY_TEST_REDIS_URL` are set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use panelrelay_bench::options::{Backend, Options};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_smoke_run_completes_every_command_exactly_once() {
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_panelrelay-bench"));
    let database_url = env("PANELRELAY_TEST_DATABASE_URL");
    let backend = if database_url.is_some() {
        Backend::Postgres
    } else {
        Backend::Embedded
    };
    let mut options = Options::smoke(backend, exe);
    options.database_url = database_url;
    options.redis_url = env("PANELRELAY_TEST_REDIS_URL");
    let report = panelrelay_bench::run(&options).await.unwrap();
    let pass = &report.full_load;
    assert_eq!(report.failures, Vec::<String>::new(), "{}", report.table());
    assert_eq!(pass.deliveries, 300);
    assert_eq!(
        pass.commands, 270,
        "10% of the deliveries repeat earlier ones"
    );
    assert_eq!(pass.commands_completed, pass.commands);
    assert_eq!(pass.accepted, pass.commands);
    assert_eq!(pass.duplicates_dispatched, 0);
    assert_eq!(pass.customers_without_reply, 0);
    assert!(report.rss_peak_mb > 0.0, "the server's memory was read");
}
