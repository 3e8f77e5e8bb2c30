//! The test-app builder: a fresh database and key-value namespace per test, the real
//! application in process, and helpers to call it.

use panelrelay_adapters::secrets::{MasterKey, SecretBox};
use panelrelay_adapters::testing::{TestDatabase, test_key_value};
use panelrelay_api::app::build_app;
use panelrelay_api::http::metrics::Metrics;
use panelrelay_api::runtime::bootstrap_admin_key;
use panelrelay_api::state::AppState;
use poem::endpoint::BoxEndpoint;
use poem::http::{Method, StatusCode};
use poem::test::TestClient;
use poem::{Body, EndpointExt, Response};
use serde_json::{Value, json};
use std::sync::Arc;

/// A running application for one test.
pub struct TestApp {
    pub client: TestClient<BoxEndpoint<'static, Response>>,
    pub state: AppState,
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
    pub async fn new() -> Self {
        let database = TestDatabase::new().await;
        let kv = test_key_value().await;
        let kv_kind = if panelrelay_adapters::testing::redis_url().is_some() {
            "redis"
        } else {
            "memory"
        };
        let state = AppState {
            inbox: panelrelay_api::webhooks::InboxWriter::start(database.db.clone()),
            completions: panelrelay_api::flow::completion_writer::CompletionWriter::start(
                database.db.clone(),
            ),
            settlements: panelrelay_api::flow::settlement_writer::SettlementWriter::start(
                database.db.clone(),
            ),
            webhook_log: panelrelay_api::webhooks::LogWriter::start(database.db.clone()),
            db: database.db.clone(),
            kv,
            kv_kind,
            secrets: SecretBox::new(MasterKey::generate().unwrap(), vec![]),
            metrics: Arc::new(Metrics::new().unwrap()),
            public_url: "https://relay.example".into(),
            configs: Default::default(),
            messengers: Arc::new(panelrelay_api::flow::channels::Messengers::new().unwrap()),
            channel_cache: Default::default(),
            send_rate_limits: true,
            wake: Default::default(),
            http_limits: Default::default(),
            auth_failures: Default::default(),
        };
        let admin_key = bootstrap_admin_key(&state.db)
            .await
            .unwrap()
            .expect("fresh database bootstraps");
        let client = TestClient::new(build_app(state.clone()).boxed());
        TestApp {
            client,
            state,
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
        let mut request = self.client.request(method, path);
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        if let Some(body) = body {
            request = request
                .content_type("application/json")
                .body(Body::from_json(body).unwrap());
        }
        Self::read(request.send().await.0).await
    }

    /// Sends raw bytes with headers.
    pub async fn call_raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> Reply {
        let mut request = self.client.request(method, path).body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Self::read(request.send().await.0).await
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
