use crate::support::TestApp;
use poem::http::{Method, StatusCode};

#[tokio::test(flavor = "multi_thread")]
async fn probes_answer_and_name_the_backends_in_use() {
    let app = TestApp::new().await;
    let live = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.body["status"], "ok");
    let ready = app.call(Method::GET, "/readyz", None, None).await;
    assert_eq!(ready.status, StatusCode::OK);
    // The suite runs on the backends the environment asks for, or fails: never silently embedded.
    let expected_db = if panelrelay_adapters::testing::postgres_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    let expected_kv = if panelrelay_adapters::testing::redis_url().is_some() {
        "redis"
    } else {
        "memory"
    };
    assert_eq!(ready.body["database"], expected_db);
    assert_eq!(ready.body["key_value"], expected_kv);
}

#[tokio::test(flavor = "multi_thread")]
async fn readyz_names_the_failing_part() {
    let app = TestApp::new().await;
    // Point the application at a database nobody listens on.
    let mut state = app.state.clone();
    state.db =
        panelrelay_adapters::storage::Database::open("postgres://postgres@127.0.0.1:1/none", 1)
            .unwrap();
    let client = poem::test::TestClient::new(panelrelay_api::app::build_app(state));
    let response = client.get("/readyz").send().await;
    response.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value =
        serde_json::from_slice(&response.0.into_body().into_bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "service_unavailable");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("database"),
        "{body}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_requests_by_operation() {
    let app = TestApp::new().await;
    app.get("/v1/workspaces", &app.admin_key).await;
    let response = app.client.get("/metrics").send().await;
    response.assert_status_is_ok();
    let text = response.0.into_body().into_string().await.unwrap();
    assert!(text.contains(r#"panelrelay_http_requests_total{method="GET",operation="list_workspaces",status="200"} 1"#), "{text}");
    assert!(text.contains("panelrelay_http_request_duration_seconds_bucket"));
    assert!(text.contains("panelrelay_db_pool_connections_max"));
}

#[tokio::test(flavor = "multi_thread")]
async fn request_ids_are_echoed_or_generated() {
    let app = TestApp::new().await;
    let reply = app
        .call_raw(
            Method::GET,
            "/v1/workspace",
            &[("x-request-id", "trace-42")],
            poem::Body::empty(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.headers.get("x-request-id").unwrap(), "trace-42");
    assert_eq!(reply.body["error"]["request_id"], "trace-42");
    let reply = app.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(reply.headers.get("x-request-id").unwrap().len(), 36);
}

#[tokio::test(flavor = "multi_thread")]
async fn swagger_ui_is_served_under_docs() {
    let app = TestApp::new().await;
    let redirect = app.client.get("/docs").send().await;
    redirect.assert_status(StatusCode::MOVED_PERMANENTLY);
    redirect.assert_header("location", "/docs/");
    let page = app.client.get("/docs/").send().await;
    page.assert_status_is_ok();
    let html = page.0.into_body().into_string().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    let config = app.client.get("/docs/swagger-initializer.js").send().await;
    config.assert_status_is_ok();
    assert!(
        config
            .0
            .into_body()
            .into_string()
            .await
            .unwrap()
            .contains("/openapi.json")
    );
}
