//! One behavioural suite for the key-value port, run against the in-process store and, when
//! `PANELRELAY_TEST_REDIS_URL` is set, against Redis.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use panelrelay_adapters::key_value::{MemoryKeyValue, RedisKeyValue};
use panelrelay_adapters::testing::redis_url;
use panelrelay_core::ports::KeyValue;
use std::sync::Arc;
use std::time::Duration;

/// The stores under test: always the in-process one, plus Redis when configured.
async fn stores() -> Vec<(&'static str, Arc<dyn KeyValue>)> {
    let mut stores: Vec<(&'static str, Arc<dyn KeyValue>)> =
        vec![("memory", Arc::new(MemoryKeyValue::new()))];
    if let Some(url) = redis_url() {
        let prefix = format!("panelrelay-test:{}:", uuid::Uuid::new_v4().simple());
        let redis = RedisKeyValue::connect(&url, &prefix, std::time::Duration::from_secs(5))
            .await
            .expect("PANELRELAY_TEST_REDIS_URL unreachable");
        stores.push(("redis", Arc::new(redis)));
    }
    stores
}

const SHORT: Duration = Duration::from_millis(150);
const LONG: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn set_if_absent_get_ttl_delete() {
    for (name, kv) in stores().await {
        assert!(
            kv.set_if_absent("a", "1", LONG).await.unwrap(),
            "{name}: first set"
        );
        assert!(
            !kv.set_if_absent("a", "2", LONG).await.unwrap(),
            "{name}: second set refused"
        );
        assert_eq!(
            kv.get("a").await.unwrap().as_deref(),
            Some("1"),
            "{name}: value kept"
        );
        let ttl = kv.ttl("a").await.unwrap().expect("ttl");
        assert!(
            ttl > Duration::from_secs(55) && ttl <= LONG,
            "{name}: ttl {ttl:?}"
        );
        assert!(kv.delete("a").await.unwrap(), "{name}: delete existing");
        assert!(!kv.delete("a").await.unwrap(), "{name}: delete absent");
        assert_eq!(kv.get("a").await.unwrap(), None, "{name}: gone");
        assert_eq!(
            kv.ttl("a").await.unwrap(),
            None,
            "{name}: no ttl when absent"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn values_expire() {
    for (name, kv) in stores().await {
        assert!(kv.set_if_absent("e", "x", SHORT).await.unwrap());
        tokio::time::sleep(SHORT + Duration::from_millis(100)).await;
        assert_eq!(kv.get("e").await.unwrap(), None, "{name}: expired");
        assert!(
            kv.set_if_absent("e", "y", LONG).await.unwrap(),
            "{name}: settable after expiry"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn increment_counts_within_a_fixed_window() {
    for (name, kv) in stores().await {
        assert_eq!(kv.increment("c", 1, SHORT).await.unwrap(), 1, "{name}");
        assert_eq!(kv.increment("c", 5, LONG).await.unwrap(), 6, "{name}");
        // The window is fixed at creation: the second call's longer ttl did not extend it.
        let ttl = kv.ttl("c").await.unwrap().expect("ttl");
        assert!(ttl <= SHORT, "{name}: window kept, ttl {ttl:?}");
        tokio::time::sleep(SHORT + Duration::from_millis(100)).await;
        assert_eq!(
            kv.increment("c", 1, LONG).await.unwrap(),
            1,
            "{name}: new window"
        );
        assert!(kv.set_if_absent("text", "abc", LONG).await.unwrap());
        assert!(
            kv.increment("text", 1, LONG).await.is_err(),
            "{name}: non-integer refused"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn locks_have_owners_and_expire() {
    for (name, kv) in stores().await {
        assert!(
            kv.lock("l", "owner-1", SHORT).await.unwrap(),
            "{name}: first lock"
        );
        assert!(
            !kv.lock("l", "owner-2", SHORT).await.unwrap(),
            "{name}: held"
        );
        assert!(
            !kv.unlock("l", "owner-2").await.unwrap(),
            "{name}: not the owner"
        );
        assert!(
            kv.unlock("l", "owner-1").await.unwrap(),
            "{name}: owner releases"
        );
        assert!(
            kv.lock("l", "owner-2", SHORT).await.unwrap(),
            "{name}: free again"
        );
        tokio::time::sleep(SHORT + Duration::from_millis(100)).await;
        assert!(
            kv.lock("l", "owner-3", LONG).await.unwrap(),
            "{name}: expired lock taken over"
        );
        assert!(
            !kv.unlock("l", "owner-2").await.unwrap(),
            "{name}: stale owner cannot release"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_claims_have_exactly_one_winner() {
    for (name, kv) in stores().await {
        let mut tasks = Vec::new();
        for i in 0..32 {
            let kv = kv.clone();
            tasks.push(tokio::spawn(async move {
                kv.set_if_absent("race", &i.to_string(), LONG)
                    .await
                    .unwrap()
            }));
        }
        let mut winners = 0;
        for task in tasks {
            winners += usize::from(task.await.unwrap());
        }
        assert_eq!(winners, 1, "{name}: exactly one claim wins");
        let mut tasks = Vec::new();
        for _ in 0..32 {
            let kv = kv.clone();
            tasks.push(tokio::spawn(async move {
                kv.increment("count", 1, LONG).await.unwrap()
            }));
        }
        let mut seen: Vec<i64> = Vec::new();
        for task in tasks {
            seen.push(task.await.unwrap());
        }
        seen.sort_unstable();
        assert_eq!(
            seen,
            (1..=32).collect::<Vec<_>>(),
            "{name}: increments are atomic"
        );
        kv.ping().await.unwrap();
    }
}
