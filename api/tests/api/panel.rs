//! `/v1/panel` and `/v1/service-rules` against HTTP-level fakes of the panel.

use crate::support::TestApp;
use panelrelay_api::fakes::reseller_v2::ResellerV2;
use panelrelay_api::fakes::{Running, serve};
use poem::http::{Method, StatusCode};
use serde_json::json;

const KEY: &str = "reseller-key-0123456789abcdef";

/// A fake reseller API (key `KEY`) with three services and no orders.
async fn reseller_panel() -> Running<ResellerV2> {
    let panel = ResellerV2::new(KEY);
    for service in [
        json!({"service": 1, "name": "Instagram Followers [Refill: 30 Days] [Start Time: 0-1 Hour]", "category": "Instagram"}),
        json!({"service": 2, "name": "TikTok Views [No Refill] [Start: Instant]", "category": "TikTok"}),
        json!({"service": 3, "name": "YouTube Likes Non Drop", "category": "YouTube"}),
    ] {
        panel.put_service(service);
    }
    serve(panel).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panel_is_connected_tested_and_its_key_never_shown() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = reseller_panel().await;
    let none = app.get("/v1/panel", &ws.owner_key).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);

    let body = json!({"type": "reseller_v2", "base_url": fake.url(), "api_key": KEY, "timezone": "Asia/Kolkata"});
    let put = app
        .call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["api_key_set"], true);
    assert_eq!(put.body["api_key_last4"], "cdef");
    assert_eq!(put.body["capabilities"]["ownership"], false);
    assert!(!put.body.to_string().contains(KEY));

    let test = app.post("/v1/panel/test", &ws.owner_key, json!({})).await;
    assert_eq!(test.status, StatusCode::OK, "{}", test.body);
    assert_eq!(test.body["ok"], true, "{}", test.body);
    assert!(
        test.body["summary"]
            .as_str()
            .unwrap()
            .contains("admin chats"),
        "reseller mode is explained"
    );
    let got = app.get("/v1/panel", &ws.owner_key).await;
    assert_eq!(got.body["last_test"]["ok"], true);
    assert!(!got.body.to_string().contains(KEY));

    // The key is kept when omitted; a wrong key is diagnosed without being echoed.
    let keep = json!({"type": "reseller_v2", "base_url": fake.url()});
    assert_eq!(
        app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(keep))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.post("/v1/panel/test", &ws.owner_key, json!({}))
            .await
            .body["ok"],
        true
    );
    let wrong =
        json!({"type": "reseller_v2", "base_url": fake.url(), "api_key": "wrong-key-value"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(wrong))
        .await;
    let failed = app.post("/v1/panel/test", &ws.owner_key, json!({})).await;
    assert_eq!(failed.body["ok"], false);
    assert_eq!(failed.body["error_code"], "panel_bad_key");
    assert!(!failed.body.to_string().contains("wrong-key-value"));
}

#[tokio::test(flavor = "multi_thread")]
async fn panel_input_is_validated_and_roles_apply() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let cases = [
        json!({"type": "reseller_v2", "base_url": "not a url", "api_key": KEY}),
        json!({"type": "reseller_v2", "base_url": "ftp://x.example", "api_key": KEY}),
        json!({"type": "reseller_v2", "base_url": "https://u:p@x.example", "api_key": KEY}),
        json!({"type": "reseller_v2", "base_url": "https://x.example", "api_key": KEY, "timezone": "Mars/Olympus"}),
        json!({"type": "reseller_v2", "base_url": "https://x.example", "api_key": KEY, "requests_per_second": 0}),
        json!({"type": "reseller_v2", "base_url": "https://x.example"}),
        json!({"type": "smartpanel", "base_url": "https://x.example", "api_key": KEY}),
    ];
    for body in cases {
        let reply = app
            .call(
                Method::PUT,
                "/v1/panel",
                Some(&ws.owner_key),
                Some(body.clone()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.error_code(), "invalid_body");
    }
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let body = json!({"type": "reseller_v2", "base_url": "https://x.example", "api_key": KEY});
    assert_eq!(
        app.call(Method::PUT, "/v1/panel", Some(&agent), Some(body))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/v1/panel/test", &viewer, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    let not_connected = app.post("/v1/panel/test", &agent, json!({})).await;
    assert_eq!(not_connected.status, StatusCode::CONFLICT);
    assert_eq!(not_connected.error_code(), "panel_not_connected");
}

#[tokio::test(flavor = "multi_thread")]
async fn service_rules_refresh_parse_and_take_overrides() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let fake = reseller_panel().await;
    let body = json!({"type": "reseller_v2", "base_url": fake.url(), "api_key": KEY});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;

    let refreshed = app
        .post("/v1/service-rules/refresh", &ws.owner_key, json!({}))
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    assert_eq!(refreshed.body["services"], 3);
    assert_eq!(refreshed.body["unknown_refill"], 1);
    assert_eq!(refreshed.body["source"], "catalogue");

    let listed = app.get("/v1/service-rules?limit=2", &ws.owner_key).await;
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["service_id"], "1");
    assert_eq!(
        items[0]["parsed"],
        json!({"refill": "days", "refill_days": 30, "start_min_minutes": 0, "start_max_minutes": 60})
    );
    assert_eq!(items[1]["parsed"]["refill"], "none");
    let next = listed.body["next_cursor"].as_str().unwrap();
    let rest = app
        .get(&format!("/v1/service-rules?cursor={next}"), &ws.owner_key)
        .await;
    assert_eq!(rest.body["items"][0]["service_id"], "3");
    assert!(rest.body["next_cursor"].is_null());

    let manual = json!({"refill": "days", "refill_days": 15, "start_max_minutes": 120});
    let put = app
        .call(
            Method::PUT,
            "/v1/service-rules/3",
            Some(&ws.owner_key),
            Some(manual),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["effective"]["refill_days"], 15);
    assert_eq!(put.body["parsed"]["refill"], "unknown");
    // A refresh keeps the override.
    app.post("/v1/service-rules/refresh", &ws.owner_key, json!({}))
        .await;
    assert_eq!(
        app.get("/v1/service-rules/3", &ws.owner_key).await.body["override"]["refill_days"],
        15
    );
    let cleared = app
        .call(
            Method::DELETE,
            "/v1/service-rules/3",
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert!(cleared.body["override"].is_null());
    assert_eq!(cleared.body["effective"]["refill"], "unknown");

    for bad in [
        json!({"refill": "days"}),
        json!({"refill": "none", "refill_days": 3}),
        json!({"refill": "lifetime", "start_min_minutes": 9, "start_max_minutes": 1}),
    ] {
        let reply = app
            .call(
                Method::PUT,
                "/v1/service-rules/1",
                Some(&ws.owner_key),
                Some(bad.clone()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    // Another workspace sees none of it.
    assert_eq!(
        app.get("/v1/service-rules/1", &other.owner_key)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/v1/service-rules", &other.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let put = app
        .call(
            Method::PUT,
            "/v1/service-rules/1",
            Some(&other.owner_key),
            Some(json!({"refill": "none"})),
        )
        .await;
    assert_eq!(put.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/v1/panel", &other.owner_key).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_panel_gives_a_clear_502() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let body = json!({"type": "perfect_panel_v2", "base_url": format!("http://{closed}"), "api_key": KEY, "timeout_seconds": 2});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    let reply = app
        .post("/v1/service-rules/refresh", &ws.owner_key, json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.error_code(), "panel_error");
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Could not connect")
    );
    let test = app.post("/v1/panel/test", &ws.owner_key, json!({})).await;
    assert_eq!(test.body["reachable"], false);
    assert_eq!(test.body["error_code"], "panel_unreachable");
}
