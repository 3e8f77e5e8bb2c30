//! The fault suite in CI: `kill -9` cycles on both backends; on PostgreSQL + Redis also the
//! database made unreachable and Redis frozen then restarted empty. Nothing acknowledged is
//! lost, no outage sends anything twice, and no order is forwarded again within its
//! cooldown after Redis lost its data. One test, so the scenarios do not compete for the
//! machine's cores.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use panelrelay_bench::faults::{self, FaultOptions};
use panelrelay_bench::options::Backend;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_acknowledged_is_lost_and_no_outage_sends_twice() {
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_panelrelay-bench"));
    let database_url = std::env::var("PANELRELAY_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());
    let backend = if database_url.is_some() {
        Backend::Postgres
    } else {
        Backend::Embedded
    };
    let mut options = FaultOptions::full(backend, exe);
    options.database_url = database_url;
    // Outages long enough to outlast every timeout on the way (pool, Redis, leases' retries).
    options.outage = Duration::from_secs(15);
    let figures = faults::run(&options).await.unwrap();
    let expected = if backend == Backend::Postgres { 3 } else { 1 };
    assert_eq!(figures.len(), expected);
    for scenario in &figures {
        eprintln!("{}", scenario.line());
        assert_eq!(scenario.lost, 0, "{}", scenario.line());
        assert_eq!(
            scenario.acknowledged,
            scenario.deliveries,
            "{}",
            scenario.line()
        );
        assert_eq!(scenario.completed, scenario.commands, "{}", scenario.line());
        match scenario.scenario.as_str() {
            "kill" => {
                assert_eq!(scenario.kills, options.cycles);
                // Only a send accepted by the provider just before its process died is
                // sent again: at most what one process had in flight per kill.
                assert!(
                    scenario.duplicate_dispatches + scenario.duplicate_replies
                        <= 64 * options.cycles,
                    "{}",
                    scenario.line()
                );
            }
            outage => {
                assert_eq!(
                    scenario.duplicate_dispatches,
                    0,
                    "{outage}: {}",
                    scenario.line()
                );
                assert_eq!(
                    scenario.duplicate_replies,
                    0,
                    "{outage}: {}",
                    scenario.line()
                );
                assert!(scenario.readyz_probes > 10, "{}", scenario.line());
                assert!(
                    scenario.readyz_503 * 10 >= scenario.readyz_probes * 8,
                    "/readyz answers 503 during the outage: {}",
                    scenario.line()
                );
                assert!(scenario.slowest_readyz_ms < 1_000.0, "{}", scenario.line());
            }
        }
        if scenario.scenario == "database" {
            assert!(
                scenario.answered_503 > 0,
                "ingress answered 503: {}",
                scenario.line()
            );
            assert!(scenario.slowest_answer_ms < 1_000.0, "{}", scenario.line());
        }
        if scenario.scenario == "redis" {
            assert_eq!(scenario.forwarded_again, 0, "{}", scenario.line());
            assert!(scenario.slowest_answer_ms < 1_000.0, "{}", scenario.line());
        }
    }
}
