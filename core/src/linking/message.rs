//! What a private message asks of the linking flow.

use unicode_normalization::UnicodeNormalization;

/// The longest panel username accepted after `link`.
const MAX_USERNAME_CHARS: usize = 100;

/// A message the linking flow answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkMessage {
    /// `link <username>`: send a code to that panel account.
    Request {
        /// The panel username as written.
        username: String,
    },
    /// `link` alone: explain how.
    MissingUsername,
    /// Six digits (spaces allowed between them): maybe the code of a pending request.
    Code(String),
}

/// What `text` asks of the linking flow, if anything.
///
/// `link`, `/link` and `/link@bot` (Telegram commands) are case-insensitive, and full-width
/// or styled letters count (NFKC). The username is one word of at most 100 characters: a
/// sentence such as "link my account please" is not a request. A code is exactly six
/// digits, spaces between them allowed (`123 456`).
pub fn parse_link_message(text: &str) -> Option<LinkMessage> {
    let text: String = text.nfkc().collect();
    let text = text.trim();
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(LinkMessage::Code(digits));
    }
    let mut words = text.split_whitespace();
    let keyword = words.next()?.to_lowercase();
    let keyword = keyword.strip_prefix('/').unwrap_or(&keyword);
    let keyword = keyword.split('@').next().unwrap_or_default();
    if keyword != "link" {
        return None;
    }
    let Some(username) = words.next() else {
        return Some(LinkMessage::MissingUsername);
    };
    let acceptable = words.next().is_none()
        && username.chars().count() <= MAX_USERNAME_CHARS
        && !username.chars().any(char::is_control);
    acceptable.then(|| LinkMessage::Request {
        username: username.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(username: &str) -> Option<LinkMessage> {
        Some(LinkMessage::Request {
            username: username.into(),
        })
    }

    #[test]
    fn link_requests_name_one_username() {
        assert_eq!(parse_link_message("link alice"), request("alice"));
        assert_eq!(
            parse_link_message("  LINK   Alice_99 "),
            request("Alice_99")
        );
        assert_eq!(parse_link_message("/link bob"), request("bob"));
        assert_eq!(parse_link_message("/link@relay_bot bob"), request("bob"));
        assert_eq!(parse_link_message("ｌｉｎｋ carol"), request("carol"));
        assert_eq!(
            parse_link_message("link"),
            Some(LinkMessage::MissingUsername)
        );
        assert_eq!(parse_link_message("link my account please"), None);
        assert_eq!(parse_link_message("linked alice"), None);
        assert_eq!(parse_link_message("2274209 refill"), None);
        assert_eq!(parse_link_message(""), None);
        assert_eq!(
            parse_link_message(&format!("link {}", "a".repeat(101))),
            None
        );
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(
            parse_link_message(" 123456 "),
            Some(LinkMessage::Code("123456".into()))
        );
        assert_eq!(
            parse_link_message("123 456"),
            Some(LinkMessage::Code("123456".into()))
        );
        assert_eq!(
            parse_link_message("０１２３４５"),
            Some(LinkMessage::Code("012345".into()))
        );
        assert_eq!(parse_link_message("12345"), None);
        assert_eq!(parse_link_message("1234567"), None);
        assert_eq!(parse_link_message("123456 refill"), None);
    }
}
