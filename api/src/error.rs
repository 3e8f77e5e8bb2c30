//! The one error type of the API and its JSON envelope:
//! `{"error": {"code": "…", "message": "…", "request_id": "…"}}`.

use crate::http::request_id::current_request_id;
use panelrelay_adapters::storage::StorageError;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object};
use serde::{Deserialize, Serialize};

/// Machine-readable error codes. Every error the API returns carries one of these.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON, misses fields or breaks a constraint.
    InvalidBody,
    /// The body has a field the operation does not know; the message names it.
    UnknownField,
    /// A field of the body holds a value of the wrong JSON type; the message names it.
    InvalidType,
    /// A path, query or header parameter is malformed.
    InvalidParameter,
    /// The pagination cursor was not issued by this API.
    InvalidCursor,
    /// No credentials, or credentials that are malformed, unknown or revoked.
    Unauthorized,
    /// The credentials are valid but do not allow this operation.
    Forbidden,
    /// The workspace is suspended by the platform admin.
    WorkspaceSuspended,
    /// No such resource (or it belongs to another workspace).
    NotFound,
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// The request conflicts with the current state.
    Conflict,
    /// Revoking this key would leave the workspace without an owner key.
    LastOwnerKey,
    /// The `Idempotency-Key` was already used with a different request.
    IdempotencyKeyReused,
    /// A request with the same `Idempotency-Key` is still being processed.
    IdempotencyInProgress,
    /// The request body is larger than allowed.
    PayloadTooLarge,
    /// The request body's content type is not `application/json`.
    UnsupportedMediaType,
    /// Too many requests; retry later.
    RateLimited,
    /// Too many failed authentications from this address; retry after `Retry-After` seconds.
    TooManyAuthFailures,
    /// The request body did not arrive in time; the connection is closed.
    RequestTimeout,
    /// The workspace has not connected its panel yet (`PUT /v1/panel`).
    PanelNotConnected,
    /// The panel could not be reached or refused the request; the message says why.
    PanelError,
    /// A template uses a variable its key does not offer; the message lists the allowed ones.
    UnknownTemplateVariable,
    /// A template is malformed: an unclosed `{`, a lone `}` or braces around a non-name.
    TemplateSyntaxError,
    /// A template has no text.
    TemplateEmpty,
    /// A template is longer than allowed.
    TemplateTooLong,
    /// An alias or trigger has no words (only punctuation or emoji).
    PhraseWithoutWords,
    /// An alias or trigger contains a number, which customers' messages use for order ids.
    PhraseWithNumber,
    /// A custom command's trigger is made only of built-in command words.
    BuiltinPhrase,
    /// The workspace already has this alias or trigger (the same words, ignoring case,
    /// accents and punctuation).
    PhraseTaken,
    /// The chat identity is already linked (to this or another panel username).
    IdentityAlreadyLinked,
    /// `verify_username` was asked and the panel has no user with that username.
    UsernameNotOnPanel,
    /// An import has more rows than one request may carry.
    TooManyRows,
    /// A dependency (database, key-value store) is unreachable.
    ServiceUnavailable,
    /// An unexpected failure on our side; the request id helps support find it.
    InternalError,
}

/// The body of every error.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ErrorBody {
    /// Machine-readable code.
    pub code: ErrorCode,
    /// Human-readable explanation, safe to show to API users.
    pub message: String,
    /// The request's id (the `X-Request-Id` response header).
    pub request_id: String,
}

/// The error envelope.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ErrorEnvelope {
    /// The error.
    pub error: ErrorBody,
}

/// Every error an operation can return, one variant per status.
#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// The request is malformed.
    #[oai(status = 400)]
    BadRequest(Json<ErrorEnvelope>),
    /// Missing, malformed, unknown or revoked credentials.
    #[oai(status = 401)]
    Unauthorized(Json<ErrorEnvelope>),
    /// Not allowed for these credentials, or the workspace is suspended.
    #[oai(status = 403)]
    Forbidden(Json<ErrorEnvelope>),
    /// No such resource in the caller's scope.
    #[oai(status = 404)]
    NotFound(Json<ErrorEnvelope>),
    /// The path exists but not with this method.
    #[oai(status = 405)]
    MethodNotAllowed(Json<ErrorEnvelope>),
    /// The request body did not arrive in time.
    #[oai(status = 408)]
    RequestTimeout(Json<ErrorEnvelope>),
    /// Conflicts with the current state.
    #[oai(status = 409)]
    Conflict(Json<ErrorEnvelope>),
    /// The body is too large.
    #[oai(status = 413)]
    PayloadTooLarge(Json<ErrorEnvelope>),
    /// The body is not JSON.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<ErrorEnvelope>),
    /// Well-formed but not acceptable (e.g. a reused idempotency key).
    #[oai(status = 422)]
    Unprocessable(Json<ErrorEnvelope>),
    /// Rate limited.
    #[oai(status = 429)]
    TooManyRequests(Json<ErrorEnvelope>),
    /// Unexpected failure.
    #[oai(status = 500)]
    Internal(Json<ErrorEnvelope>),
    /// An upstream service (the panel) failed.
    #[oai(status = 502)]
    BadGateway(Json<ErrorEnvelope>),
    /// A dependency is unreachable.
    #[oai(status = 503)]
    Unavailable(Json<ErrorEnvelope>),
}

impl ApiError {
    /// An error with `code` and `message`, with the status that code implies.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let envelope = Json(ErrorEnvelope {
            error: ErrorBody {
                code,
                message: message.into(),
                request_id: current_request_id(),
            },
        });
        match code {
            ErrorCode::InvalidBody
            | ErrorCode::UnknownField
            | ErrorCode::InvalidType
            | ErrorCode::InvalidParameter
            | ErrorCode::InvalidCursor => ApiError::BadRequest(envelope),
            ErrorCode::Unauthorized => ApiError::Unauthorized(envelope),
            ErrorCode::Forbidden | ErrorCode::WorkspaceSuspended => ApiError::Forbidden(envelope),
            ErrorCode::NotFound => ApiError::NotFound(envelope),
            ErrorCode::MethodNotAllowed => ApiError::MethodNotAllowed(envelope),
            ErrorCode::PanelError => ApiError::BadGateway(envelope),
            ErrorCode::Conflict
            | ErrorCode::PhraseTaken
            | ErrorCode::LastOwnerKey
            | ErrorCode::IdempotencyInProgress
            | ErrorCode::PanelNotConnected
            | ErrorCode::IdentityAlreadyLinked => ApiError::Conflict(envelope),
            ErrorCode::PayloadTooLarge => ApiError::PayloadTooLarge(envelope),
            ErrorCode::UnsupportedMediaType => ApiError::UnsupportedMediaType(envelope),
            ErrorCode::IdempotencyKeyReused
            | ErrorCode::UnknownTemplateVariable
            | ErrorCode::TemplateSyntaxError
            | ErrorCode::TemplateEmpty
            | ErrorCode::TemplateTooLong
            | ErrorCode::PhraseWithoutWords
            | ErrorCode::PhraseWithNumber
            | ErrorCode::BuiltinPhrase
            | ErrorCode::UsernameNotOnPanel
            | ErrorCode::TooManyRows => ApiError::Unprocessable(envelope),
            ErrorCode::RateLimited | ErrorCode::TooManyAuthFailures => {
                ApiError::TooManyRequests(envelope)
            }
            ErrorCode::RequestTimeout => ApiError::RequestTimeout(envelope),
            ErrorCode::ServiceUnavailable => ApiError::Unavailable(envelope),
            ErrorCode::InternalError => ApiError::Internal(envelope),
        }
    }

    /// 404 for a resource of `kind` that is not in the caller's scope.
    pub fn not_found(kind: &str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("{kind} not found"))
    }

    /// 400 for a malformed body.
    pub fn invalid_body(message: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::InvalidBody, message)
    }

    /// 500 that hides `detail` from the caller and logs it.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(detail = %detail, "internal error");
        ApiError::new(
            ErrorCode::InternalError,
            "internal error; quote the request id to support",
        )
    }

    /// The envelope inside.
    pub fn envelope(&self) -> &ErrorEnvelope {
        match self {
            ApiError::BadRequest(Json(e))
            | ApiError::Unauthorized(Json(e))
            | ApiError::Forbidden(Json(e))
            | ApiError::NotFound(Json(e))
            | ApiError::MethodNotAllowed(Json(e))
            | ApiError::RequestTimeout(Json(e))
            | ApiError::Conflict(Json(e))
            | ApiError::PayloadTooLarge(Json(e))
            | ApiError::UnsupportedMediaType(Json(e))
            | ApiError::Unprocessable(Json(e))
            | ApiError::TooManyRequests(Json(e))
            | ApiError::Internal(Json(e))
            | ApiError::BadGateway(Json(e))
            | ApiError::Unavailable(Json(e)) => e,
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::Conflict(detail) => {
                tracing::info!(detail = %detail, "storage conflict");
                ApiError::new(ErrorCode::Conflict, "conflicts with an existing resource")
            }
            StorageError::Unavailable(detail) => {
                tracing::warn!(detail = %detail, "database unavailable");
                ApiError::new(
                    ErrorCode::ServiceUnavailable,
                    "database unavailable; retry shortly",
                )
            }
            other => ApiError::internal(other),
        }
    }
}

impl From<panelrelay_core::ports::KeyValueError> for ApiError {
    fn from(err: panelrelay_core::ports::KeyValueError) -> Self {
        tracing::warn!(detail = %err, "key-value store unavailable");
        ApiError::new(
            ErrorCode::ServiceUnavailable,
            "key-value store unavailable; retry shortly",
        )
    }
}

/// Result of an API operation.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<crate::services::panel::PanelSetupError> for ApiError {
    fn from(err: crate::services::panel::PanelSetupError) -> Self {
        use crate::services::panel::PanelSetupError;
        match err {
            PanelSetupError::NotConnected => {
                ApiError::new(ErrorCode::PanelNotConnected, err.to_string())
            }
            PanelSetupError::Unreadable(_) => ApiError::internal(err),
            PanelSetupError::Connect(explained) => ApiError::new(ErrorCode::PanelError, explained),
            PanelSetupError::Storage(storage) => storage.into(),
        }
    }
}
