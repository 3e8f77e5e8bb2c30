//! Cross-origin requests from browsers (`PANELRELAY_CORS_ORIGINS`).
//!
//! A frontend served from another origin may call the API when its origin is listed:
//! preflights are answered here, before routing, and every response to a listed origin
//! (errors included, so a page can read the error envelope) carries
//! `Access-Control-Allow-Origin` and exposes the headers clients need. With no origins
//! listed (the default), browsers keep other origins out. It runs inside the request
//! context, so its answers carry a request id like any other.

use super::framework_errors::error_response;
use crate::error::{ApiError, ErrorCode};
use poem::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
    VARY,
};
use poem::http::{HeaderValue, Method, StatusCode};
use poem::{Endpoint, IntoResponse, Middleware, Request, Response};

/// The methods the API uses.
const METHODS: &str = "GET, POST, PUT, PATCH, DELETE";
/// The request headers a browser may send.
const REQUEST_HEADERS: &str = "authorization, content-type, idempotency-key, x-request-id";
/// The response headers a page may read.
const EXPOSED_HEADERS: &str = "x-request-id, idempotent-replayed, location, retry-after";
/// How long a browser may cache a preflight's answer, in seconds.
const MAX_AGE: &str = "600";

/// The origins allowed to call the API from a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorsOrigins {
    origins: Vec<String>,
    any: bool,
}

/// Why a `PANELRELAY_CORS_ORIGINS` entry was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("'{0}': expected a comma-separated list of origins like https://app.example.com, or *")]
pub struct InvalidOrigin(pub String);

impl CorsOrigins {
    /// Parses a comma-separated list of origins (`scheme://host[:port]`, no path), or `*`
    /// for any origin. An empty list allows none.
    pub fn parse(list: &str) -> Result<Self, InvalidOrigin> {
        let mut allowed = CorsOrigins::default();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                allowed.any = true;
                continue;
            }
            let origin = entry.trim_end_matches('/').to_ascii_lowercase();
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            match rest {
                Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', '*', ' ']) => {
                    allowed.origins.push(origin);
                }
                _ => return Err(InvalidOrigin(entry.to_string())),
            }
        }
        Ok(allowed)
    }

    /// Whether no origin is allowed.
    pub fn is_empty(&self) -> bool {
        !self.any && self.origins.is_empty()
    }

    fn allows(&self, origin: &str) -> bool {
        self.any || self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin))
    }
}

/// The middleware; see the module documentation.
pub struct Cors(pub CorsOrigins);

impl<E: Endpoint<Output = Response>> Middleware<E> for Cors {
    type Output = CorsEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        CorsEndpoint {
            inner,
            origins: self.0.clone(),
        }
    }
}

/// The endpoint [`Cors`] wraps.
pub struct CorsEndpoint<E> {
    inner: E,
    origins: CorsOrigins,
}

impl<E: Endpoint<Output = Response>> Endpoint for CorsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let origin = req
            .headers()
            .get(ORIGIN)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let Some(origin) = origin else {
            return self.inner.call(req).await;
        };
        let allowed = self.origins.allows(&origin);
        let preflight = req.method() == Method::OPTIONS
            && req.headers().contains_key(ACCESS_CONTROL_REQUEST_METHOD);
        if preflight {
            let mut response = if allowed {
                let mut response = StatusCode::NO_CONTENT.into_response();
                let headers = response.headers_mut();
                headers.insert(
                    ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static(METHODS),
                );
                headers.insert(
                    ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static(REQUEST_HEADERS),
                );
                headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static(MAX_AGE));
                response
            } else {
                ApiError::new(
                    ErrorCode::Forbidden,
                    "this origin may not call the API; list it in PANELRELAY_CORS_ORIGINS",
                )
                .into_response()
            };
            allow(&mut response, allowed.then_some(origin.as_str()));
            return Ok(response);
        }
        // Errors become envelopes here, so that they carry the headers too.
        let mut response = self.inner.call(req).await.unwrap_or_else(error_response);
        allow(&mut response, allowed.then_some(origin.as_str()));
        Ok(response)
    }
}

/// Marks `response` as varying by origin and, for an allowed `origin`, lets it in.
fn allow(response: &mut Response, origin: Option<&str>) {
    let headers = response.headers_mut();
    headers.append(VARY, HeaderValue::from_static("Origin"));
    let Some(value) = origin.and_then(|o| HeaderValue::from_str(o).ok()) else {
        return;
    };
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
    headers.insert(
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_parsed_and_bad_ones_refused() {
        let allowed =
            CorsOrigins::parse(" https://App.example.com/, http://localhost:5173 ").unwrap();
        assert!(allowed.allows("https://app.example.com"));
        assert!(allowed.allows("http://localhost:5173"));
        assert!(!allowed.allows("http://localhost:5174"));
        assert!(!allowed.allows("https://evil.example.com"));
        assert!(CorsOrigins::parse("").unwrap().is_empty());
        assert!(
            CorsOrigins::parse("*")
                .unwrap()
                .allows("https://any.example")
        );
        for bad in [
            "app.example.com",
            "https://app.example.com/path",
            "ftp://x",
            "https://",
        ] {
            assert_eq!(
                CorsOrigins::parse(bad),
                Err(InvalidOrigin(bad.to_string())),
                "{bad}"
            );
        }
    }
}
