//! Webhook authentication with static shared secrets: Telegram's secret-token header and
//! Green API's `webhookUrlToken`. Compared in constant time.

use subtle::ConstantTimeEq;

/// The header Telegram sends the webhook's `secret_token` in.
pub const TELEGRAM_SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

/// Why a webhook request was not authenticated. Never carries the secret or what was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuthFailure {
    /// The channel has no secret configured: nothing is accepted.
    #[error("no webhook secret is configured for the channel")]
    NotConfigured,
    /// The header (or query parameter) is absent.
    #[error("the webhook credential is missing")]
    Missing,
    /// The credential is not in the expected form.
    #[error("the webhook credential is malformed")]
    Malformed,
    /// The credential does not match.
    #[error("the webhook credential does not match")]
    Mismatch,
}

/// Checks Telegram's `X-Telegram-Bot-Api-Secret-Token` header value against the secret the
/// webhook was set with.
pub fn verify_telegram_secret(header: Option<&str>, secret: &str) -> Result<(), AuthFailure> {
    let sent = header.ok_or(AuthFailure::Missing)?;
    secrets_match(sent, secret)
}

/// Checks Green API's `Authorization` header value (`Bearer <token>`, or the bare token)
/// against the instance's `webhookUrlToken`.
pub fn verify_greenapi_token(authorization: Option<&str>, token: &str) -> Result<(), AuthFailure> {
    let value = authorization.ok_or(AuthFailure::Missing)?.trim();
    let sent = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        Some(_) => return Err(AuthFailure::Malformed),
        None => value,
    };
    secrets_match(sent, token)
}

/// Compares `sent` with the configured `secret` in time independent of their contents (the
/// length may show). An empty configured secret matches nothing.
pub(crate) fn secrets_match(sent: &str, secret: &str) -> Result<(), AuthFailure> {
    if secret.is_empty() {
        return Err(AuthFailure::NotConfigured);
    }
    if bool::from(sent.as_bytes().ct_eq(secret.as_bytes())) {
        Ok(())
    } else {
        Err(AuthFailure::Mismatch)
    }
}
