//! The messaging mediums panelrelay speaks, and their text limits.

use serde::{Deserialize, Serialize};

/// A messaging medium: where a customer writes from, or where a provider group lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    /// Telegram Bot API.
    Telegram,
    /// WhatsApp through Green API (a linked phone; can join existing groups).
    WhatsappGreenapi,
    /// WhatsApp Cloud API by Meta.
    WhatsappMeta,
}

impl Medium {
    /// Every medium.
    pub const ALL: [Medium; 3] = [
        Medium::Telegram,
        Medium::WhatsappGreenapi,
        Medium::WhatsappMeta,
    ];

    /// The stored and wire name (`telegram`, `whatsapp_greenapi`, `whatsapp_meta`).
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Telegram => "telegram",
            Medium::WhatsappGreenapi => "whatsapp_greenapi",
            Medium::WhatsappMeta => "whatsapp_meta",
        }
    }

    /// Parses the stored and wire name.
    pub fn parse(text: &str) -> Option<Self> {
        Medium::ALL
            .into_iter()
            .find(|medium| medium.as_str() == text)
    }

    /// The longest text one message may carry, in UTF-16 code units (see [`text_len`]):
    /// Telegram 4096 (after entity parsing), Green API `sendMessage` 20 000, Meta Cloud API
    /// text `body` 4096.
    pub fn max_text_len(self) -> usize {
        match self {
            Medium::Telegram => 4096,
            Medium::WhatsappGreenapi => 20_000,
            Medium::WhatsappMeta => 4096,
        }
    }
}

/// The length of `text` as the mediums count it, conservatively: UTF-16 code units. That is
/// Telegram's own measure and never less than the number of characters, so a text within
/// this length fits every medium's limit.
pub fn text_len(text: &str) -> usize {
    text.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_lengths() {
        assert_eq!(Medium::Telegram.max_text_len(), 4096);
        assert_eq!(Medium::WhatsappGreenapi.max_text_len(), 20_000);
        assert_eq!(Medium::WhatsappMeta.max_text_len(), 4096);
        assert_eq!(text_len("123 refill"), 10);
        assert_eq!(text_len("♻"), 1);
        assert_eq!(text_len("🔄"), 2);
        assert_eq!(
            serde_json::to_string(&Medium::WhatsappGreenapi).unwrap(),
            "\"whatsapp_greenapi\""
        );
        for medium in Medium::ALL {
            let wire = serde_json::to_string(&medium).unwrap();
            assert_eq!(wire, format!("\"{}\"", medium.as_str()));
            assert_eq!(Medium::parse(medium.as_str()), Some(medium));
        }
    }
}
