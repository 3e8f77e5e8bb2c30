//! A workspace configured entirely through the API — panel, channel, provider routes,
//! linked users, admin chats — then run for real; and the rules of those resources.

use crate::support::TestApp;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::telegram::Telegram;
use panelrelay_api::fakes::{Fake, serve};
use poem::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn configured_through_the_api_then_run_for_real() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let key = &ws.owner_key;
    let created = (chrono::Utc::now() - chrono::Duration::days(1))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let panel = PanelAdminV2::new("k-1234");
    panel.put_order(json!({"id": 2274209, "user": "alice",
        "service_name": "Views [Refill: 30 Days]", "status": "completed", "provider": "prov.example",
        "external_id": "991", "created": created}));
    let panel = serve(panel).await.unwrap();
    let telegram = serve(Telegram::new("1:T")).await.unwrap();

    app.call(
        Method::PUT,
        "/v1/panel",
        Some(key),
        Some(json!({"type": "perfect_panel_v2", "base_url": panel.url(), "api_key": "k-1234"})),
    )
    .await;
    let channel = app
        .post("/v1/channels", key, json!({"medium": "telegram", "bot_token": "1:T", "webhook_secret": "s3", "api_base_url": telegram.url()}))
        .await;
    let channel_id = channel.body["id"].as_str().unwrap().to_string();
    let route = app
        .post("/v1/provider-routes", key, json!({"name": "Prov", "channel_id": channel_id, "provider_domains": ["https://www.Prov.example/"],
            "target_chat_id": "-100777", "templates": {"refill": "{external_ids} refill please"}}))
        .await;
    assert_eq!(route.status, StatusCode::CREATED, "{}", route.body);
    assert_eq!(route.body["medium"], "telegram");
    let linked = app
        .post(
            "/v1/linked-users",
            key,
            json!({"medium": "telegram", "identity": "555", "username": "alice"}),
        )
        .await;
    assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.body);

    let update = json!({"update_id": 1, "message": {"message_id": 1, "from": {"id": 555, "first_name": "A"},
        "chat": {"id": 555, "type": "private"}, "date": 1, "text": "2274209 refill"}});
    let reply = app
        .call_raw(
            Method::POST,
            &format!("/webhooks/telegram/{channel_id}"),
            &[
                ("content-type", "application/json"),
                ("x-telegram-bot-api-secret-token", "s3"),
            ],
            poem::Body::from(update.to_string()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    while panelrelay_api::flow::worker::run_once(&app.state, 8)
        .await
        .unwrap()
        > 0
    {}
    while panelrelay_api::flow::sender::run_once(&app.state, 8)
        .await
        .unwrap()
        > 0
    {}
    let bodies: Vec<serde_json::Value> = telegram
        .controls()
        .requests_to("/sendMessage")
        .iter()
        .map(|r| r.json())
        .collect();
    let chat = |b: &serde_json::Value| b["chat_id"].to_string().trim_matches('"').to_string();
    assert!(
        bodies
            .iter()
            .any(|b| chat(b) == "-100777" && b["text"] == "991 refill please"),
        "{bodies:?}"
    );
    assert!(
        bodies
            .iter()
            .any(|b| chat(b) == "555" && b["text"] == "Order 2274209: refill requested."),
        "{bodies:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn routes_and_identities_are_validated_owned_and_isolated() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let key = &ws.owner_key;
    let channel = app
        .post(
            "/v1/channels",
            key,
            json!({"medium": "telegram", "bot_token": "1:T"}),
        )
        .await;
    let channel_id = channel.body["id"].as_str().unwrap().to_string();
    let theirs = app
        .post(
            "/v1/channels",
            &other.owner_key,
            json!({"medium": "telegram", "bot_token": "2:T"}),
        )
        .await;
    let their_channel = theirs.body["id"].as_str().unwrap().to_string();

    let base = json!({"name": "R", "channel_id": channel_id, "provider_domains": ["p.example"], "target_chat_id": "-1"});
    let mut bad_template = base.clone();
    bad_template["templates"] = json!({"refill": "{nope} refill"});
    let mut foreign = base.clone();
    foreign["channel_id"] = json!(their_channel);
    let mut empty = base.clone();
    empty["provider_domains"] = json!([]);
    for body in [bad_template, foreign, empty] {
        assert_eq!(
            app.post("/v1/provider-routes", key, body.clone())
                .await
                .status,
            StatusCode::BAD_REQUEST,
            "{body}"
        );
    }
    let mut fallback = base.clone();
    fallback["provider_domains"] = json!([]);
    fallback["is_fallback"] = json!(true);
    assert_eq!(
        app.post("/v1/provider-routes", key, fallback).await.status,
        StatusCode::CREATED
    );
    let route = app.post("/v1/provider-routes", key, base.clone()).await;
    let route_id = route.body["id"].as_str().unwrap().to_string();
    let mut changed = base.clone();
    changed["enabled"] = json!(false);
    let put = app
        .call(
            Method::PUT,
            &format!("/v1/provider-routes/{route_id}"),
            Some(key),
            Some(changed),
        )
        .await;
    assert_eq!(put.body["enabled"], false);
    assert_eq!(
        app.get("/v1/provider-routes", key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // The channel is used by routes: it cannot be deleted.
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/channels/{channel_id}"),
            Some(key),
            None
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get(&format!("/v1/provider-routes/{route_id}"), &other.owner_key)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/provider-routes/{route_id}"),
            Some(&other.owner_key),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let (_, agent) = app.key(key, "agent").await;
    assert_eq!(
        app.post("/v1/provider-routes", &agent, base).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/provider-routes/{route_id}"),
            Some(key),
            None
        )
        .await
        .status,
        StatusCode::OK
    );

    // Linked users: agents link; one identity, one username; filters; isolation.
    let link =
        json!({"medium": "whatsapp_greenapi", "identity": "79991234567@c.us", "username": "alice"});
    let first = app.post("/v1/linked-users", &agent, link.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut again = link.clone();
    again["username"] = json!("mallory");
    let conflict = app.post("/v1/linked-users", key, again).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(conflict.error_code(), "identity_already_linked");
    app.post(
        "/v1/linked-users",
        key,
        json!({"medium": "telegram", "identity": "555", "username": "bob"}),
    )
    .await;
    let filtered = app.get("/v1/linked-users?username=alice", key).await;
    assert_eq!(filtered.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/v1/linked-users?medium=telegram", key).await.body["items"][0]["username"],
        "bob"
    );
    assert_eq!(
        app.get("/v1/linked-users?identity=555", key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.get("/v1/linked-users", &other.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let link_id = first.body["id"].as_str().unwrap();
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/linked-users/{link_id}"),
            Some(&other.owner_key),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/linked-users/{link_id}"),
            Some(&agent),
            None
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        app.post(
            "/v1/linked-users",
            key,
            json!({"medium": "telegram", "identity": "", "username": "x"})
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );

    // Admin chats: owners only.
    let admin = json!({"medium": "telegram", "identity": "777", "name": "ops"});
    assert_eq!(
        app.post("/v1/admin-chats", &agent, admin.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let added = app.post("/v1/admin-chats", key, admin.clone()).await;
    assert_eq!(added.status, StatusCode::CREATED);
    assert_eq!(
        app.post("/v1/admin-chats", key, admin).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get("/v1/admin-chats", key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.get("/v1/admin-chats", &other.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let admin_id = added.body["id"].as_str().unwrap();
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/admin-chats/{admin_id}"),
            Some(key),
            None
        )
        .await
        .status,
        StatusCode::OK
    );
}
