//! Browsers on other origins: preflights answered for listed origins, every answer to them
//! (errors included) readable, unlisted origins and the default configuration kept out.

use crate::support::TestApp;
use panelrelay_api::app::build_app;
use panelrelay_api::http::cors::CorsOrigins;
use panelrelay_api::state::{AppState, StateParts};
use poem::endpoint::BoxEndpoint;
use poem::http::{Method, StatusCode};
use poem::test::{TestClient, TestResponse};
use poem::{EndpointExt, Response};
use serde_json::Value;

const APP: &str = "https://app.example.com";

/// The test app's application with `origins` allowed.
fn client_allowing(app: &TestApp, origins: &str) -> TestClient<BoxEndpoint<'static, Response>> {
    let state = AppState::new(StateParts {
        cors: CorsOrigins::parse(origins).unwrap(),
        ..app.parts.clone()
    })
    .unwrap();
    TestClient::new(build_app(state).boxed())
}

async fn preflight(
    client: &TestClient<BoxEndpoint<'static, Response>>,
    origin: &str,
) -> TestResponse {
    client
        .request(Method::OPTIONS, "/v1/workspaces")
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, idempotency-key, content-type",
        )
        .send()
        .await
}

fn header(response: &TestResponse, name: &str) -> Option<String> {
    response
        .0
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap().to_string())
}

async fn error_code(response: TestResponse) -> String {
    let body: Value =
        serde_json::from_slice(&response.0.into_body().into_bytes().await.unwrap()).unwrap();
    body["error"]["code"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_listed_origin_gets_preflights_answers_and_errors_it_can_read() {
    let app = TestApp::new().await;
    let client = client_allowing(&app, "http://localhost:5173, https://App.example.com");

    let answer = preflight(&client, APP).await;
    assert_eq!(answer.0.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&answer, "access-control-allow-origin").as_deref(),
        Some(APP)
    );
    let methods = header(&answer, "access-control-allow-methods").unwrap();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = header(&answer, "access-control-allow-headers").unwrap();
    for name in ["authorization", "idempotency-key", "content-type"] {
        assert!(headers.contains(name), "{headers}");
    }
    assert!(header(&answer, "x-request-id").is_some());

    let listed = client
        .get("/v1/workspaces")
        .header("origin", APP)
        .header("authorization", format!("Bearer {}", app.admin_key))
        .send()
        .await;
    assert_eq!(listed.0.status(), StatusCode::OK);
    assert_eq!(
        header(&listed, "access-control-allow-origin").as_deref(),
        Some(APP)
    );
    let exposed = header(&listed, "access-control-expose-headers").unwrap();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    assert!(exposed.contains("idempotent-replayed"), "{exposed}");
    assert_eq!(header(&listed, "vary").as_deref(), Some("Origin"));

    let refused = client
        .get("/v1/workspaces")
        .header("origin", "http://localhost:5173")
        .send()
        .await;
    assert_eq!(refused.0.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&refused, "access-control-allow-origin").as_deref(),
        Some("http://localhost:5173"),
        "a page must be able to read the error envelope"
    );
    assert_eq!(error_code(refused).await, "unauthorized");
}

#[tokio::test(flavor = "multi_thread")]
async fn unlisted_origins_and_the_default_configuration_keep_browsers_out() {
    let app = TestApp::new().await;
    let client = client_allowing(&app, APP);

    let answer = preflight(&client, "https://evil.example.com").await;
    assert_eq!(answer.0.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&answer, "access-control-allow-origin"), None);
    assert_eq!(error_code(answer).await, "forbidden");
    let listed = client
        .get("/v1/workspaces")
        .header("origin", "https://evil.example.com")
        .header("authorization", format!("Bearer {}", app.admin_key))
        .send()
        .await;
    assert_eq!(listed.0.status(), StatusCode::OK);
    assert_eq!(header(&listed, "access-control-allow-origin"), None);

    // The default: no origin is listed.
    let answer = preflight(&app.client, APP).await;
    assert_eq!(answer.0.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&answer, "access-control-allow-origin"), None);
    // Without an Origin header (curl, SDKs on a server) nothing changes.
    let plain = app
        .client
        .get("/v1/workspaces")
        .header("authorization", format!("Bearer {}", app.admin_key))
        .send()
        .await;
    assert_eq!(plain.0.status(), StatusCode::OK);
    assert_eq!(header(&plain, "vary"), None);
}
