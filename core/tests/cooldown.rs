//! Cooldowns through the key-value port: atomic claims, "ask again at", dry runs.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::TimeDelta;
use panelrelay_core::cooldown::{CooldownSettings, CooldownState, Cooldowns, cooldown_key};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::KeyValue;
use panelrelay_core::rules::OrderAction;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use support::{FakeClock, MemoryCooldownLog, MemoryKeyValue, now};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_concurrent_claims_exactly_one_wins() {
    for _ in 0..50 {
        let clock = FakeClock::at(now());
        let store = Arc::new(MemoryKeyValue::new(clock));
        let workspace = WorkspaceId::new();
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let claim = |store: Arc<MemoryKeyValue>, barrier: Arc<tokio::sync::Barrier>| async move {
            let settings = CooldownSettings::default();
            let log = MemoryCooldownLog::default();
            let cooldowns = Cooldowns::new(store.as_ref(), &log, workspace, &settings);
            barrier.wait().await;
            cooldowns
                .claim(OrderAction::Refill, 2_274_209, now())
                .await
                .unwrap()
        };
        let first = tokio::spawn(claim(store.clone(), barrier.clone()));
        let second = tokio::spawn(claim(store.clone(), barrier.clone()));
        let results = [first.await.unwrap(), second.await.unwrap()];
        let winners = results
            .iter()
            .filter(|r| **r == CooldownState::Free)
            .count();
        assert_eq!(winners, 1, "{results:?}");
        assert!(results.contains(&CooldownState::Busy {
            until: now() + TimeDelta::hours(12)
        }));
    }
}

#[tokio::test]
async fn a_running_cooldown_tells_when_to_ask_again() {
    let log = MemoryCooldownLog::default();
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock.clone());
    let workspace = WorkspaceId::new();
    let settings = CooldownSettings {
        refill_secs: 3 * 3600,
        ..CooldownSettings::default()
    };
    let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
    let order = 2_274_209;

    assert_eq!(
        cooldowns
            .peek(OrderAction::Refill, order, now())
            .await
            .unwrap(),
        CooldownState::Free
    );
    assert_eq!(
        cooldowns
            .claim(OrderAction::Refill, order, now())
            .await
            .unwrap(),
        CooldownState::Free
    );
    let key = cooldown_key(workspace, OrderAction::Refill, order);
    assert_eq!(
        store.get(&key).await.unwrap().as_deref(),
        Some("2026-11-24T07:30:00Z")
    );

    clock.advance(TimeDelta::hours(1));
    let later = now() + TimeDelta::hours(1);
    let busy = CooldownState::Busy {
        until: now() + TimeDelta::hours(3),
    };
    assert_eq!(
        cooldowns
            .claim(OrderAction::Refill, order, later)
            .await
            .unwrap(),
        busy
    );
    assert_eq!(
        cooldowns
            .peek(OrderAction::Refill, order, later)
            .await
            .unwrap(),
        busy
    );

    // Other actions, orders and workspaces have their own cooldowns.
    assert_eq!(
        cooldowns
            .claim(OrderAction::Speed, order, later)
            .await
            .unwrap(),
        CooldownState::Free
    );
    assert_eq!(
        cooldowns
            .claim(OrderAction::Refill, order + 1, later)
            .await
            .unwrap(),
        CooldownState::Free
    );
    let other = Cooldowns::new(&store, &log, WorkspaceId::new(), &settings);
    assert_eq!(
        other
            .claim(OrderAction::Refill, order, later)
            .await
            .unwrap(),
        CooldownState::Free
    );

    // Once it expires, the order may be claimed again.
    clock.advance(TimeDelta::hours(2));
    let expired = now() + TimeDelta::hours(3);
    assert_eq!(
        cooldowns
            .claim(OrderAction::Refill, order, expired)
            .await
            .unwrap(),
        CooldownState::Free
    );
}

#[tokio::test]
async fn peeking_never_claims_and_zero_disables() {
    let log = MemoryCooldownLog::default();
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock);
    let settings = CooldownSettings {
        cancel_secs: 0,
        ..CooldownSettings::default()
    };
    let cooldowns = Cooldowns::new(&store, &log, WorkspaceId::new(), &settings);
    for _ in 0..3 {
        assert_eq!(
            cooldowns.peek(OrderAction::Speed, 7, now()).await.unwrap(),
            CooldownState::Free
        );
        assert_eq!(
            cooldowns
                .claim(OrderAction::Cancel, 7, now())
                .await
                .unwrap(),
            CooldownState::Free
        );
    }
    assert_eq!(store.len(), 0);
}

#[tokio::test]
async fn store_failures_surface() {
    let log = MemoryCooldownLog::default();
    let store = MemoryKeyValue::new(FakeClock::at(now()));
    store.fail.store(true, std::sync::atomic::Ordering::SeqCst);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, &log, WorkspaceId::new(), &settings);
    assert!(
        cooldowns
            .claim(OrderAction::Refill, 1, now())
            .await
            .is_err()
    );
    assert!(cooldowns.peek(OrderAction::Refill, 1, now()).await.is_err());
}

#[tokio::test]
async fn a_request_handled_again_finds_its_own_claim_free() {
    let log = MemoryCooldownLog::default();
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, &log, WorkspaceId::new(), &settings);
    let first = cooldowns
        .claim_for("event-1", OrderAction::Refill, 42, now())
        .await
        .unwrap();
    assert_eq!(first, CooldownState::Free);
    // The same request again (a worker crashed after claiming): still its own.
    let again = cooldowns
        .claim_for("event-1", OrderAction::Refill, 42, now())
        .await
        .unwrap();
    assert_eq!(again, CooldownState::Free);
    // Another request for the same order and action is refused until the cooldown ends.
    let other = cooldowns
        .claim_for("event-2", OrderAction::Refill, 42, now())
        .await
        .unwrap();
    assert_eq!(
        other,
        CooldownState::Busy {
            until: now() + TimeDelta::hours(12)
        }
    );
}

/// A store that lost its data (restarted empty) next to a log that says cooldowns run.
fn lost_store_with_log(workspace: WorkspaceId) -> (MemoryKeyValue, MemoryCooldownLog) {
    let store = MemoryKeyValue::new(FakeClock::at(now()));
    let log = MemoryCooldownLog::default();
    log.record(
        workspace,
        42,
        OrderAction::Refill,
        "event-1",
        now() + TimeDelta::hours(5),
    );
    (store, log)
}

#[tokio::test]
async fn after_the_store_lost_its_data_the_log_keeps_the_cooldown() {
    let workspace = WorkspaceId::new();
    let (store, log) = lost_store_with_log(workspace);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
    let busy = CooldownState::Busy {
        until: now() + TimeDelta::hours(5),
    };
    assert_eq!(
        cooldowns
            .claim_for("event-2", OrderAction::Refill, 42, now())
            .await
            .unwrap(),
        busy
    );
    assert_eq!(
        cooldowns
            .claim(OrderAction::Refill, 42, now())
            .await
            .unwrap(),
        busy
    );
    // The request that holds it still finds it free (handled again after a crash).
    assert_eq!(
        cooldowns
            .claim_for("event-1", OrderAction::Refill, 42, now())
            .await
            .unwrap(),
        CooldownState::Free
    );
    // Other orders and actions are untouched.
    assert_eq!(
        cooldowns
            .claim_for("event-2", OrderAction::Speed, 42, now())
            .await
            .unwrap(),
        CooldownState::Free
    );
    assert_eq!(log.reads.load(Ordering::SeqCst), 1, "read once per value");
}

#[tokio::test]
async fn a_simulation_sees_durable_cooldowns_after_a_loss() {
    let workspace = WorkspaceId::new();
    let (store, log) = lost_store_with_log(workspace);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
    assert_eq!(
        cooldowns
            .peek(OrderAction::Refill, 42, now())
            .await
            .unwrap(),
        CooldownState::Busy {
            until: now() + TimeDelta::hours(5)
        }
    );
}

#[tokio::test]
async fn the_log_is_read_again_only_when_the_store_lost_its_marker() {
    let workspace = WorkspaceId::new();
    let (store, log) = lost_store_with_log(workspace);
    let settings = CooldownSettings::default();
    for _ in 0..3 {
        let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
        cooldowns
            .claim_for("event-2", OrderAction::Refill, 42, now())
            .await
            .unwrap();
    }
    assert_eq!(log.reads.load(Ordering::SeqCst), 1, "the marker holds");
    store.wipe();
    let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
    assert!(matches!(
        cooldowns
            .claim_for("event-3", OrderAction::Refill, 42, now())
            .await
            .unwrap(),
        CooldownState::Busy { .. }
    ));
    assert_eq!(
        log.reads.load(Ordering::SeqCst),
        2,
        "reloaded after the loss"
    );
}

#[tokio::test]
async fn an_unreadable_log_fails_the_claim_instead_of_allowing_it() {
    let workspace = WorkspaceId::new();
    let (store, log) = lost_store_with_log(workspace);
    log.fail.store(true, Ordering::SeqCst);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, &log, workspace, &settings);
    assert!(
        cooldowns
            .claim_for("event-2", OrderAction::Refill, 42, now())
            .await
            .is_err()
    );
    assert!(
        cooldowns
            .peek(OrderAction::Refill, 42, now())
            .await
            .is_err()
    );
    assert_eq!(store.len(), 0, "nothing claimed");
}
