//! Request bodies: bounded in size (413, also for chunked bodies without a length) and free
//! of NUL characters, which PostgreSQL text cannot store (400 instead of a 500 later).

use crate::error::{ApiError, ErrorCode};
use poem::{Body, Request};

/// The largest body the JSON API accepts.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Reads the body into memory within the limit and checks it, putting it back for the
/// handler. Requests without a body pass untouched.
pub async fn check_body(req: &mut Request, limit: usize) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(poem::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large(limit));
    }
    let bytes = req
        .take_body()
        .into_bytes_limit(limit)
        .await
        .map_err(|err| match err {
            poem::error::ReadBodyError::PayloadTooLarge => too_large(limit),
            other => ApiError::new(
                ErrorCode::InvalidBody,
                format!("could not read body: {other}"),
            ),
        })?;
    if contains_nul(&bytes) {
        return Err(ApiError::new(
            ErrorCode::InvalidBody,
            "NUL characters (\\u0000) are not allowed",
        ));
    }
    req.set_body(Body::from(bytes));
    Ok(())
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("request body exceeds {limit} bytes"),
    )
}

/// Whether the bytes hold a raw NUL or a JSON `\u0000` escape (not an escaped backslash
/// followed by the text `u0000`).
fn contains_nul(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let mut backslashes = 0usize;
    for (i, &byte) in bytes.iter().enumerate() {
        if byte == b'\\' {
            backslashes += 1;
            continue;
        }
        if backslashes % 2 == 1
            && (byte == b'u' || byte == b'U')
            && bytes.get(i + 1..i + 5).is_some_and(|hex| hex == b"0000")
        {
            return true;
        }
        backslashes = 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::contains_nul;

    #[test]
    fn finds_real_nul_escapes_only() {
        assert!(contains_nul(br#"{"name":"a\u0000b"}"#));
        assert!(contains_nul(b"{\"name\":\"a\0b\"}"));
        assert!(contains_nul(br#"{"name":"\\\u0000"}"#));
        assert!(
            !contains_nul(br#"{"name":"\\u0000"}"#),
            "escaped backslash then text"
        );
        assert!(!contains_nul(br#"{"name":"\u0041"}"#));
        assert!(!contains_nul(b""));
    }
}
