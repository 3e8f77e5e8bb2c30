//! Chat identities in one spelling per medium, so the same person cannot be linked twice
//! under two spellings (`+7 900 123-45-67`, `79001234567`, `79001234567@c.us`).
//!
//! - Telegram: a chat or user id, an integer (`5123456789`, `-1001234567890`).
//! - WhatsApp through Green API: a personal chat id `79001234567@c.us` (a bare or formatted
//!   phone number gets `@c.us`; `@s.whatsapp.net` becomes `@c.us`), or a group `…@g.us`.
//! - WhatsApp Cloud API: a `wa_id`, the phone number's digits, or a business-scoped user id
//!   (BSUID, `US.13491208655302741918`) kept as written.

use crate::medium::Medium;

/// Why a chat identity is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidIdentity(pub String);

/// Separators people put in phone numbers.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{a0}')
}

/// A phone number's digits: an optional leading `+`, separators dropped, 7-15 digits (E.164).
fn phone_digits(raw: &str) -> Option<String> {
    let raw = raw.strip_prefix('+').unwrap_or(raw);
    let digits: String = raw.chars().filter(|c| !is_phone_separator(*c)).collect();
    let valid = (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then_some(digits)
}

/// `raw` in the one spelling `medium` uses for it.
pub fn normalise_identity(medium: Medium, raw: &str) -> Result<String, InvalidIdentity> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > 140 || raw.chars().any(char::is_control) {
        return Err(InvalidIdentity(
            "identity must be 1-140 printable characters".into(),
        ));
    }
    match medium {
        Medium::Telegram => raw
            .parse::<i64>()
            .ok()
            .filter(|id| *id != 0 && !raw.starts_with('+'))
            .map(|id| id.to_string())
            .ok_or_else(|| {
                InvalidIdentity(
                    "a Telegram identity is a numeric chat or user id, e.g. 5123456789".into(),
                )
            }),
        Medium::WhatsappGreenapi => {
            let lower = raw.to_ascii_lowercase();
            if let Some(group) = lower.strip_suffix("@g.us") {
                let valid = !group.is_empty()
                    && group.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                    && group.bytes().any(|b| b.is_ascii_digit());
                return if valid {
                    Ok(lower)
                } else {
                    Err(InvalidIdentity(format!(
                        "{raw} is not a Green API group id"
                    )))
                };
            }
            let number = lower
                .strip_suffix("@c.us")
                .or_else(|| lower.strip_suffix("@s.whatsapp.net"))
                .unwrap_or(&lower);
            phone_digits(number)
                .map(|digits| format!("{digits}@c.us"))
                .ok_or_else(|| {
                    InvalidIdentity(format!(
                        "{raw} is not a WhatsApp number or Green API chat id (79001234567@c.us)"
                    ))
                })
        }
        Medium::WhatsappMeta => {
            if let Some(digits) = phone_digits(raw) {
                return Ok(digits);
            }
            if is_bsuid(raw) {
                return Ok(raw.to_owned());
            }
            Err(InvalidIdentity(format!(
                "{raw} is not a WhatsApp wa_id (digits) or business-scoped user id"
            )))
        }
    }
}

/// A business-scoped user id: a two-letter upper-case country code, a dot, then letters,
/// digits and dots (`US.13491208655302741918`, `US.ENT.…`).
fn is_bsuid(raw: &str) -> bool {
    let mut parts = raw.splitn(2, '.');
    let (Some(country), Some(rest)) = (parts.next(), parts.next()) else {
        return false;
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.len() <= 128
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(medium: Medium, raw: &str) -> String {
        normalise_identity(medium, raw).unwrap()
    }

    #[test]
    fn green_api_numbers_share_one_spelling() {
        for raw in [
            "79001234567@c.us",
            "79001234567",
            "+7 900 123-45-67",
            "+7 (900) 123.45.67",
            " 79001234567@C.US ",
            "79001234567@s.whatsapp.net",
        ] {
            assert_eq!(
                ok(Medium::WhatsappGreenapi, raw),
                "79001234567@c.us",
                "{raw}"
            );
        }
        assert_eq!(
            ok(Medium::WhatsappGreenapi, "120363043968066561@g.us"),
            "120363043968066561@g.us"
        );
        for raw in ["alice", "123", "7900abc4567@c.us", "@g.us", "+"] {
            assert!(
                normalise_identity(Medium::WhatsappGreenapi, raw).is_err(),
                "{raw}"
            );
        }
    }

    #[test]
    fn meta_ids_are_digits_or_bsuids() {
        assert_eq!(ok(Medium::WhatsappMeta, "+1 (555) 010-9999"), "15550109999");
        assert_eq!(ok(Medium::WhatsappMeta, "15550109999"), "15550109999");
        assert_eq!(
            ok(Medium::WhatsappMeta, "US.13491208655302741918"),
            "US.13491208655302741918"
        );
        for raw in ["bob", "us.123", "US.", "15550109999@c.us"] {
            assert!(
                normalise_identity(Medium::WhatsappMeta, raw).is_err(),
                "{raw}"
            );
        }
    }

    #[test]
    fn telegram_ids_are_integers() {
        assert_eq!(ok(Medium::Telegram, " 5123456789 "), "5123456789");
        assert_eq!(ok(Medium::Telegram, "-1001234567890"), "-1001234567890");
        assert_eq!(ok(Medium::Telegram, "00555"), "555");
        for raw in ["@alice", "+555", "0", "12a", "", "99999999999999999999"] {
            assert!(normalise_identity(Medium::Telegram, raw).is_err(), "{raw}");
        }
    }
}
