//! Stored provider payloads made safe to show: the workspace's channel secrets and the
//! values of secret-looking JSON keys (`*token*`, `*secret*`, `*password*`, …) are replaced,
//! also in a payload cut short (the webhook log keeps the first 2000 bytes).

use crate::services::channels::OpenChannel;
use crate::state::AppState;
use panelrelay_adapters::storage::StorageError;
use panelrelay_core::ids::WorkspaceId;

/// What replaces a secret.
const REDACTED: &str = "<redacted>";

/// Key fragments whose string values are never shown.
const SECRET_KEYS: [&str; 7] = [
    "token",
    "secret",
    "password",
    "authorization",
    "api_key",
    "apikey",
    "signature",
];

/// The secrets of a workspace's channels, to cut out of stored provider text.
pub async fn channel_secrets(
    state: &AppState,
    workspace: WorkspaceId,
) -> Result<Vec<String>, StorageError> {
    let channels = state.db.channels(workspace).list(None, None, 200).await?;
    Ok(channels
        .items
        .into_iter()
        .filter_map(|channel| OpenChannel::open(&state.secrets, channel).ok())
        .flat_map(|open| open.secrets.into_values())
        .filter(|secret| secret.len() >= 4)
        .collect())
}

/// `text` with every secret in `secrets` and every secret-looking JSON value replaced.
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut safe = text.to_string();
    for secret in secrets {
        safe = safe.replace(secret.as_str(), REDACTED);
    }
    redact_secret_keys(&safe)
}

/// Replaces the string values of secret-looking keys, scanning JSON text token by token so
/// that truncated JSON is handled too.
fn redact_secret_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Whether the next string literal is the value of a secret-looking key.
    let mut redact_next = false;
    while let Some(start) = rest.find('"') {
        let (before, from_quote) = rest.split_at(start);
        let (literal, after) = from_quote.split_at(string_end(from_quote));
        out.push_str(before);
        rest = after;
        if redact_next {
            out.push('"');
            out.push_str(REDACTED);
            out.push('"');
            redact_next = false;
            continue;
        }
        out.push_str(literal);
        let key = literal.trim_matches('"').to_ascii_lowercase();
        if SECRET_KEYS.iter().any(|fragment| key.contains(fragment)) {
            redact_next = after
                .trim_start()
                .strip_prefix(':')
                .is_some_and(|value| value.trim_start().starts_with('"'));
        }
    }
    out.push_str(rest);
    out
}

/// The byte length of the JSON string literal at the start of `text` (which starts with a
/// quote), closing quote included; the whole of `text` when it is cut short.
fn string_end(text: &str) -> usize {
    let mut escaped = false;
    for (index, ch) in text.char_indices().skip(1) {
        match ch {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return index + 1,
            _ => escaped = false,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_go_and_the_rest_stays() {
        let payload = r#"{"update_id":1,"token":"abc\"def","message":{"text":"2274209 refill","apiTokenInstance":"xyz"},"n":"secret-value-123"}"#;
        let safe = redact(payload, &["secret-value-123".to_string()]);
        assert_eq!(
            safe,
            r#"{"update_id":1,"token":"<redacted>","message":{"text":"2274209 refill","apiTokenInstance":"<redacted>"},"n":"<redacted>"}"#
        );
        let cut = r#"{"access_token" : "EAAG12"#;
        assert_eq!(redact(cut, &[]), r#"{"access_token" : "<redacted>""#);
        let not_string = r#"{"token_count":3,"text":"token"}"#;
        assert_eq!(redact(not_string, &[]), not_string);
    }
}
