//! The outermost middleware: request id, body deadline, body guard, error envelope, access
//! log, metrics.

use super::body_deadline::limit_body;
use super::body_guard::{MAX_BODY_BYTES, check_body};
use super::framework_errors::{ensure_envelope, error_response};
use super::{replayed, request_id};
use crate::error::{ApiError, ErrorCode};
use crate::metrics::Metrics;
use poem::http::HeaderValue;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response};
use poem_openapi::OperationId;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Wraps every route.
pub struct RequestContext {
    metrics: Arc<Metrics>,
    body_timeout: Duration,
}

impl RequestContext {
    /// The middleware, recording into `metrics`; request bodies must arrive within
    /// `body_timeout`.
    pub fn new(metrics: Arc<Metrics>, body_timeout: Duration) -> Self {
        RequestContext {
            metrics,
            body_timeout,
        }
    }
}

impl<E: Endpoint> Middleware<E> for RequestContext {
    type Output = RequestContextEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RequestContextEndpoint {
            inner,
            metrics: self.metrics.clone(),
            body_timeout: self.body_timeout,
        }
    }
}

/// The endpoint produced by [`RequestContext`].
pub struct RequestContextEndpoint<E> {
    inner: E,
    metrics: Arc<Metrics>,
    body_timeout: Duration,
}

impl<E: Endpoint> Endpoint for RequestContextEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        let started = Instant::now();
        let id = request_id::accept_or_generate(
            req.headers()
                .get(request_id::HEADER)
                .and_then(|value| value.to_str().ok()),
        );
        let method = req.method().to_string();
        let path = req.uri().path().to_string();
        let span = tracing::info_span!("request", request_id = %id, method = %method, path = %path);
        let body_deadline = limit_body(&mut req, self.body_timeout);
        let response = request_id::scope(id.clone(), async {
            // Webhook bodies are bounded and logged by the ingress itself.
            let guarded = if path.starts_with("/webhooks/") {
                Ok(())
            } else {
                check_body(&mut req, MAX_BODY_BYTES).await
            };
            let mut response = match guarded {
                Err(err) => err.into_response(),
                Ok(()) => match replayed::scope(self.inner.call(req)).await {
                    (Ok(output), replayed) => {
                        let mut response = ensure_envelope(output.into_response());
                        if replayed && response.status().is_success() {
                            response
                                .headers_mut()
                                .insert(replayed::HEADER, HeaderValue::from_static("true"));
                        }
                        response
                    }
                    (Err(err), _) => error_response(err),
                },
            };
            if body_deadline.expired() {
                response = body_timed_out(self.body_timeout);
            }
            let status = response.status().as_u16();
            let elapsed = started.elapsed();
            let operation = response
                .data::<OperationId>()
                .map_or_else(|| route_label(&path, status), |op| op.0);
            self.metrics
                .observe(operation, &method, status, elapsed.as_secs_f64());
            if status >= 500 {
                tracing::warn!(
                    status,
                    elapsed_ms = elapsed.as_millis() as u64,
                    "request failed"
                );
            } else {
                tracing::info!(status, elapsed_ms = elapsed.as_millis() as u64, "request");
            }
            response
        })
        .instrument(span)
        .await;
        let mut response = response;
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(request_id::HEADER, value);
        }
        Ok(response)
    }
}

/// 408 `request_timeout` for a body that did not arrive in time; the connection is closed,
/// as the rest of the body may still be on its way.
fn body_timed_out(timeout: Duration) -> Response {
    let mut response = ApiError::new(
        ErrorCode::RequestTimeout,
        format!(
            "the request body did not arrive within {} s",
            timeout.as_secs()
        ),
    )
    .into_response();
    response.headers_mut().insert(
        poem::http::header::CONNECTION,
        HeaderValue::from_static("close"),
    );
    response
}

/// A bounded label for requests that matched no operation (keeps metric cardinality low).
fn route_label(path: &str, status: u16) -> &'static str {
    match path {
        "/healthz" => "healthz",
        "/readyz" => "readyz",
        "/metrics" => "metrics",
        "/openapi.json" | "/openapi.yaml" => "openapi",
        _ if path.starts_with("/webhooks/") => "webhook",
        _ if path.starts_with("/docs") => "docs",
        _ if status == 404 => "unmatched",
        _ => "other",
    }
}
