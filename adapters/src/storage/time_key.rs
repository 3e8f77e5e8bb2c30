//! Keyset positions on (time, id) for lists that grow while they are read (logs,
//! conversations): a page after a key holds only rows strictly before it in (time, id) order,
//! so rows inserted meanwhile (newer) never shift the pages of rows that already existed.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};

/// The separator between the parts of an encoded key (never in a timestamp or a UUID).
const SEPARATOR: char = '~';

/// A position in a list ordered by (time, id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeKey {
    /// The row's stored time.
    pub at: NaiveDateTime,
    /// The row's id (or, for chats, `channel~chat`), the tie-breaker.
    pub id: String,
}

impl TimeKey {
    /// The key of a row.
    pub fn new(at: NaiveDateTime, id: impl Into<String>) -> Self {
        TimeKey { at, id: id.into() }
    }

    /// The key as text: `{RFC 3339 time with microseconds}~{id}`.
    pub fn encode(&self) -> String {
        format!(
            "{}{SEPARATOR}{}",
            self.at
                .and_utc()
                .to_rfc3339_opts(SecondsFormat::Micros, true),
            self.id
        )
    }

    /// Reads a key written by [`TimeKey::encode`]; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (at, id) = text.split_once(SEPARATOR)?;
        let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
        if id.is_empty() {
            return None;
        }
        Some(TimeKey {
            at: at.naive_utc(),
            id: id.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_garbage_is_refused() {
        let at = crate::storage::to_db_time(Utc::now());
        let key = TimeKey::new(at, "0193-abc~555@c.us");
        assert_eq!(TimeKey::parse(&key.encode()), Some(key));
        assert_eq!(TimeKey::parse("nonsense"), None);
        assert_eq!(TimeKey::parse("2026-01-01T00:00:00Z~"), None);
        assert_eq!(TimeKey::parse("yesterday~id"), None);
    }
}
