use crate::support::TestApp;
use poem::http::{Method, StatusCode};
use serde_json::json;
use std::collections::HashSet;

#[tokio::test(flavor = "multi_thread")]
async fn admin_creates_reads_renames_suspends_and_reactivates() {
    let app = TestApp::new().await;
    let created = app
        .post(
            "/v1/workspaces",
            &app.admin_key,
            json!({ "name": "  Acme SMM  " }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let workspace = &created.body["workspace"];
    assert_eq!(workspace["name"], "Acme SMM", "names are trimmed");
    assert_eq!(workspace["status"], "active");
    let owner = &created.body["owner_key"];
    assert_eq!(owner["role"], "owner");
    let secret = owner["secret"].as_str().unwrap();
    assert!(secret.starts_with("prk_") && secret.starts_with(owner["prefix"].as_str().unwrap()));
    let id = workspace["id"].as_str().unwrap();

    let fetched = app
        .get(&format!("/v1/workspaces/{id}"), &app.admin_key)
        .await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body["name"], "Acme SMM");

    let renamed = app
        .call(
            Method::PATCH,
            &format!("/v1/workspaces/{id}"),
            Some(&app.admin_key),
            Some(json!({ "name": "Acme" })),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK);
    assert_eq!(renamed.body["name"], "Acme");

    // The owner key works, until the workspace is suspended.
    assert_eq!(
        app.get("/v1/workspace", secret).await.status,
        StatusCode::OK
    );
    let suspended = app
        .post(
            &format!("/v1/workspaces/{id}/suspend"),
            &app.admin_key,
            json!({}),
        )
        .await;
    assert_eq!(suspended.status, StatusCode::OK);
    assert_eq!(suspended.body["status"], "suspended");
    assert!(suspended.body["suspended_at"].is_string());
    let refused = app.get("/v1/workspace", secret).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "workspace_suspended");
    let listed = app
        .get("/v1/workspaces?status=suspended", &app.admin_key)
        .await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);

    let reactivated = app
        .post(
            &format!("/v1/workspaces/{id}/reactivate"),
            &app.admin_key,
            json!({}),
        )
        .await;
    assert_eq!(reactivated.body["status"], "active");
    assert!(reactivated.body["suspended_at"].is_null());
    assert_eq!(
        app.get("/v1/workspace", secret).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_workspaces_are_404() {
    let app = TestApp::new().await;
    for path in [
        "/v1/workspaces/01a2",
        "/v1/workspaces/00000000-0000-7000-8000-000000000000",
    ] {
        let reply = app.get(path, &app.admin_key).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.error_code(), "not_found");
    }
    let reply = app
        .post(
            "/v1/workspaces/00000000-0000-7000-8000-000000000000/suspend",
            &app.admin_key,
            json!({}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_cover_every_workspace_once_even_while_rows_are_added() {
    let app = TestApp::new().await;
    for i in 0..7 {
        app.workspace(&format!("ws {i}")).await;
    }
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/v1/workspaces?limit=3&cursor={cursor}"),
            None => "/v1/workspaces?limit=3".to_string(),
        };
        let reply = app.get(&path, &app.admin_key).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        for item in reply.body["items"].as_array().unwrap() {
            assert!(
                seen.insert(item["id"].as_str().unwrap().to_string()),
                "duplicate across pages"
            );
        }
        pages += 1;
        if pages == 1 {
            // A workspace created mid-listing is newer than every cursor: it never shifts pages.
            app.workspace("late").await;
        }
        match reply.body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7, "every pre-existing workspace exactly once");
    assert_eq!(pages, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn workspace_keys_cannot_use_admin_operations() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let reply = app.get("/v1/workspaces", &ws.owner_key).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error_code(), "forbidden");
    let reply = app
        .post("/v1/workspaces", &ws.owner_key, json!({ "name": "B" }))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // And admin keys do not act inside a workspace.
    let reply = app.get("/v1/workspace", &app.admin_key).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_keys_from_the_cli_path_work_and_unknown_keys_do_not() {
    let app = TestApp::new().await;
    let second = panelrelay_api::runtime::create_admin_key(&app.state.db, "ops")
        .await
        .unwrap();
    assert_eq!(
        app.get("/v1/workspaces", &second).await.status,
        StatusCode::OK
    );
    let forged = format!("pra_{}", "A".repeat(43));
    let reply = app.get("/v1/workspaces", &forged).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "unauthorized");
    // The bootstrap happens once in a database's life.
    assert!(
        panelrelay_api::runtime::bootstrap_admin_key(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
}
