use crate::support::TestApp;
use poem::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn owners_create_list_and_revoke_keys() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let created = app
        .post(
            "/v1/api-keys",
            &ws.owner_key,
            json!({ "name": "dashboard", "role": "agent" }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["role"], "agent");
    let secret = created.body["secret"].as_str().unwrap().to_string();
    let id = created.body["id"].as_str().unwrap().to_string();

    // The new key authenticates, and its use is recorded.
    assert_eq!(
        app.get("/v1/workspace", &secret).await.status,
        StatusCode::OK
    );
    let listed = app.get("/v1/api-keys", &ws.owner_key).await;
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let listed_key = items.iter().find(|k| k["id"] == id.as_str()).unwrap();
    assert!(
        listed_key["last_used_at"].is_string(),
        "last use recorded: {listed_key}"
    );
    assert!(
        listed_key.get("secret").is_none(),
        "secrets are never listed"
    );
    assert!(listed.body.to_string().find(&secret).is_none());

    let revoked = app
        .call(
            Method::DELETE,
            &format!("/v1/api-keys/{id}"),
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK);
    assert!(revoked.body["revoked_at"].is_string());
    let refused = app.get("/v1/workspace", &secret).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/v1/api-keys", &ws.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let all = app
        .get("/v1/api-keys?include_revoked=true", &ws.owner_key)
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn roles_decide_who_may_manage_keys() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    let (viewer_id, viewer) = app.key(&ws.owner_key, "viewer").await;
    for key in [&agent, &viewer] {
        let reply = app
            .post("/v1/api-keys", key, json!({ "name": "x", "role": "owner" }))
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert_eq!(reply.error_code(), "forbidden");
        let reply = app
            .call(
                Method::DELETE,
                &format!("/v1/api-keys/{viewer_id}"),
                Some(key),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        // Every role reads.
        assert_eq!(app.get("/v1/api-keys", key).await.status, StatusCode::OK);
        assert_eq!(app.get("/v1/workspace", key).await.status, StatusCode::OK);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_last_owner_key_cannot_be_revoked() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let owners = app.get("/v1/api-keys", &ws.owner_key).await;
    let owner_id = owners.body["items"][0]["id"].as_str().unwrap().to_string();
    let reply = app
        .call(
            Method::DELETE,
            &format!("/v1/api-keys/{owner_id}"),
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.error_code(), "last_owner_key");
    // With a second owner, the first may go.
    let (_, second_owner) = app.key(&ws.owner_key, "owner").await;
    let reply = app
        .call(
            Method::DELETE,
            &format!("/v1/api-keys/{owner_id}"),
            Some(&second_owner),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        app.get("/v1/workspace", &ws.owner_key).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn key_input_is_validated() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let cases = [
        json!({ "name": "x", "role": "superuser" }),
        json!({ "name": "", "role": "agent" }),
        json!({ "name": "x".repeat(101), "role": "agent" }),
        json!({ "role": "agent" }),
        json!({ "name": "x" }),
        json!([1, 2]),
    ];
    for body in cases {
        let reply = app.post("/v1/api-keys", &ws.owner_key, body.clone()).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        let expected = if body.is_array() {
            "invalid_type"
        } else {
            "invalid_body"
        };
        assert_eq!(reply.error_code(), expected, "{body}");
    }
    let reply = app.get("/v1/api-keys?limit=0", &ws.owner_key).await;
    assert_eq!(reply.error_code(), "invalid_parameter");
    let reply = app.get("/v1/api-keys?cursor=bogus", &ws.owner_key).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.error_code(), "invalid_cursor");
    let reply = app.get("/v1/api-keys?limit=abc", &ws.owner_key).await;
    assert_eq!(reply.error_code(), "invalid_parameter");
}
