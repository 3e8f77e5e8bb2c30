//! Request ids: taken from `X-Request-Id` when the caller sends a sane one, generated
//! otherwise; returned in the response header, every log line and every error envelope.

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The response and request header.
pub const HEADER: &str = "x-request-id";

/// The id of the request being handled, or an empty string outside a request.
pub fn current_request_id() -> String {
    REQUEST_ID.try_with(Clone::clone).unwrap_or_default()
}

/// Runs `future` with `id` as the current request id.
pub async fn scope<F: std::future::Future>(id: String, future: F) -> F::Output {
    REQUEST_ID.scope(id, future).await
}

/// The caller's id if it is 1–128 visible ASCII characters, else a new UUID.
pub fn accept_or_generate(header: Option<&str>) -> String {
    match header {
        Some(id)
            if !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            id.to_string()
        }
        _ => uuid::Uuid::new_v4().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sane_ids_are_kept_others_replaced() {
        assert_eq!(accept_or_generate(Some("abc-123")), "abc-123");
        assert_ne!(accept_or_generate(Some("has space")), "has space");
        assert_ne!(accept_or_generate(Some(&"x".repeat(129))), "x".repeat(129));
        assert_eq!(accept_or_generate(None).len(), 36);
    }
}
