//! Every creating `POST` answers `201` with a `Location` from which the new resource reads
//! back, the same on a replay with the same `Idempotency-Key`; and absent values are left
//! out of answers, never sent as `null` (the spec marks nothing nullable).

use crate::support::TestApp;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

/// Creates through `collection`, checks the `Location`, reads the resource back from it
/// and returns the created body.
async fn create_and_follow(app: &TestApp, key: &str, collection: &str, body: Value) -> Value {
    let idempotency = format!("create-{collection}");
    let auth = format!("Bearer {key}");
    let headers = [
        ("authorization", auth.as_str()),
        ("content-type", "application/json"),
        ("idempotency-key", idempotency.as_str()),
    ];
    let send = || {
        app.call_raw(
            Method::POST,
            collection,
            &headers,
            poem::Body::from_json(body.clone()).unwrap(),
        )
    };
    let created = send().await;
    assert_eq!(
        created.status,
        StatusCode::CREATED,
        "{collection}: {}",
        created.body
    );
    let id = created.body["id"]
        .as_str()
        .or(created.body["workspace"]["id"].as_str())
        .or(created.body["key"]["id"].as_str())
        .unwrap_or_else(|| panic!("{collection}: no id in {}", created.body));
    let location = created.headers.get("location").unwrap().to_str().unwrap();
    assert_eq!(location, format!("{collection}/{id}"));
    let read = app.get(location, key).await;
    assert_eq!(read.status, StatusCode::OK, "{location}: {}", read.body);
    let read_id = read.body["id"].as_str().unwrap_or_default();
    assert_eq!(read_id, id, "{location}: {}", read.body);
    assert_no_nulls(collection, &created.body);
    assert_no_nulls(location, &read.body);
    let listed = app.get(collection, key).await;
    assert_eq!(
        listed.status,
        StatusCode::OK,
        "{collection}: {}",
        listed.body
    );
    assert_no_nulls(collection, &listed.body);
    let replayed = send().await;
    assert_eq!(replayed.status, StatusCode::CREATED);
    assert_eq!(replayed.headers.get("location").unwrap(), location);
    created.body
}

/// Fails when `value` holds a `null` anywhere.
fn assert_no_nulls(what: &str, value: &Value) {
    match value {
        Value::Null => panic!("{what}: an answer holds null"),
        Value::Array(items) => items.iter().for_each(|item| assert_no_nulls(what, item)),
        Value::Object(fields) => {
            for (name, field) in fields {
                assert!(!field.is_null(), "{what}: `{name}` is null in {value}");
                assert_no_nulls(what, field);
            }
        }
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_create_answers_with_a_location_that_reads_back() {
    let app = TestApp::new().await;
    let admin = app.admin_key.clone();
    let created = create_and_follow(&app, &admin, "/v1/workspaces", json!({"name": "Acme"})).await;
    let owner = created["owner_key"]["secret"].as_str().unwrap().to_string();

    create_and_follow(
        &app,
        &owner,
        "/v1/api-keys",
        json!({"name": "dashboard", "role": "agent"}),
    )
    .await;
    let channel = create_and_follow(
        &app,
        &owner,
        "/v1/channels",
        json!({"medium": "telegram", "name": "support bot", "bot_token": "123:ABC",
            "webhook_secret": "hook-secret-123"}),
    )
    .await;
    let channel_id = channel["id"].as_str().unwrap();
    create_and_follow(
        &app,
        &owner,
        "/v1/provider-routes",
        json!({"name": "provider one", "channel_id": channel_id,
            "provider_domains": ["provider-one.com"], "target_chat_id": "-1001"}),
    )
    .await;
    create_and_follow(
        &app,
        &owner,
        "/v1/linked-users",
        json!({"medium": "telegram", "identity": "555", "username": "alice"}),
    )
    .await;
    create_and_follow(
        &app,
        &owner,
        "/v1/admin-chats",
        json!({"medium": "telegram", "identity": "-100777", "name": "staff"}),
    )
    .await;
    create_and_follow(
        &app,
        &owner,
        "/v1/command-aliases",
        json!({"phrase": "ulang", "action": "refill"}),
    )
    .await;
    create_and_follow(
        &app,
        &owner,
        "/v1/custom-commands",
        json!({"trigger": "price list", "reply": "See our site."}),
    )
    .await;
}
