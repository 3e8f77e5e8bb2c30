//! The webhook acknowledgement path: channels are read from a short-lived cache that the
//! API keeps current, and the webhook log is written in batches after the answer.

use crate::support::{Reply, TestApp, TestWorkspace};
use chrono::Utc;
use panelrelay_adapters::storage::flow::{WebhookRecord, stamp};
use panelrelay_api::services::channel_cache::CHANNEL_TTL;
use panelrelay_core::ids::WorkspaceId;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;

fn telegram_update(update_id: u64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {"message_id": update_id, "from": {"id": 555, "is_bot": false, "first_name": "Aziz"},
        "chat": {"id": 555, "first_name": "Aziz", "type": "private"}, "date": 1795505900, "text": text}})
}

async fn deliver(app: &TestApp, channel: &str, secret: &str, update_id: u64) -> StatusCode {
    let headers = [
        ("content-type", "application/json"),
        ("x-telegram-bot-api-secret-token", secret),
    ];
    let body = telegram_update(update_id, "2274209 refill").to_string();
    app.call_raw(
        Method::POST,
        &format!("/webhooks/telegram/{channel}"),
        &headers,
        poem::Body::from(body),
    )
    .await
    .status
}

async fn create_telegram(app: &TestApp, ws: &TestWorkspace, secret: &str) -> String {
    let body = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": secret});
    let created = app.post("/v1/channels", &ws.owner_key, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_str().unwrap().to_string()
}

async fn patch(app: &TestApp, ws: &TestWorkspace, channel: &str, body: Value) -> Reply {
    app.call(
        Method::PATCH,
        &format!("/v1/channels/{channel}"),
        Some(&ws.owner_key),
        Some(body),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn channel_changes_through_the_api_apply_to_the_next_delivery() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let id = create_telegram(&app, &ws, "old-secret-1").await;
    // A created channel works at once, and the delivery caches it.
    assert_eq!(deliver(&app, &id, "old-secret-1", 1).await, StatusCode::OK);
    assert_eq!(
        deliver(&app, &id, "new-secret-2", 2).await,
        StatusCode::UNAUTHORIZED
    );

    let rotated = patch(&app, &ws, &id, json!({"webhook_secret": "new-secret-2"})).await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    assert_eq!(
        deliver(&app, &id, "old-secret-1", 3).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(deliver(&app, &id, "new-secret-2", 4).await, StatusCode::OK);

    let deleted = app
        .call(
            Method::DELETE,
            &format!("/v1/channels/{id}"),
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(
        deliver(&app, &id, "new-secret-2", 5).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotated_meta_verify_token_is_refused_at_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let body = json!({"medium": "whatsapp_meta", "phone_number_id": "1001", "access_token": "EAAG-token",
        "app_secret": "app-secret-1", "verify_token": "verify-old"});
    let created = app.post("/v1/channels", &ws.owner_key, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    let verify = |token: &str| {
        format!(
            "/webhooks/whatsapp_meta/{id}?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=4242"
        )
    };
    let first = app
        .client
        .get(verify("verify-old"))
        .send()
        .await
        .0
        .into_body()
        .into_string()
        .await
        .unwrap();
    assert_eq!(first, "4242");

    let rotated = patch(&app, &ws, &id, json!({"verify_token": "verify-new"})).await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    let old = app.client.get(verify("verify-old")).send().await.0;
    assert_eq!(old.status(), StatusCode::FORBIDDEN);
    let new = app.client.get(verify("verify-new")).send().await.0;
    assert_eq!(new.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn another_process_sees_a_rotation_within_the_cache_lifetime() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let id = create_telegram(&app, &ws, "old-secret-1").await;
    // A second server process on the same database: its own channel cache.
    let replica_state = app.replica();
    let replica = poem::test::TestClient::new(panelrelay_api::app::build_app(replica_state));
    let replica_deliver = |secret: &'static str, update_id: u64| {
        replica
            .post(format!("/webhooks/telegram/{id}"))
            .header("content-type", "application/json")
            .header("x-telegram-bot-api-secret-token", secret)
            .body(telegram_update(update_id, "hello").to_string())
            .send()
    };
    assert_eq!(
        replica_deliver("old-secret-1", 1).await.0.status(),
        StatusCode::OK
    );

    let rotated = patch(&app, &ws, &id, json!({"webhook_secret": "new-secret-2"})).await;
    assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
    tokio::time::sleep(CHANNEL_TTL + std::time::Duration::from_millis(200)).await;
    assert_eq!(
        replica_deliver("old-secret-1", 2).await.0.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        replica_deliver("new-secret-2", 3).await.0.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_concurrent_delivery_has_its_log_row() {
    let app = Arc::new(TestApp::new().await);
    let ws = app.workspace("A").await;
    let id = create_telegram(&app, &ws, "secret-1").await;
    let mut deliveries = Vec::new();
    for update_id in 0..200u64 {
        let (app, id) = (app.clone(), id.clone());
        // Every fifth with a wrong secret: refused deliveries are logged too.
        let secret = if update_id % 5 == 0 {
            "wrong"
        } else {
            "secret-1"
        };
        deliveries.push(tokio::spawn(async move {
            deliver(&app, &id, secret, update_id).await
        }));
    }
    for delivery in deliveries {
        let status = delivery.await.unwrap();
        assert!(
            status == StatusCode::OK || status == StatusCode::UNAUTHORIZED,
            "{status}"
        );
    }
    app.state.webhook_log.flush().await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let log = app.state.db.webhook_log(workspace, 500).await.unwrap();
    assert_eq!(log.len(), 200);
    let accepted: HashSet<&str> = log
        .iter()
        .filter(|row| row.outcome == "accepted")
        .filter_map(|row| row.dedupe_key.as_deref())
        .collect();
    assert_eq!(accepted.len(), 160, "one accepted row per update");
    assert_eq!(
        log.iter()
            .filter(|row| row.outcome == "bad_signature")
            .count(),
        40
    );
}

fn record(workspace: &str, id: String) -> WebhookRecord {
    let (_, received_at) = stamp(Utc::now());
    WebhookRecord {
        id,
        workspace_id: Some(workspace.to_string()),
        channel_id: "c".into(),
        medium: "telegram".into(),
        status_code: 200,
        outcome: "accepted".into(),
        dedupe_key: None,
        payload: "{}".into(),
        detail: None,
        received_at,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_batch_of_log_rows_is_stored_all_or_none() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let ids: Vec<String> = (0..5).map(|_| stamp(Utc::now()).0).collect();
    let batch: Vec<WebhookRecord> = ids.iter().map(|id| record(&ws.id, id.clone())).collect();
    app.state.db.log_webhooks(&batch).await.unwrap();
    let stored: HashSet<String> = app
        .state
        .db
        .webhook_log(workspace, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(stored, ids.iter().cloned().collect());

    // A repeated id fails the whole batch: the new row before it is not stored either.
    let failing = vec![
        record(&ws.id, stamp(Utc::now()).0),
        record(&ws.id, ids[0].clone()),
    ];
    assert!(app.state.db.log_webhooks(&failing).await.is_err());
    assert_eq!(
        app.state.db.webhook_log(workspace, 50).await.unwrap().len(),
        5
    );
}
