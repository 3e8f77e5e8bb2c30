//! Swagger UI at `/docs`, from assets compiled into the binary.

use poem::http::StatusCode;
use poem::web::Redirect;
use poem::{IntoResponse, Request, Response, handler};
use std::sync::{Arc, LazyLock};
use utoipa_swagger_ui::Config;

static CONFIG: LazyLock<Arc<Config<'static>>> =
    LazyLock::new(|| Arc::new(Config::from("/openapi.json")));

/// Serves Swagger UI; `/docs` redirects to `/docs/` so relative asset URLs resolve.
#[handler]
pub fn swagger_ui(req: &Request) -> Response {
    let path = req.uri().path();
    if path == "/docs" {
        return Redirect::moved_permanent("/docs/").into_response();
    }
    let tail = path.strip_prefix("/docs/").unwrap_or("");
    match utoipa_swagger_ui::serve(tail, CONFIG.clone()) {
        Ok(Some(file)) => file
            .bytes
            .to_vec()
            .with_content_type(file.content_type)
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "swagger ui");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
