//! The start time of a service name.

use super::duration::{Duration, Unit, durations};
use super::lexer::{Segment, Token, next_meaningful, previous_meaningful};
use super::policy::StartWindow;
use super::refill::{
    is_alone, is_decoration, is_own_item, is_refill_marker, is_refill_window, is_refill_word,
};
use super::speed::{is_speed_at, is_speed_ending_at};
use super::words::{
    START_FILLERS, START_WORDS, is_denial_text, is_instant_text, is_word_in, is_word_where,
};

/// The start window stated by a lexed name: the first explicit window next to a start word
/// (or clock emoji); else the first window written without one (`[0-20 MIN]`,
/// `Instant - 4 hrs`, `[12H - 500/D - R30]`), which must open at 0 when the product itself
/// lasts a time (live streams, watch time, retention: `Live Stream Views [30-60 Minutes]` is
/// the stream's length); else 0/0 when the name says "instant" anywhere; else unknown.
pub(crate) fn start_window(segments: &[Segment]) -> StartWindow {
    let explicit = segments.iter().find_map(explicit_window);
    let timed_product = segments
        .iter()
        .flatten()
        .any(|token| is_word_in(token, TIMED_PRODUCTS));
    let wordless = segments
        .iter()
        .find_map(wordless_window)
        .filter(|window| !timed_product || window.min_minutes == Some(0));
    let instant = segments.iter().any(mentions_instant);
    explicit
        .or(wordless)
        .or(instant.then_some(StartWindow::INSTANT))
        .unwrap_or(StartWindow::UNKNOWN)
}

/// Words of products that last a time, whose durations are the product's.
const TIMED_PRODUCTS: &[&str] = &[
    "live",
    "stream",
    "streams",
    "livestream",
    "watch",
    "watchtime",
    "retention",
    "retensi",
    "canlı",
    "yayın",
    "эфир",
    "эфира",
    "трансляция",
    "трансляции",
    "удержание",
    "vivo",
    "directo",
];

/// Whether a token introduces a start time: a start word or a clock emoji (`⏰ 0-10 Min`).
fn is_start_marker(token: &Token) -> bool {
    is_word_in(token, START_WORDS) || matches!(token, Token::Symbol('⏰' | '⏱' | '⌛' | '⏳'))
}

/// A window from a duration right after a start word (`Start: 0-1 Hour`), or right before
/// one (`0–10 Min Start`, minutes and hours only). A start word followed by "instant" has
/// no explicit window; a duration tied to a refill marker (`Start - 60D Refill`) is a
/// refill window, not a start.
fn explicit_window(segment: &Segment) -> Option<StartWindow> {
    let found = durations(segment);
    let start_words = (0..segment.len()).filter(|i| is_start_marker(&segment[*i]));
    for index in start_words {
        let mut after = next_meaningful(segment, index + 1);
        while let Some(i) = after.filter(|i| is_word_in(&segment[*i], START_FILLERS)) {
            after = next_meaningful(segment, i + 1);
        }
        if after.is_some_and(|i| is_word_where(&segment[i], is_instant_text)) {
            continue;
        }
        let following = found.iter().find(|d| Some(d.start) == after);
        if let Some(duration) = following.filter(|d| !is_refill_window(segment, d)) {
            if let Some(window) = window_of(duration) {
                return Some(window);
            }
        }
        let before = previous_meaningful(segment, index);
        let preceding = found.iter().find(|d| before == Some(d.end - 1));
        if let Some(duration) = preceding.filter(|d| is_short(d)) {
            if let Some(window) = window_of(duration) {
                return Some(window);
            }
        }
    }
    None
}

/// A start window written without a start word, in minutes or hours and never with a lone
/// `m` (minutes or millions): `instant` up to a duration (`Instant - 4 hrs`); a range alone
/// in its segment or item (`[0-20 MIN]`, `| 0 - 6 hrs |`, `[0-1/Ч]`, `⭐ 0-1H ⭐`) or ending a
/// list item after a
/// speed (`10K/Day - 0-1 Hour`); or the duration that opens a
/// compact block and is followed by a speed or refill code (`[6H - 10K/D - R30]`,
/// `[12H-500/D]`, `[0-6H - 5K/D - NR]`). Product and delivery durations (`[60 Minutes]`,
/// `[5-20 Min Retention]`, `Delivered Within 12H-48H`) are none of these.
fn wordless_window(segment: &Segment) -> Option<StartWindow> {
    let found: Vec<Duration> = durations(segment)
        .into_iter()
        .filter(|d| is_short(d) && !d.ambiguous)
        .collect();
    let up_to_instant = found
        .iter()
        .find(|d| d.high.is_none() && follows_instant(segment, d));
    if let Some(duration) = up_to_instant {
        return window_of(duration);
    }
    let alone_range = found.iter().find(|d| {
        d.high.is_some()
            && (is_alone(segment, d.start, d.end) || is_own_item(segment, d.start, d.end))
    });
    if let Some(duration) = alone_range {
        return window_of(duration);
    }
    let after_speed = found
        .iter()
        .find(|d| d.high.is_some() && follows_speed(segment, d));
    if let Some(duration) = after_speed {
        return window_of(duration);
    }
    found
        .first()
        .filter(|d| opens_compact_block(segment, d))
        .and_then(window_of)
}

/// Whether a range comes right after a speed and ends its item (`10K/Day - 0-1 Hour`).
fn follows_speed(segment: &Segment, duration: &Duration) -> bool {
    let after_speed = previous_meaningful(segment, duration.start)
        .is_some_and(|before| is_speed_ending_at(segment, before));
    let ends_item = matches!(
        segment.get(duration.end),
        None | Some(Token::Symbol('-' | ',' | '~'))
    );
    after_speed && ends_item
}

/// Whether a single duration comes right after `instant -` or `instant to`.
fn follows_instant(segment: &Segment, duration: &Duration) -> bool {
    let Some(mark) = duration.start.checked_sub(1) else {
        return false;
    };
    let is_mark = matches!(segment[mark], Token::Symbol('-' | '~'))
        || is_word_in(&segment[mark], &["to", "até", "ate", "до", "a"]);
    let instant = previous_meaningful(segment, mark)
        .is_some_and(|i| is_word_where(&segment[i], is_instant_text));
    is_mark && instant
}

/// Whether a duration opens its segment (after emoji at most) and a speed, refill code,
/// refill marker or denial comes next.
fn opens_compact_block(segment: &Segment, duration: &Duration) -> bool {
    let opens = segment[..duration.start].iter().all(is_decoration);
    let next = (duration.end..segment.len()).find(|i| !is_decoration(&segment[*i]));
    let then = next.is_some_and(|i| {
        is_speed_at(segment, i)
            || matches!(segment[i], Token::RefillCode(_))
            || is_refill_marker(&segment[i])
            || is_word_where(&segment[i], is_denial_text)
    });
    opens && then
}

/// Whether the segment says "instant", except as in "instant refill" (`instant ♻` counts).
fn mentions_instant(segment: &Segment) -> bool {
    (0..segment.len())
        .filter(|i| is_word_where(&segment[*i], is_instant_text))
        .any(|index| {
            !next_meaningful(segment, index + 1).is_some_and(|i| is_refill_word(&segment[i]))
        })
}

/// Whether a duration is in seconds, minutes or hours.
fn is_short(duration: &Duration) -> bool {
    matches!(duration.low.unit, Unit::Second | Unit::Minute | Unit::Hour)
}

/// A range A–B is A/B; a single value X is "within X", 0/X.
fn window_of(duration: &Duration) -> Option<StartWindow> {
    let low = duration.low.minutes()?;
    match duration.high {
        Some(high) => Some(StartWindow::between(low, high.minutes()?)),
        None => Some(StartWindow::between(0, low)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;

    fn start(name: &str) -> StartWindow {
        start_window(&lex(name))
    }

    #[test]
    fn windows_follow_or_precede_a_start_word() {
        assert_eq!(
            start("[Start Time: 0-6 Hours]"),
            StartWindow::between(0, 360)
        );
        assert_eq!(start("(Start Time:-0-1 Hour)"), StartWindow::between(0, 60));
        assert_eq!(start("Start in 0-4 Hours"), StartWindow::between(0, 240));
        assert_eq!(start("[Start:1H]"), StartWindow::between(0, 60));
        assert_eq!(start("0–10 Min Start"), StartWindow::between(0, 10));
        assert_eq!(start("[Start: 30-90 Seconds]"), StartWindow::between(1, 2));
        assert_eq!(start("[Start: 1-2 Days]"), StartWindow::between(1440, 2880));
        assert_eq!(start("[Старт 0-1 час]"), StartWindow::between(0, 60));
    }

    #[test]
    fn instant_yields_to_an_explicit_window() {
        assert_eq!(start("Instant Start"), StartWindow::INSTANT);
        assert_eq!(start("{start:Instant}"), StartWindow::INSTANT);
        assert_eq!(start("Superfast - INSTANT"), StartWindow::INSTANT);
        assert_eq!(
            start("Instant | 0–30 Min Start"),
            StartWindow::between(0, 30)
        );
        assert_eq!(start("Instant Refill"), StartWindow::UNKNOWN);
        assert_eq!(start("instant ♻️⚡"), StartWindow::INSTANT);
    }

    #[test]
    fn refill_and_other_durations_are_not_starts() {
        assert_eq!(
            start("0–10 Min Start - 60D Refill"),
            StartWindow::between(0, 10)
        );
        assert_eq!(start("Start - 60D Refill"), StartWindow::UNKNOWN);
        assert_eq!(start("Refill 30 Days Start"), StartWindow::UNKNOWN);
        assert_eq!(start("Delivered Within 12H-48H"), StartWindow::UNKNOWN);
        assert_eq!(start("[4000 Hours]"), StartWindow::UNKNOWN);
        assert_eq!(start("Speed: 100K/H"), StartWindow::UNKNOWN);
    }

    #[test]
    fn hypersmm_code_blocks_open_with_the_start() {
        assert_eq!(
            start("Followers [6H - 10K/Day - R30]"),
            StartWindow::between(0, 360)
        );
        assert_eq!(
            start("Followers [6H - 10K/Day]"),
            StartWindow::between(0, 360)
        );
        assert_eq!(start("Followers [12H-500/D]"), StartWindow::between(0, 720));
        assert_eq!(
            start("Followers [0-6H - 5K/D - NR]"),
            StartWindow::between(0, 360)
        );
        assert_eq!(start("Followers [1M - 10K/D]"), StartWindow::UNKNOWN);
        assert_eq!(start("Followers [6H Fast]"), StartWindow::UNKNOWN);
    }

    #[test]
    fn windows_without_a_start_word() {
        assert_eq!(start("Likes [0-20 MIN]"), StartWindow::between(0, 20));
        assert_eq!(start("Likes | 0 - 6 hrs |"), StartWindow::between(0, 360));
        assert_eq!(
            start("Likes | Instant - 4 hrs"),
            StartWindow::between(0, 240)
        );
        assert_eq!(start("Likes [Instant-1H]"), StartWindow::between(0, 60));
        assert_eq!(
            start("Лайки [HQ | 0-6/Ч | 500/Д]"),
            StartWindow::between(0, 360)
        );
        assert_eq!(start("Takipçi [0-1 Saat]"), StartWindow::between(0, 60));
        assert_eq!(start("Views [0-1H] [INSTANT]"), StartWindow::between(0, 60));
        assert_eq!(
            start("Likes ⏰ 0-10 Min ⚡ 50K/Day"),
            StartWindow::between(0, 10)
        );
    }

    #[test]
    fn product_and_delivery_durations_are_not_starts() {
        for name in [
            "YouTube 60 Min Live Stream Views",
            "Live Stream Views [ 60 Minutes ]",
            "YouTube 1000 Hours Watch Time",
            "Views [ 5 - 20 Min Retention ]",
            "Followers [Finishes in 24h]",
            "Followers [Delivery: 1-3 Days]",
            "Views [20M] [Max 3m]",
            "Views [Speed 1M/Hour]",
            "Facebook Live Stream Views [30-60 Minutes]",
            "YouTube Watch Time [1-2 Hours Video]",
        ] {
            assert_eq!(start(name), StartWindow::UNKNOWN, "{name}");
        }
    }
}
