//! Bad input gets a clear 4xx in the error envelope, never a 500, and changes nothing.

use crate::support::TestApp;
use poem::Body;
use poem::http::{Method, StatusCode};

#[tokio::test(flavor = "multi_thread")]
async fn malformed_bodies_are_400_and_create_nothing() {
    let app = TestApp::new().await;
    let auth = format!("Bearer {}", app.admin_key);
    let bodies: [(&[u8], &str); 12] = [
        (b"{\"name\": ", "invalid_body"),
        (b"not json", "invalid_body"),
        (b"{\"name\": {\"nested\": 1}}", "invalid_type"),
        (b"{\"name\": [1, 2]}", "invalid_type"),
        (b"{\"name\": 12345}", "invalid_type"),
        (b"{\"name\": null}", "invalid_type"),
        (b"{\"name\": \"   \"}", "invalid_body"),
        (b"{\"name\": \"tab\\there\"}", "invalid_body"),
        (b"{}", "invalid_body"),
        (b"{\"name\": \"a\\u0000b\"}", "invalid_body"),
        (b"{\"name\": \"a\0b\"}", "invalid_body"),
        (b"{\"name\": \"\xff\xfe\"}", "invalid_body"),
    ];
    for (body, code) in bodies {
        let reply = app
            .call_raw(
                Method::POST,
                "/v1/workspaces",
                &[
                    ("authorization", &auth),
                    ("content-type", "application/json"),
                ],
                Body::from(body.to_vec()),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            reply.error_code(),
            code,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let listed = app.get("/v1/workspaces", &app.admin_key).await;
    assert_eq!(
        listed.body["items"].as_array().unwrap().len(),
        0,
        "nothing was created"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn oversize_bodies_are_413_with_or_without_a_length() {
    let app = TestApp::new().await;
    let auth = format!("Bearer {}", app.admin_key);
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let reply = app
        .call_raw(
            Method::POST,
            "/v1/workspaces",
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            Body::from(big.clone()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_code(), "payload_too_large");
    // A streamed body announces no length; the limit still holds.
    let stream = Body::from_async_read(std::io::Cursor::new(big.into_bytes()));
    let reply = app
        .call_raw(
            Method::POST,
            "/v1/workspaces",
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            stream,
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_or_bad_credentials_are_401() {
    let app = TestApp::new().await;
    let cases: [&[(&str, &str)]; 5] = [
        &[],
        &[("authorization", "Basic dXNlcjpwYXNz")],
        &[("authorization", "Bearer")],
        &[("authorization", "Bearer not-a-key")],
        &[(
            "authorization",
            "Bearer prk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )],
    ];
    for headers in cases {
        let reply = app
            .call_raw(Method::GET, "/v1/workspace", headers, Body::empty())
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{headers:?}");
        assert_eq!(reply.error_code(), "unauthorized");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn framework_errors_use_the_envelope() {
    let app = TestApp::new().await;
    let auth = format!("Bearer {}", app.admin_key);
    let reply = app
        .call_raw(Method::GET, "/v1/nothing-here", &[], Body::empty())
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error_code(), "not_found");
    let reply = app
        .call_raw(
            Method::PUT,
            "/v1/workspaces",
            &[("authorization", &auth)],
            Body::empty(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_code(), "method_not_allowed");
    let reply = app
        .call_raw(
            Method::POST,
            "/v1/workspaces",
            &[("authorization", &auth), ("content-type", "text/plain")],
            Body::from("name"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(reply.error_code(), "unsupported_media_type");
    let reply = app
        .call_raw(
            Method::GET,
            "/v1/workspaces/%00",
            &[("authorization", &auth)],
            Body::empty(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = app
        .call_raw(
            Method::GET,
            "/v1/workspaces?cursor=%00",
            &[("authorization", &auth)],
            Body::empty(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = app
        .call_raw(
            Method::GET,
            "/v1/workspaces?status=bogus",
            &[("authorization", &auth)],
            Body::empty(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.error_code(), "invalid_parameter");
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_fields_and_wrong_types_are_named_and_change_nothing() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let typo = app
        .post(
            "/v1/workspaces",
            &app.admin_key,
            serde_json::json!({"nme": "Acme"}),
        )
        .await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST);
    assert_eq!(typo.error_code(), "unknown_field");
    let message = typo.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("`nme`") && message.contains("name"),
        "{message}"
    );

    let channel = serde_json::json!({"medium": "telegram", "bot_token": "123:ABC",
        "webhook_secret": "s3cret-s3cret", "nmae": "support"});
    let refused = app.post("/v1/channels", &ws.owner_key, channel).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert_eq!(refused.error_code(), "unknown_field");
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`nmae`")
    );

    let settings = app.get("/v1/settings", &ws.owner_key).await;
    assert_eq!(settings.status, StatusCode::OK);
    let mut changed = settings.body.clone();
    changed["cooldowns"]["refil_minutes"] = serde_json::json!(5);
    let reply = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(changed),
        )
        .await;
    assert_eq!(reply.error_code(), "unknown_field", "{}", reply.body);
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`cooldowns.refil_minutes`"),
        "{}",
        reply.body
    );
    let mut changed = settings.body.clone();
    changed["max_order_ids"] = serde_json::json!("ten");
    let reply = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(changed),
        )
        .await;
    assert_eq!(reply.error_code(), "invalid_type", "{}", reply.body);
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`max_order_ids`")
    );

    // Nothing was half-applied, and the unchanged document still goes through.
    let after = app.get("/v1/settings", &ws.owner_key).await;
    assert_eq!(after.body, settings.body);
    let listed = app.get("/v1/channels", &ws.owner_key).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 0);
    let listed = app.get("/v1/workspaces", &app.admin_key).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let same = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(settings.body),
        )
        .await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_method_a_path_does_not_take_gets_405_with_allow() {
    let app = TestApp::new().await;
    let reply = app
        .call_raw(Method::PUT, "/v1/channels", &[], poem::Body::empty())
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.body["error"]["code"], "method_not_allowed");
    assert_eq!(reply.headers.get("allow").unwrap(), "GET, POST");
    let reply = app
        .call_raw(Method::DELETE, "/healthz", &[], poem::Body::empty())
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.headers.get("allow").unwrap(), "GET");
}
