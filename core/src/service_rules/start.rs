//! The start time of a service name.

use super::duration::{Duration, Unit, durations};
use super::lexer::{Segment, Token, next_meaningful, previous_meaningful};
use super::policy::StartWindow;
use super::refill::{is_refill_window, is_refill_word};

/// The start window stated by a lexed name: the first explicit window next to a start word;
/// else 0/0 when the name says "instant" anywhere; else the leading duration of a
/// `[6H - 10K/Day - R30]` code block; else unknown.
pub(crate) fn start_window(segments: &[Segment]) -> StartWindow {
    let explicit = segments.iter().find_map(explicit_window);
    let instant = segments.iter().any(mentions_instant);
    let coded = segments.iter().find_map(coded_window);
    explicit
        .or(instant.then_some(StartWindow::INSTANT))
        .or(coded)
        .unwrap_or(StartWindow::UNKNOWN)
}

/// Words that introduce a start time.
const START_WORDS: &[&str] = &[
    "start",
    "starts",
    "starting",
    "старт",
    "início",
    "inicio",
    "mulai",
    "başlangıç",
    "baslangic",
];

/// Words skipped between a start word and its value (`Start Time: …`, `Start in …`).
const START_FILLERS: &[&str] = &["time", "in", "within", "через", "em", "en", "dalam"];

/// Words that mean an instant start.
const INSTANT_WORDS: &[&str] = &[
    "instant",
    "instantly",
    "immediate",
    "immediately",
    "instan",
    "мгновенно",
    "мгновенный",
    "моментально",
    "imediato",
    "instantâneo",
    "instantaneo",
    "inmediato",
    "anında",
    "aninda",
];

/// A window from a duration right after a start word (`Start: 0-1 Hour`), or right before
/// one (`0–10 Min Start`, minutes and hours only). A start word followed by "instant" has
/// no explicit window; a duration tied to a refill marker (`Start - 60D Refill`) is a
/// refill window, not a start.
fn explicit_window(segment: &Segment) -> Option<StartWindow> {
    let found = durations(segment);
    let start_words = (0..segment.len()).filter(|i| is_word_in(&segment[*i], START_WORDS));
    for index in start_words {
        let mut after = next_meaningful(segment, index + 1);
        while let Some(i) = after.filter(|i| is_word_in(&segment[*i], START_FILLERS)) {
            after = next_meaningful(segment, i + 1);
        }
        if after.is_some_and(|i| is_word_in(&segment[i], INSTANT_WORDS)) {
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

/// Whether the segment says "instant", except as in "instant refill" (`instant ♻` counts).
fn mentions_instant(segment: &Segment) -> bool {
    (0..segment.len())
        .filter(|i| is_word_in(&segment[*i], INSTANT_WORDS))
        .any(|index| {
            !next_meaningful(segment, index + 1).is_some_and(|i| is_refill_word(&segment[i]))
        })
}

/// The start of hypersmm's `[<start> - <speed> - R<days>]` block: a segment holding a refill
/// code and opening with a minutes or hours duration.
fn coded_window(segment: &Segment) -> Option<StartWindow> {
    let has_code = segment
        .iter()
        .any(|token| matches!(token, Token::RefillCode(_)));
    let opening = durations(segment)
        .into_iter()
        .next()
        .filter(|d| d.start == 0);
    opening
        .filter(|d| has_code && is_short(d))
        .and_then(|d| window_of(&d))
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

fn is_word_in(token: &Token, words: &[&str]) -> bool {
    matches!(token, Token::Word(word) if words.contains(&word.as_str()))
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
        assert_eq!(start("Followers [6H - 10K/Day]"), StartWindow::UNKNOWN);
    }
}
