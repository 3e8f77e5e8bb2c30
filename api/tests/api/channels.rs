//! `/v1/channels`: CRUD, write-only secrets, validation against a fake provider, isolation.

use crate::support::TestApp;
use panelrelay_api::fakes::serve;
use panelrelay_api::fakes::telegram::Telegram;
use poem::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn channels_keep_secrets_write_only_and_validate_against_the_provider() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let telegram = serve(Telegram::new("123456:SECRET-TOKEN").with_username("acme_support_bot"))
        .await
        .unwrap();
    let created = app
        .post("/v1/channels", &ws.owner_key, json!({"medium": "telegram", "name": "Support bot", "bot_token": "123456:SECRET-TOKEN", "api_base_url": telegram.url()}))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        created.body["webhook_url"],
        format!("https://relay.example/webhooks/telegram/{id}")
    );
    assert_eq!(created.body["secrets"]["bot_token"]["last4"], "OKEN");
    assert_eq!(
        created.body["secrets"]["webhook_secret"]["set"], true,
        "a webhook secret is generated"
    );
    assert!(!created.body.to_string().contains("SECRET-TOKEN"));
    assert_eq!(created.body["status"], "unvalidated");

    let validated = app
        .post(
            &format!("/v1/channels/{id}/validate"),
            &ws.owner_key,
            json!({}),
        )
        .await;
    assert_eq!(validated.status, StatusCode::OK, "{}", validated.body);
    assert_eq!(validated.body["ok"], true, "{}", validated.body);
    assert_eq!(validated.body["bot_username"], "acme_support_bot");
    assert_eq!(validated.body["channel"]["status"], "ok");
    assert!(validated.body["channel"]["last_validated_at"].is_string());
    assert!(!validated.body.to_string().contains("SECRET-TOKEN"));

    // Updates keep secrets that are not given; a given one replaces.
    let patched = app
        .call(
            Method::PATCH,
            &format!("/v1/channels/{id}"),
            Some(&ws.owner_key),
            Some(json!({"name": "Renamed"})),
        )
        .await;
    assert_eq!(patched.body["name"], "Renamed");
    assert_eq!(patched.body["secrets"]["bot_token"]["last4"], "OKEN");
    assert_eq!(patched.body["status"], "unvalidated");
    let listed = app.get("/v1/channels?medium=telegram", &ws.owner_key).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);

    // Validation of input, roles, isolation.
    for bad in [
        json!({"medium": "telegram"}),
        json!({"medium": "whatsapp_greenapi", "api_token": "x"}),
        json!({"medium": "whatsapp_meta", "phone_number_id": "1", "access_token": "x"}),
        json!({"medium": "telegram", "bot_token": "x", "api_token": "y"}),
        json!({"medium": "telegram", "bot_token": "x", "api_base_url": "ftp://x"}),
    ] {
        assert_eq!(
            app.post("/v1/channels", &ws.owner_key, bad.clone())
                .await
                .status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    assert_eq!(
        app.post(
            "/v1/channels",
            &agent,
            json!({"medium": "telegram", "bot_token": "x"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/v1/channels/{id}"), &agent).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/v1/channels/{id}"), &other.owner_key)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(
            &format!("/v1/channels/{id}/validate"),
            &other.owner_key,
            json!({})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            Method::DELETE,
            &format!("/v1/channels/{id}"),
            Some(&other.owner_key),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/v1/channels", &other.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let deleted = app
        .call(
            Method::DELETE,
            &format!("/v1/channels/{id}"),
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("/v1/channels/{id}"), &ws.owner_key)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
