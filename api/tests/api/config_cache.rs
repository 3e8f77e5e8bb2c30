//! The worker's configuration cache: a workspace's configuration is loaded once and reused
//! until a write bumps its version, and a write through the API is seen by the very next
//! message. The cache is never told about writes; it only compares the stored version, as a
//! second server process would.

use crate::flow::{drain, event, panel, setup};
use crate::support::TestApp;
use chrono::Utc;
use panelrelay_adapters::storage::flow::MessageKind;
use poem::http::{Method, StatusCode};
use serde_json::json;
use std::sync::Arc;

/// The reply the worker stored for each handled message, oldest first.
async fn replies(app: &TestApp, workspace: panelrelay_core::ids::WorkspaceId) -> Vec<String> {
    let outbox = app.state.db.outbox_of(workspace, 50).await.unwrap();
    let mut replies: Vec<(String, String)> = outbox
        .into_iter()
        .filter(|m| m.kind == MessageKind::Reply)
        .map(|m| (m.id, m.text))
        .collect();
    replies.sort();
    replies.into_iter().map(|(_, text)| text).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_through_the_api_is_seen_by_the_next_message() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let db = &app.state.db;

    db.inbox_insert(&event(&setup, "tg:1", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 1);
    assert_eq!(
        replies(&app, setup.workspace).await,
        ["Order 2274209: refill requested."]
    );

    let template = app
        .call(
            Method::PUT,
            "/v1/templates/refill_requested",
            Some(&ws.owner_key),
            Some(json!({"text": "Refill of {order_id} is on its way."})),
        )
        .await;
    assert_eq!(template.status, StatusCode::OK, "{}", template.body);
    db.inbox_insert(&event(&setup, "tg:2", "2274211 refill"), Utc::now())
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 1);

    let alias = app
        .post(
            "/v1/command-aliases",
            &ws.owner_key,
            json!({"phrase": "ulang", "action": "refill"}),
        )
        .await;
    assert_eq!(alias.status, StatusCode::CREATED, "{}", alias.body);
    db.inbox_insert(&event(&setup, "tg:3", "2274210 ulang"), Utc::now())
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 1);

    assert_eq!(
        replies(&app, setup.workspace).await,
        [
            "Order 2274209: refill requested.",
            "Refill of 2274211 is on its way.",
            "Refill of 2274210 is on its way.",
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_configuration_is_loaded_once_until_it_changes() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let (db, configs) = (&app.state.db, &app.state.configs);

    db.inbox_insert(&event(&setup, "tg:1", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 1);
    let loads = configs.loads();
    assert!(loads >= 1, "the first message loads the configuration");
    db.inbox_insert(&event(&setup, "tg:2", "2274211 refill"), Utc::now())
        .await
        .unwrap();
    db.inbox_insert(&event(&setup, "tg:3", "2274210 refill"), Utc::now())
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 2);
    assert_eq!(configs.loads(), loads, "later messages reuse it");

    let first = configs.get(setup.workspace).await.unwrap();
    let again = configs.get(setup.workspace).await.unwrap();
    assert!(Arc::ptr_eq(&first, &again));
    assert_eq!(configs.loads(), loads);

    db.settings(setup.workspace)
        .put("{}", Utc::now())
        .await
        .unwrap();
    let changed = configs.get(setup.workspace).await.unwrap();
    assert!(!Arc::ptr_eq(&first, &changed), "a write reloads it");
    assert_eq!(configs.loads(), loads + 1);
    assert!(
        Arc::ptr_eq(changed.panel.api(), first.panel.api()),
        "an unchanged panel connection keeps its client"
    );
}
