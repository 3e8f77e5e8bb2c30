//! Turns errors raised by poem and poem-openapi (parse failures, missing auth, unknown
//! routes, wrong methods, wrong content types) into the JSON error envelope.

use crate::error::{ApiError, ErrorCode};
use poem::error::{MethodNotAllowedError, NotFoundError};
use poem::{IntoResponse, Response};
use poem_openapi::error::{
    AuthorizationError, ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError,
};

/// The response for an error that reached the outermost middleware.
pub fn error_response(err: poem::Error) -> Response {
    if err.is_from_response() {
        // Our own ApiError, already an envelope.
        let response = err.into_response();
        if is_json(&response) {
            return response;
        }
        return envelope_for_status(response.status().as_u16(), None);
    }
    let message = err.to_string();
    let api_error = if err.is::<ParseRequestPayloadError>() {
        ApiError::new(ErrorCode::InvalidBody, message)
    } else if err.is::<ParseParamError>() || err.is::<ParsePathError>() {
        ApiError::new(ErrorCode::InvalidParameter, message)
    } else if err.is::<AuthorizationError>() {
        ApiError::new(
            ErrorCode::Unauthorized,
            "missing or malformed Authorization header; send `Authorization: Bearer <key>`",
        )
    } else if err.is::<ContentTypeError>() {
        ApiError::new(ErrorCode::UnsupportedMediaType, message)
    } else if err.is::<NotFoundError>() {
        ApiError::new(ErrorCode::NotFound, "no such route")
    } else if err.is::<MethodNotAllowedError>() {
        ApiError::new(
            ErrorCode::MethodNotAllowed,
            "method not allowed on this route",
        )
    } else {
        return envelope_for_status(err.status().as_u16(), Some(message));
    };
    api_error.into_response()
}

/// Rewrites a non-JSON error response (e.g. a bare 404 from the router) as an envelope.
pub fn ensure_envelope(response: Response) -> Response {
    let status = response.status();
    if (status.is_client_error() || status.is_server_error()) && !is_json(&response) {
        return envelope_for_status(status.as_u16(), None);
    }
    response
}

fn is_json(response: &Response) -> bool {
    response
        .content_type()
        .is_some_and(|ct| ct.starts_with("application/json"))
}

fn envelope_for_status(status: u16, message: Option<String>) -> Response {
    let (code, default_message) = match status {
        401 => (ErrorCode::Unauthorized, "unauthorized"),
        403 => (ErrorCode::Forbidden, "forbidden"),
        404 => (ErrorCode::NotFound, "not found"),
        405 => (ErrorCode::MethodNotAllowed, "method not allowed"),
        408 => (ErrorCode::RequestTimeout, "request timeout"),
        413 => (ErrorCode::PayloadTooLarge, "request body too large"),
        415 => (ErrorCode::UnsupportedMediaType, "unsupported media type"),
        429 => (ErrorCode::RateLimited, "too many requests"),
        503 => (ErrorCode::ServiceUnavailable, "service unavailable"),
        400..=499 => (ErrorCode::InvalidBody, "bad request"),
        _ => (ErrorCode::InternalError, "internal error"),
    };
    let message = match code {
        // Never echo details of unexpected failures.
        ErrorCode::InternalError => {
            if let Some(detail) = &message {
                tracing::error!(detail = %detail, "unhandled error");
            }
            default_message.to_string()
        }
        _ => message.unwrap_or_else(|| default_message.to_string()),
    };
    let mut response = ApiError::new(code, message).into_response();
    if let Ok(status) = poem::http::StatusCode::from_u16(status) {
        response.set_status(status);
    }
    response
}
