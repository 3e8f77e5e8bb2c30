//! Query filters shared by the log, conversation and cooldown lists: each is validated into
//! a clear 400 `invalid_parameter` instead of silently matching nothing.

use crate::error::{ApiError, ErrorCode};
use crate::pagination::PageRequest;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::time_key::TimeKey;
use panelrelay_core::ids::ChannelId;

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorCode::InvalidParameter, message)
}

/// Optional bounds of a time range: (`from`, `to`).
pub type TimeRange = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// A `from`/`to` pair (RFC 3339 times, parsed by the parameters): `from` not after `to`.
pub fn time_range(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<TimeRange, ApiError> {
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(invalid("from must not be after to".into()));
        }
    }
    Ok((from, to))
}

/// A `channel_id` filter: a channel id's shape (whose channel it is, the query decides).
pub fn channel_id(value: Option<&str>) -> Result<Option<String>, ApiError> {
    value
        .map(|text| {
            ChannelId::parse(text)
                .map(|id| id.to_string())
                .ok_or_else(|| invalid("channel_id is not a channel id".into()))
        })
        .transpose()
}

/// A `chat_id` filter: 1-200 printable characters.
pub fn chat_id(value: Option<&str>) -> Result<Option<String>, ApiError> {
    value
        .map(|text| {
            if text.is_empty() || text.chars().count() > 200 || text.chars().any(char::is_control) {
                Err(invalid("chat_id must be 1-200 printable characters".into()))
            } else {
                Ok(text.to_string())
            }
        })
        .transpose()
}

/// An `order_id` filter: a positive panel order id.
pub fn order_id(value: Option<i64>) -> Result<Option<i64>, ApiError> {
    match value {
        Some(id) if id <= 0 => Err(invalid("order_id must be a positive integer".into())),
        other => Ok(other),
    }
}

/// The (time, id) position a page request's cursor names.
pub fn time_key(page: &PageRequest) -> Result<Option<TimeKey>, ApiError> {
    page.after()
        .map(|after| {
            TimeKey::parse(after).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidCursor,
                    "cursor is not one this API issued",
                )
            })
        })
        .transpose()
}
