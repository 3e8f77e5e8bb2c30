//! The test-app builder: a fresh database and key-value namespace per test, the real
//! application in process, and helpers to call it.

use chrono::Utc;
use panelrelay_adapters::secrets::{MasterKey, SecretBox};
use panelrelay_adapters::testing::{TestDatabase, test_key_value};
use panelrelay_api::app::build_app;
use panelrelay_api::http::path_template::PathTemplate;
use panelrelay_api::runtime::bootstrap_admin_key;
use panelrelay_api::state::{AppState, StateParts};
use panelrelay_core::ports::ManualClock;
use poem::endpoint::BoxEndpoint;
use poem::http::{Method, StatusCode};
use poem::test::TestClient;
use poem::{Body, EndpointExt, Response};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};

/// The master key of every test app (base64), for the binaries a test runs on its data.
pub const MASTER_KEY: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

/// A running application for one test.
pub struct TestApp {
    pub client: TestClient<BoxEndpoint<'static, Response>>,
    pub state: AppState,
    /// What `state` was built from, for replicas.
    pub parts: StateParts,
    /// The jobs' clock, moved by hand (`clock.advance`).
    pub clock: Arc<ManualClock>,
    /// The bootstrap platform admin key.
    pub admin_key: String,
    /// Kept for the test's duration: dropping it removes the database.
    _database: TestDatabase,
}

/// A workspace made for a test, with its owner key.
pub struct TestWorkspace {
    pub id: String,
    pub owner_key: String,
}

/// A response: status, headers and the JSON body (Null when the body is not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub headers: poem::http::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The error code of an error envelope, asserting the envelope's shape.
    pub fn error_code(&self) -> &str {
        let error = &self.body["error"];
        assert!(
            error["message"].is_string(),
            "envelope without message: {}",
            self.body
        );
        assert!(
            error["request_id"]
                .as_str()
                .is_some_and(|id| !id.is_empty()),
            "envelope without request id: {}",
            self.body
        );
        error["code"]
            .as_str()
            .unwrap_or_else(|| panic!("not an error envelope: {}", self.body))
    }
}

impl TestApp {
    /// The URL of the test's database, for binaries run on it.
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    /// Another replica of the application on the same database, key-value store and
    /// master key: its own caches, clients and writers.
    pub fn replica(&self) -> AppState {
        AppState::new(self.parts.clone()).unwrap()
    }

    pub async fn new() -> Self {
        let database = TestDatabase::new().await;
        let kv = test_key_value().await;
        let kv_kind = if panelrelay_adapters::testing::redis_url().is_some() {
            "redis"
        } else {
            "memory"
        };
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let parts = StateParts {
            db: database.db.clone(),
            kv,
            kv_kind,
            secrets: SecretBox::new(MasterKey::from_base64(MASTER_KEY).unwrap(), vec![]),
            public_url: "https://relay.example".into(),
            send_rate_limits: true,
            http_limits: Default::default(),
            cors: Default::default(),
            auth_failures: Default::default(),
            clock: clock.clone(),
        };
        let state = AppState::new(parts.clone()).unwrap();
        let admin_key = bootstrap_admin_key(&state.db)
            .await
            .unwrap()
            .expect("fresh database bootstraps");
        let client = TestClient::new(build_app(state.clone()).boxed());
        TestApp {
            client,
            state,
            parts,
            clock,
            admin_key,
            _database: database,
        }
    }

    /// Sends a request with an optional bearer key and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method.clone(), path);
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        if let Some(body) = body {
            request = request
                .content_type("application/json")
                .body(Body::from_json(body).unwrap());
        }
        let reply = Self::read(request.send().await.0).await;
        assert_documented(&method, path, reply.status);
        reply
    }

    /// Sends raw bytes with headers.
    pub async fn call_raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> Reply {
        let mut request = self.client.request(method.clone(), path).body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let reply = Self::read(request.send().await.0).await;
        assert_documented(&method, path, reply.status);
        reply
    }

    async fn read(response: Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().into_bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, key: &str) -> Reply {
        self.call(Method::GET, path, Some(key), None).await
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(key), Some(body)).await
    }

    /// Creates a workspace through the API and returns it with its owner key.
    pub async fn workspace(&self, name: &str) -> TestWorkspace {
        let reply = self
            .post("/v1/workspaces", &self.admin_key, json!({ "name": name }))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        TestWorkspace {
            id: reply.body["workspace"]["id"].as_str().unwrap().to_string(),
            owner_key: reply.body["owner_key"]["secret"]
                .as_str()
                .unwrap()
                .to_string(),
        }
    }

    /// Creates a key with `role` in the workspace owned by `owner_key`; returns (id, secret).
    pub async fn key(&self, owner_key: &str, role: &str) -> (String, String) {
        let reply = self
            .post(
                "/v1/api-keys",
                owner_key,
                json!({ "name": role, "role": role }),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        (
            reply.body["id"].as_str().unwrap().to_string(),
            reply.body["secret"].as_str().unwrap().to_string(),
        )
    }
}

/// Fails when an operation answers with a status the committed spec does not declare for
/// it, so the spec's per-operation statuses are checked by every test that calls the API.
/// Paths that are not operations (webhooks, metrics, docs) and methods a path does not
/// have (405) are not checked.
fn assert_documented(method: &Method, path: &str, status: StatusCode) {
    static SPEC: OnceLock<Value> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        serde_yaml::from_str(include_str!("../../../openapi.yaml")).expect("openapi.yaml")
    });
    let path = path.split('?').next().unwrap_or_default();
    let method = method.as_str().to_ascii_lowercase();
    // The most specific template wins: `/v1/linked-users/import` over `/v1/linked-users/{id}`.
    let operation = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(template, item)| {
            let literals = PathTemplate::new(template).matches(path)?;
            Some((literals, template, item.get(&method)?))
        })
        .max_by_key(|(literals, _, _)| *literals);
    if let Some((_, template, operation)) = operation {
        assert!(
            operation["responses"].get(status.as_str()).is_some(),
            "{method} {template} answered {status}, which openapi.yaml does not declare for it"
        );
    }
}
