//! Cooldowns through the key-value port: atomic claims, "ask again at", dry runs.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::TimeDelta;
use panelrelay_core::cooldown::{CooldownSettings, CooldownState, Cooldowns, cooldown_key};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::KeyValue;
use panelrelay_core::rules::OrderAction;
use std::sync::Arc;
use support::{FakeClock, MemoryKeyValue, now};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_concurrent_claims_exactly_one_wins() {
    for _ in 0..50 {
        let clock = FakeClock::at(now());
        let store = Arc::new(MemoryKeyValue::new(clock));
        let workspace = WorkspaceId::new();
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let claim = |store: Arc<MemoryKeyValue>, barrier: Arc<tokio::sync::Barrier>| async move {
            let settings = CooldownSettings::default();
            let cooldowns = Cooldowns::new(store.as_ref(), workspace, &settings);
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
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock.clone());
    let workspace = WorkspaceId::new();
    let settings = CooldownSettings {
        refill_secs: 3 * 3600,
        ..CooldownSettings::default()
    };
    let cooldowns = Cooldowns::new(&store, workspace, &settings);
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
    let other = Cooldowns::new(&store, WorkspaceId::new(), &settings);
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
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock);
    let settings = CooldownSettings {
        cancel_secs: 0,
        ..CooldownSettings::default()
    };
    let cooldowns = Cooldowns::new(&store, WorkspaceId::new(), &settings);
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
    let store = MemoryKeyValue::new(FakeClock::at(now()));
    store.fail.store(true, std::sync::atomic::Ordering::SeqCst);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, WorkspaceId::new(), &settings);
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
    let clock = FakeClock::at(now());
    let store = MemoryKeyValue::new(clock);
    let settings = CooldownSettings::default();
    let cooldowns = Cooldowns::new(&store, WorkspaceId::new(), &settings);
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
