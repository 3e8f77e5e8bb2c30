use crate::support::{Reply, TestApp};
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn create_with_key(app: &TestApp, key: &str, body: Value) -> Reply {
    app.call_raw(
        Method::POST,
        "/v1/workspaces",
        &[
            ("authorization", &format!("Bearer {}", app.admin_key)),
            ("content-type", "application/json"),
            ("idempotency-key", key),
        ],
        poem::Body::from_json(body).unwrap(),
    )
    .await
}

async fn workspace_count(app: &TestApp) -> usize {
    app.get("/v1/workspaces?limit=200", &app.admin_key)
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retried_create_returns_the_first_answer() {
    let app = TestApp::new().await;
    let first = create_with_key(&app, "retry-1", json!({ "name": "Acme" })).await;
    let second = create_with_key(&app, "retry-1", json!({ "name": "Acme" })).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(
        first.body, second.body,
        "the replay is the same answer, owner key included"
    );
    assert_eq!(workspace_count(&app).await, 1);
    assert_eq!(first.headers.get("idempotent-replayed"), None);
    assert_eq!(
        second.headers.get("idempotent-replayed").unwrap(),
        "true",
        "a client can tell the replay from the creation"
    );
    // The stored answer holds a secret: it is sealed at rest, never plain.
    let secret = first.body["owner_key"]["secret"].as_str().unwrap();
    let stored = panelrelay_adapters::testing::stored_idempotent_responses(&app.state.db).await;
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].starts_with("v1.") && !stored[0].contains(secret),
        "sealed: {}",
        stored[0]
    );

    let other = create_with_key(&app, "retry-1", json!({ "name": "Other" })).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.error_code(), "idempotency_key_reused");
    assert_eq!(other.headers.get("idempotent-replayed"), None);
    let fresh = create_with_key(&app, "retry-2", json!({ "name": "Acme" })).await;
    assert_eq!(fresh.headers.get("idempotent-replayed"), None);
    assert_ne!(fresh.body["workspace"]["id"], first.body["workspace"]["id"]);
    assert_eq!(workspace_count(&app).await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_deliveries_of_one_key_create_one_workspace() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            create_with_key(&app, "burst", json!({ "name": "Burst" })).await
        }));
    }
    let mut created_ids = std::collections::HashSet::new();
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::CREATED => {
                created_ids.insert(reply.body["workspace"]["id"].as_str().unwrap().to_string());
            }
            StatusCode::CONFLICT => assert_eq!(reply.error_code(), "idempotency_in_progress"),
            other => panic!("unexpected {other}: {}", reply.body),
        }
    }
    assert_eq!(
        created_ids.len(),
        1,
        "every success names the same workspace"
    );
    assert_eq!(workspace_count(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_idempotency_keys_are_refused() {
    let app = TestApp::new().await;
    let long = "k".repeat(256);
    for key in [long.as_str(), "has space"] {
        let reply = create_with_key(&app, key, json!({ "name": "Acme" })).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{key}");
        assert_eq!(reply.error_code(), "invalid_parameter");
    }
    assert_eq!(workspace_count(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_that_is_not_visible_ascii_is_refused_not_ignored() {
    let app = TestApp::new().await;
    let key = poem::http::HeaderValue::from_bytes("ключ-1".as_bytes()).unwrap();
    for _ in 0..2 {
        let response = app
            .client
            .post("/v1/workspaces")
            .header("authorization", format!("Bearer {}", app.admin_key))
            .header("idempotency-key", key.clone())
            .body_json(&json!({ "name": "Acme" }))
            .send()
            .await;
        response.assert_status(StatusCode::BAD_REQUEST);
        let body: Value = response.0.into_body().into_json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_parameter", "{body}");
    }
    assert_eq!(workspace_count(&app).await, 0, "nothing created");
}
