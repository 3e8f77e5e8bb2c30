//! Provider text made safe to store and log: secrets replaced, length bounded.

/// The most of a provider's response body kept for the outbound log.
pub(crate) const RESPONSE_LIMIT: usize = 2048;
/// The most of a provider's error text kept in an error's reason.
pub(crate) const REASON_LIMIT: usize = 300;

/// `text` with every non-empty secret replaced by `<redacted>`.
pub(crate) fn redact(text: &str, secrets: &[&str]) -> String {
    let mut safe = text.to_string();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        safe = safe.replace(secret, "<redacted>");
    }
    safe
}

/// `text` redacted, cut to at most `limit` bytes on a character boundary.
pub(crate) fn excerpt(text: &str, secrets: &[&str], limit: usize) -> String {
    let mut safe = redact(text, secrets);
    if safe.len() > limit {
        let mut end = limit;
        while !safe.is_char_boundary(end) {
            end -= 1;
        }
        safe.truncate(end);
    }
    safe
}

/// A response body as redacted text, at most [`RESPONSE_LIMIT`] bytes.
pub(crate) fn response_excerpt(body: &[u8], secrets: &[&str]) -> String {
    excerpt(&String::from_utf8_lossy(body), secrets, RESPONSE_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_replaced_and_text_cut_on_a_char_boundary() {
        assert_eq!(
            excerpt("bad token abc123 here", &["abc123", ""], 100),
            "bad token <redacted> here"
        );
        assert_eq!(excerpt("ééé", &[], 3), "é");
        assert_eq!(excerpt("short", &[], 300), "short");
        let long = "x".repeat(5000);
        assert_eq!(response_excerpt(long.as_bytes(), &[]).len(), RESPONSE_LIMIT);
    }
}
