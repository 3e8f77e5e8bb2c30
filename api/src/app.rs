//! The HTTP application: the OpenAPI service, Swagger UI, the spec, metrics, probes.

use crate::docs::swagger_ui;
use crate::http::allow::{Allow, AllowedMethods};
use crate::http::cors::Cors;
use crate::http::middleware::RequestContext;
use crate::http::strict_input::{RequestSchemas, StrictInput};
use crate::metrics::QueueDepth;
use crate::resources::health::HealthApi;
use crate::resources::{Apis, apis};
use crate::spec::{self, Published};
use crate::state::AppState;
use crate::webhooks;
use poem::web::Data;
use poem::{Endpoint, EndpointExt, IntoResponse, Response, Route, get, handler};
use poem_openapi::{ContactObject, LicenseObject, OpenApiService, ServerObject};
use std::sync::Arc;

/// The service's version, as shown in the OpenAPI document.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The public URL the committed `openapi.yaml` names as its server: the embedded default's.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// The OpenAPI service (all resources), served at `public_url` (`PANELRELAY_PUBLIC_URL`).
pub fn openapi_service(public_url: &str) -> OpenApiService<Apis, ()> {
    OpenApiService::new(apis(), "panelrelay", VERSION)
        .server(ServerObject::new(public_url).description("This panelrelay server"))
        .license(LicenseObject::new("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
        .contact(
            ContactObject::new()
                .name("panelrelay maintainers")
                .url(env!("CARGO_PKG_REPOSITORY")),
        )
        .description(
            "Support automation for SMM panels. Authenticate with `Authorization: Bearer <key>`: \
             platform admin keys (`pra_…`) manage workspaces; workspace keys (`prk_…`) act inside \
             their workspace. Errors always come as `{\"error\": {\"code\", \"message\", \"request_id\"}}`; \
             lists are paginated with `limit` and `cursor`.",
        )
}

/// The OpenAPI document as YAML, for a server at `public_url` (what `panelrelay openapi`
/// prints; openapi.yaml holds it for [`DEFAULT_PUBLIC_URL`]).
pub fn spec_yaml(public_url: &str) -> String {
    spec::published(&openapi_service(public_url)).yaml
}

/// Builds the whole application around `state`.
pub fn build_app(state: AppState) -> impl Endpoint<Output = Response> {
    let service = openapi_service(&state.public_url);
    let Published {
        json: spec_json,
        yaml: spec_yaml,
    } = spec::published(&service);
    let schemas = RequestSchemas::from_spec(&spec_json).unwrap_or_else(|err| {
        tracing::error!(error = %err, "the OpenAPI document could not be read: bodies are not checked strictly");
        RequestSchemas::default()
    });
    let allowed = AllowedMethods::from_spec(&spec_json).unwrap_or_else(|err| {
        tracing::error!(error = %err, "the OpenAPI document could not be read: 405s carry no Allow");
        AllowedMethods::default()
    });
    let metrics = state.metrics.clone();
    let body_timeout = state.http_limits.body_timeout;
    Route::new()
        .at(
            "/openapi.json",
            get(StaticSpec {
                body: spec_json,
                content_type: "application/json",
            }),
        )
        .at(
            "/openapi.yaml",
            get(StaticSpec {
                body: spec_yaml,
                content_type: "application/yaml",
            }),
        )
        .at("/metrics", get(metrics_handler))
        .at("/docs", get(swagger_ui))
        .at("/docs/*path", get(swagger_ui))
        .at(
            "/webhooks/:medium/:channel_id",
            poem::post(webhooks::receive).get(webhooks::verify),
        )
        .nest("/", service)
        .data(state.clone())
        .with(StrictInput(Arc::new(schemas)))
        .with(Allow(Arc::new(allowed)))
        .with(Cors(state.cors.clone()))
        .with(RequestContext::new(metrics, body_timeout))
}

/// The application of a `worker` replica around `state`: the probes and the metrics only
/// (it serves neither the REST API nor webhook ingress).
pub fn build_worker_app(state: AppState) -> impl Endpoint<Output = Response> {
    let probes = OpenApiService::new(HealthApi, "panelrelay", VERSION);
    let metrics = state.metrics.clone();
    let body_timeout = state.http_limits.body_timeout;
    Route::new()
        .at("/metrics", get(metrics_handler))
        .nest("/", probes)
        .data(state)
        .with(RequestContext::new(metrics, body_timeout))
}

/// Serves a pre-rendered spec.
struct StaticSpec {
    body: String,
    content_type: &'static str,
}

impl Endpoint for StaticSpec {
    type Output = Response;

    async fn call(&self, _req: poem::Request) -> poem::Result<Response> {
        Ok(self
            .body
            .clone()
            .with_content_type(self.content_type)
            .into_response())
    }
}

/// `/metrics`: the queues' gauges are read from the database at each scrape (two indexed
/// queries over due items); when it does not answer they keep their last values.
#[handler]
async fn metrics_handler(state: Data<&AppState>) -> Response {
    let now = chrono::Utc::now();
    for (queue, depth) in [
        ("inbox", state.db.inbox_depth(now).await),
        ("outbox", state.db.outbox_depth(now).await),
    ] {
        match depth {
            Ok((depth, oldest)) => state.metrics.queue(
                queue,
                QueueDepth {
                    depth,
                    oldest: oldest.and_then(|age| age.to_std().ok()),
                },
            ),
            Err(err) => tracing::warn!(queue, error = %err, "queue depth not read for /metrics"),
        }
    }
    state
        .metrics
        .render(state.db.pool_usage())
        .with_content_type("text/plain; version=0.0.4")
        .into_response()
}
