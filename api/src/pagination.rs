//! Cursor pagination: `?limit=&cursor=` in, `{"items": […], "next_cursor": …}` out. A cursor
//! is the opaque encoding of the last key of a page (a time-ordered UUID for most lists).

use crate::error::{ApiError, ErrorCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Items per page when `limit` is not given.
pub const DEFAULT_LIMIT: i64 = 50;
/// The most items a page may hold.
pub const MAX_LIMIT: i64 = 200;

/// A validated page request.
#[derive(Debug, Clone)]
pub struct PageRequest {
    /// Rows per page.
    pub limit: i64,
    /// The id after which the page starts, decoded from the cursor.
    pub after: Option<String>,
}

impl PageRequest {
    /// Validates the query parameters.
    pub fn parse(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::new(
                ErrorCode::InvalidParameter,
                format!("limit must be between 1 and {MAX_LIMIT}"),
            ));
        }
        let after = cursor.filter(|c| !c.is_empty()).map(decode).transpose()?;
        Ok(PageRequest { limit, after })
    }

    /// `after` as a string slice.
    pub fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }
}

/// The cursor for the page after the row with `id`.
pub fn encode(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{id}"))
}

fn decode(cursor: &str) -> Result<String, ApiError> {
    let invalid = || {
        ApiError::new(
            ErrorCode::InvalidCursor,
            "cursor is not one this API issued",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let key = text
        .strip_prefix("v1:")
        .filter(|key| !key.is_empty())
        .ok_or_else(invalid)?;
    if key.chars().any(char::is_control) {
        return Err(invalid());
    }
    Ok(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let id = uuid::Uuid::now_v7().to_string();
        let page = PageRequest::parse(Some(10), Some(&encode(&id))).unwrap();
        assert_eq!(page.after(), Some(id.as_str()));
        assert!(PageRequest::parse(None, Some("garbage!")).is_err());
        assert!(PageRequest::parse(None, Some(&URL_SAFE_NO_PAD.encode("v2:x"))).is_err());
        assert!(PageRequest::parse(None, Some(&URL_SAFE_NO_PAD.encode("v1:a\0b"))).is_err());
        assert_eq!(
            PageRequest::parse(None, Some(&encode("svc-17")))
                .unwrap()
                .after(),
            Some("svc-17")
        );
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(Some(201), None).is_err());
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, DEFAULT_LIMIT);
    }
}
