//! The refill policy of a service name.

use super::duration::{Duration, durations};
use super::lexer::{Segment, Token, next_meaningful, previous_meaningful};
use super::policy::RefillPolicy;

/// The refill policy stated by a lexed name. Conservative when signals disagree: an
/// explicit denial wins, then the shortest window, then lifetime; otherwise unknown.
pub(crate) fn refill_policy(segments: &[Segment]) -> RefillPolicy {
    let mut denied = false;
    let mut shortest_days: Option<u32> = None;
    let mut lifetime = false;
    for segment in segments {
        denied |= denies_refill(segment);
        lifetime |= states_lifetime(segment);
        for days in window_days(segment) {
            shortest_days = Some(shortest_days.map_or(days, |shortest| shortest.min(days)));
        }
    }
    match (denied, shortest_days, lifetime) {
        (true, _, _) => RefillPolicy::None,
        (false, Some(days), _) => RefillPolicy::Days(days),
        (false, None, true) => RefillPolicy::Lifetime,
        (false, None, false) => RefillPolicy::Unknown,
    }
}

/// A word or emoji that announces a refill or guarantee: `refill` and its typos
/// (`refil…`), `guarantee`, `garantia`, `гарантия`, `reposição`, `♻`, `🔄`, `🔁`.
pub(crate) fn is_refill_marker(token: &Token) -> bool {
    match token {
        Token::Word(word) => {
            word.starts_with("refil")
                || matches!(
                    word.as_str(),
                    "guarantee"
                        | "guaranteed"
                        | "guarantees"
                        | "warranty"
                        | "garantia"
                        | "garantía"
                        | "garanti"
                        | "гарантия"
                        | "гарантии"
                        | "гарантией"
                        | "reposição"
                        | "reposicao"
                        | "reposición"
                        | "reposicion"
                )
        }
        Token::Symbol(symbol) => matches!(symbol, '♻' | '🔄' | '🔁'),
        _ => false,
    }
}

/// Whether the segment denies refill: a negation before a refill word (`no refill`,
/// `non refil`, `без гарантии`) or a "no" after it (`refill: no`, `refill:- no!`), but not
/// `refill: no drop`.
fn denies_refill(segment: &Segment) -> bool {
    (0..segment.len())
        .filter(|i| is_refill_word(&segment[*i]))
        .any(|index| {
            let negated_before = previous_meaningful(segment, index)
                .is_some_and(|before| is_word_in(&segment[before], NEGATIONS));
            let answered_no = next_meaningful(segment, index + 1).is_some_and(|after| {
                let no = is_word_in(&segment[after], ANSWERS_NO)
                    || matches!(segment[after], Token::Symbol('❌' | '✖' | '✗'));
                let then_drop = next_meaningful(segment, after + 1)
                    .is_some_and(|next| is_word_in(&segment[next], &["drop"]));
                no && !then_drop
            });
            negated_before || answered_no
        })
}

/// Words that negate the refill word after them.
const NEGATIONS: &[&str] = &["no", "non", "not", "without", "sem", "sin", "без", "tanpa"];

/// Words that answer "no" after a refill word.
const ANSWERS_NO: &[&str] = &["no", "none", "false", "нет", "não", "nao", "yok", "tidak"];

/// Refill words, without the emoji: emoji never deny, and `instant ♻` is an instant start.
pub(crate) fn is_refill_word(token: &Token) -> bool {
    matches!(token, Token::Word(_)) && is_refill_marker(token)
}

fn is_word_in(token: &Token, words: &[&str]) -> bool {
    matches!(token, Token::Word(word) if words.contains(&word.as_str()))
}

/// The refill windows of a segment, in days: day-or-longer durations tied to a refill
/// marker, a duration that fills the whole segment (`| 365 Days |`), and `r30` codes.
fn window_days(segment: &Segment) -> Vec<u32> {
    let mut days: Vec<u32> = durations(segment)
        .into_iter()
        .filter(|duration| is_refill_window(segment, duration))
        .filter_map(|duration| duration.low.days())
        .collect();
    days.extend(segment.iter().filter_map(|token| match token {
        Token::RefillCode(Some(days)) => Some(*days),
        _ => None,
    }));
    days
}

/// Whether a duration is a refill window: tied to a refill marker right before or after
/// it, or alone in its segment.
pub(crate) fn is_refill_window(segment: &Segment, duration: &Duration) -> bool {
    let marker_before = previous_meaningful(segment, duration.start)
        .is_some_and(|before| is_refill_marker(&segment[before]));
    let marker_after = next_meaningful(segment, duration.end)
        .is_some_and(|after| is_refill_marker(&segment[after]));
    let alone = previous_meaningful(segment, duration.start).is_none()
        && next_meaningful(segment, duration.end).is_none();
    let long_enough = duration.low.days().is_some();
    long_enough && (marker_before || marker_after || alone)
}

/// Whether the segment states lifetime refill: `r∞`, or a lifetime word next to a refill
/// marker (`lifetime refill`, `refill - lifetime`, `lifetime guaranteed`) or before
/// "non drop" (`lifetime non drop`).
fn states_lifetime(segment: &Segment) -> bool {
    let code = segment.contains(&Token::RefillCode(None));
    let word = (0..segment.len())
        .filter(|i| is_word_in(&segment[*i], LIFETIME_WORDS))
        .any(|index| {
            let before = previous_meaningful(segment, index).map(|i| &segment[i]);
            let after = next_meaningful(segment, index + 1);
            let marker_before = before.is_some_and(is_refill_marker);
            let marker_after = after.is_some_and(|i| is_refill_marker(&segment[i]));
            let non_drop = after.is_some_and(|i| {
                is_word_in(&segment[i], &["non", "no", "zero"])
                    && next_meaningful(segment, i + 1)
                        .is_some_and(|drop| is_word_in(&segment[drop], &["drop"]))
            });
            marker_before || marker_after || non_drop
        });
    code || word
}

/// Lifetime in the languages of panel catalogues (`life time` is joined by the lexer).
const LIFETIME_WORDS: &[&str] = &[
    "lifetime",
    "vitalício",
    "vitalicio",
    "vitalícia",
    "vitalicia",
    "пожизненная",
    "пожизненно",
    "selamanya",
];

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;

    fn refill(name: &str) -> RefillPolicy {
        refill_policy(&lex(name))
    }

    #[test]
    fn windows_need_a_refill_marker_or_their_own_segment() {
        assert_eq!(refill("[Refill: 30 Days]"), RefillPolicy::Days(30));
        assert_eq!(refill("30 Days Refill"), RefillPolicy::Days(30));
        assert_eq!(refill("[3month Guarantee]"), RefillPolicy::Days(90));
        assert_eq!(refill("[Refill: 1 Year]"), RefillPolicy::Days(365));
        assert_eq!(refill("Refill 2 Weeks"), RefillPolicy::Days(14));
        assert_eq!(refill("Likes | 365 Days |"), RefillPolicy::Days(365));
        assert_eq!(refill("Likes 30 Days Fast"), RefillPolicy::Unknown);
        assert_eq!(refill("[10-20Days Non Drop]"), RefillPolicy::Unknown);
        assert_eq!(refill("Refill 24 Hours"), RefillPolicy::Unknown);
    }

    #[test]
    fn denial_wins_and_shortest_window_wins() {
        assert_eq!(refill("No Refill ♻️ 30 Days ♻️"), RefillPolicy::None);
        assert_eq!(refill("Refill 30 Days | R60"), RefillPolicy::Days(30));
        assert_eq!(
            refill("Lifetime Refill [Refill: 90D]"),
            RefillPolicy::Days(90)
        );
        assert_eq!(refill("Refill: No Drop"), RefillPolicy::Unknown);
        assert_eq!(refill("Без гарантии"), RefillPolicy::None);
        assert_eq!(refill("Refill ❌"), RefillPolicy::None);
    }

    #[test]
    fn lifetime_needs_context() {
        assert_eq!(refill("Lifetime Refill"), RefillPolicy::Lifetime);
        assert_eq!(refill("[Lifetime Non Drop]"), RefillPolicy::Lifetime);
        assert_eq!(refill("Refill - Lifetime"), RefillPolicy::Lifetime);
        assert_eq!(refill("R∞"), RefillPolicy::Lifetime);
        assert_eq!(refill("Netflix Lifetime Account"), RefillPolicy::Unknown);
    }
}
