//! `Allow` on 405 answers (RFC 9110 §15.5.6): the methods the path does take, read from
//! the published OpenAPI document.

use super::framework_errors::{ensure_envelope, error_response};
use super::path_template::PathTemplate;
use poem::http::header::ALLOW;
use poem::http::{HeaderValue, StatusCode};
use poem::{Endpoint, IntoResponse, Middleware, Request, Response};
use serde_json::Value;
use std::sync::Arc;

/// Each path of the document with its methods, as an `Allow` value.
#[derive(Debug, Default)]
pub struct AllowedMethods {
    paths: Vec<(PathTemplate, HeaderValue)>,
}

impl AllowedMethods {
    /// Reads the paths and methods of an OpenAPI document (JSON).
    pub fn from_spec(spec: &str) -> Result<Self, serde_json::Error> {
        let spec: Value = serde_json::from_str(spec)?;
        let paths = spec["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(path, item)| {
                let methods: Vec<String> = item
                    .as_object()?
                    .keys()
                    .map(|method| method.to_ascii_uppercase())
                    .collect();
                let allow = HeaderValue::from_str(&methods.join(", ")).ok()?;
                Some((PathTemplate::new(path), allow))
            })
            .collect();
        Ok(AllowedMethods { paths })
    }

    /// The `Allow` value of the path `path` falls under, if it is one of the document's.
    fn for_path(&self, path: &str) -> Option<&HeaderValue> {
        self.paths
            .iter()
            .filter_map(|(template, allow)| Some((template.matches(path)?, allow)))
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, allow)| allow)
    }
}

/// The middleware.
pub struct Allow(pub Arc<AllowedMethods>);

impl<E: Endpoint> Middleware<E> for Allow {
    type Output = AllowEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        AllowEndpoint {
            inner,
            methods: self.0.clone(),
        }
    }
}

/// [`Allow`] around an endpoint.
pub struct AllowEndpoint<E> {
    inner: E,
    methods: Arc<AllowedMethods>,
}

impl<E: Endpoint> Endpoint for AllowEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path().to_string();
        // Only 405s are touched; they are put in the envelope here (as the request context
        // would) so that the header survives.
        let response = match self.inner.call(req).await {
            Ok(output) => {
                let response = output.into_response();
                if response.status() != StatusCode::METHOD_NOT_ALLOWED {
                    return Ok(response);
                }
                ensure_envelope(response)
            }
            Err(err) if err.status() == StatusCode::METHOD_NOT_ALLOWED => error_response(err),
            Err(err) => return Err(err),
        };
        Ok(self.with_allow(&path, response))
    }
}

impl<E> AllowEndpoint<E> {
    fn with_allow(&self, path: &str, mut response: Response) -> Response {
        if let Some(allow) = self.methods.for_path(path) {
            response.headers_mut().insert(ALLOW, allow.clone());
        }
        response
    }
}
