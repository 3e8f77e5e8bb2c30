//! Tenant isolation: a workspace's key sees nothing of another workspace.

use crate::support::TestApp;
use poem::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn workspace_a_cannot_see_or_touch_workspace_b() {
    let app = TestApp::new().await;
    let a = app.workspace("A").await;
    let b = app.workspace("B").await;
    let (b_key_id, b_agent) = app.key(&b.owner_key, "agent").await;

    // A's own workspace is A, never B.
    let own = app.get("/v1/workspace", &a.owner_key).await;
    assert_eq!(own.body["id"], a.id.as_str());

    // A's key lists only A's keys.
    let listed = app
        .get("/v1/api-keys?include_revoked=true", &a.owner_key)
        .await;
    let ids: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 1);
    assert!(!ids.contains(&b_key_id.as_str()));

    // A cannot revoke B's key: it does not exist for A.
    let reply = app
        .call(
            Method::DELETE,
            &format!("/v1/api-keys/{b_key_id}"),
            Some(&a.owner_key),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error_code(), "not_found");
    assert_eq!(
        app.get("/v1/workspace", &b_agent).await.status,
        StatusCode::OK,
        "B's key still works"
    );

    // Workspace-level admin paths are closed to workspace keys.
    for path in [
        format!("/v1/workspaces/{}", b.id),
        "/v1/workspaces".to_string(),
    ] {
        assert_eq!(
            app.get(&path, &a.owner_key).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let reply = app
        .post(
            &format!("/v1/workspaces/{}/suspend", b.id),
            &a.owner_key,
            json!({}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn idempotency_keys_are_scoped_per_workspace() {
    let app = TestApp::new().await;
    let a = app.workspace("A").await;
    let b = app.workspace("B").await;
    let body = json!({ "name": "ci", "role": "viewer" });
    let mut ids = Vec::new();
    for owner in [&a.owner_key, &b.owner_key] {
        let reply = app
            .call_raw(
                Method::POST,
                "/v1/api-keys",
                &[
                    ("authorization", &format!("Bearer {owner}")),
                    ("content-type", "application/json"),
                    ("idempotency-key", "same"),
                ],
                poem::Body::from_json(body.clone()).unwrap(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED);
        ids.push(reply.body["id"].as_str().unwrap().to_string());
    }
    assert_ne!(ids[0], ids[1], "B's request is not a replay of A's");
}
