//! Meta webhook authentication: the `X-Hub-Signature-256` HMAC over the raw body, and the
//! verification handshake of the callback URL (reference §B.1, §B.2).

use super::auth::{AuthFailure, secrets_match};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header Meta sends the body's signature in.
pub const META_SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

/// Checks `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 with the App Secret over the
/// body **exactly as received** (before any JSON parsing), compared in constant time.
pub fn verify_meta_signature(
    raw_body: &[u8],
    header: Option<&str>,
    app_secret: &str,
) -> Result<(), AuthFailure> {
    if app_secret.is_empty() {
        return Err(AuthFailure::NotConfigured);
    }
    let value = header.ok_or(AuthFailure::Missing)?.trim();
    let hex_signature = value
        .strip_prefix("sha256=")
        .ok_or(AuthFailure::Malformed)?;
    let signature = hex::decode(hex_signature).map_err(|_| AuthFailure::Malformed)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(app_secret.as_bytes())
        .map_err(|_| AuthFailure::NotConfigured)?;
    mac.update(raw_body);
    mac.verify_slice(&signature)
        .map_err(|_| AuthFailure::Mismatch)
}

/// Answers Meta's verification GET: given its raw query string
/// (`hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`) and the configured verify
/// token, returns the challenge to echo as the plain-text 200 body.
pub fn meta_challenge(query: &str, verify_token: &str) -> Result<String, AuthFailure> {
    let mut mode = None;
    let mut token = None;
    let mut challenge = None;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "hub.mode" => mode = Some(value.into_owned()),
            "hub.verify_token" => token = Some(value.into_owned()),
            "hub.challenge" => challenge = Some(value.into_owned()),
            _ => {}
        }
    }
    if mode.ok_or(AuthFailure::Missing)? != "subscribe" {
        return Err(AuthFailure::Malformed);
    }
    secrets_match(&token.ok_or(AuthFailure::Missing)?, verify_token)?;
    challenge
        .filter(|challenge| !challenge.is_empty())
        .ok_or(AuthFailure::Missing)
}
