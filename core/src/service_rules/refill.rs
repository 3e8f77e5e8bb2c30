//! The refill policy of a service name.

use super::duration::{Duration, durations};
use super::lexer::{Segment, Token, is_filler, next_meaningful, previous_meaningful};
use super::policy::RefillPolicy;
use super::words::{
    ANSWERS_NO, EVERY, NEGATION_FILLERS, NEGATIONS, REFILL_BRIDGES, is_code_text, is_denial_text,
    is_lifetime_text, is_period_marker_text, is_refill_text, is_word_in, is_word_where,
};

/// The refill policy stated by a lexed name. Conservative when signals disagree: an
/// explicit denial (or a zero-day window, `0 Days Refill`) wins, then the shortest window,
/// then lifetime; otherwise unknown.
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
        (true, _, _) | (false, Some(0), _) => RefillPolicy::None,
        (false, Some(days), _) => RefillPolicy::Days(days),
        (false, None, true) => RefillPolicy::Lifetime,
        (false, None, false) => RefillPolicy::Unknown,
    }
}

/// A word, code or emoji that announces a refill or guarantee: the refill words of
/// `words.rs`, `working` (`Working For 1 Year`), the codes `r`, `ar`, `rav`, and `♻`, `🔄`,
/// `🔁`.
pub(crate) fn is_refill_marker(token: &Token) -> bool {
    match token {
        Token::Word(word) => {
            is_refill_text(word) || is_code_text(word) || is_period_marker_text(word)
        }
        Token::Symbol(symbol) => is_refill_emoji(*symbol),
        _ => false,
    }
}

fn is_refill_emoji(symbol: char) -> bool {
    matches!(symbol, '♻' | '🔄' | '🔁')
}

/// Refill words, without codes and emoji: only these can be denied, and `instant ♻` is an
/// instant start.
pub(crate) fn is_refill_word(token: &Token) -> bool {
    is_word_where(token, is_refill_text)
}

/// Whether the segment denies refill: a denial word (`nr`, `garantisiz`), a negation before
/// a refill word (`no refill`, `non refil`, `без гарантии`, `gak ada refill`, `🚫 refill`) or a "no"
/// after it (`refill: no`, `garanti yok`, `refill: off`), but not `refill: no drop`.
fn denies_refill(segment: &Segment) -> bool {
    let denial_word = segment
        .iter()
        .any(|token| is_word_where(token, is_denial_text));
    denial_word
        || (0..segment.len())
            .filter(|i| is_refill_word(&segment[*i]))
            .any(|index| negated_before(segment, index) || answered_no(segment, index))
}

fn negated_before(segment: &Segment, index: usize) -> bool {
    let is_negation = |token: &Token| {
        is_word_in(token, NEGATIONS) || matches!(token, Token::Symbol('🚫' | '⛔' | '❌'))
    };
    let Some(before) = previous_meaningful(segment, index) else {
        return false;
    };
    if is_word_in(&segment[before], NEGATION_FILLERS) {
        return previous_meaningful(segment, before)
            .is_some_and(|negation| is_negation(&segment[negation]));
    }
    is_negation(&segment[before])
}

fn answered_no(segment: &Segment, index: usize) -> bool {
    next_meaningful(segment, index + 1).is_some_and(|after| {
        let no = is_word_in(&segment[after], ANSWERS_NO)
            || matches!(segment[after], Token::Symbol('❌' | '✖' | '✗' | '⛔'));
        let then_drop = next_meaningful(segment, after + 1)
            .is_some_and(|next| is_word_in(&segment[next], &["drop"]));
        no && !then_drop
    })
}

/// The refill windows of a segment, in days: day-or-longer durations tied to a refill
/// marker or alone in the segment (`| 365 Days |`), `r30` codes, and bare numbers after a
/// marker (`Refill 30`, `R 30`, `AR30`, `♻️30`).
fn window_days(segment: &Segment) -> Vec<u32> {
    let found = durations(segment);
    let mut days: Vec<u32> = found
        .iter()
        .filter(|duration| is_refill_window(segment, duration))
        .filter_map(|duration| duration.low.days())
        .collect();
    days.extend(segment.iter().filter_map(|token| match token {
        Token::RefillCode(Some(days)) => Some(*days),
        _ => None,
    }));
    let in_duration = |index: usize| found.iter().any(|d| (d.start..d.end).contains(&index));
    days.extend(
        (0..segment.len())
            .filter(|index| !in_duration(*index))
            .filter_map(|index| bare_period(segment, index)),
    );
    days
}

/// Whether a duration is a refill window: a day or longer, not a repeat interval
/// (`every 7 days`), and tied to a refill marker before or after it (across bridge words:
/// `refill button 30 days`, `7 дней без списаний ♻`) or alone in its segment.
pub(crate) fn is_refill_window(segment: &Segment, duration: &Duration) -> bool {
    let repeated = previous_meaningful(segment, duration.start)
        .is_some_and(|before| is_word_in(&segment[before], EVERY));
    let tied =
        marker_before(segment, duration.start).is_some() || marker_after(segment, duration.end);
    let long_enough = duration.low.days().is_some();
    long_enough && !repeated && (tied || is_alone(segment, duration.start, duration.end))
}

/// The refill marker before `index`, across punctuation, emoji and at most four bridge
/// words.
fn marker_before(segment: &Segment, index: usize) -> Option<usize> {
    let mut bridged = 0;
    for i in (0..index).rev() {
        let token = &segment[i];
        if is_refill_marker(token) {
            return Some(i);
        }
        if is_decoration(token) {
            continue;
        }
        if bridged < 4 && is_word_in(token, REFILL_BRIDGES) {
            bridged += 1;
            continue;
        }
        return None;
    }
    None
}

/// Whether a refill marker follows `index`, across punctuation, emoji and at most four
/// bridge words.
fn marker_after(segment: &Segment, index: usize) -> bool {
    let mut bridged = 0;
    for token in segment.iter().skip(index) {
        if is_refill_marker(token) {
            return true;
        }
        if is_decoration(token) {
            continue;
        }
        if bridged < 4 && is_word_in(token, REFILL_BRIDGES) {
            bridged += 1;
            continue;
        }
        return false;
    }
    false
}

/// Punctuation and emoji: any symbol but `/` and `%`, which make numbers rates and shares.
pub(crate) fn is_decoration(token: &Token) -> bool {
    matches!(token, Token::Symbol(c) if !matches!(c, '/' | '%'))
}

/// Whether tokens `start..end` sit between emoji or bullets used as separators
/// (`⭐ R30 ⭐ 0-1H ⭐ 10K/D`, `• Lifetime •`), or a segment edge.
pub(crate) fn is_own_item(segment: &Segment, start: usize, end: usize) -> bool {
    let separator =
        |token: Option<&Token>| token.is_none_or(|token| is_decoration(token) && !is_filler(token));
    let before = start.checked_sub(1).and_then(|i| segment.get(i));
    separator(before) && separator(segment.get(end))
}

/// Whether tokens `start..end` are all the segment holds besides punctuation and emoji.
pub(crate) fn is_alone(segment: &Segment, start: usize, end: usize) -> bool {
    segment[..start].iter().all(is_decoration)
        && segment[end.min(segment.len())..].iter().all(is_decoration)
}

/// A number of days written without a unit after a refill marker: after a code or emoji
/// (`R 30`, `AR30`, `♻️30`, `R 30 Instant`); after a refill word when the segment says
/// nothing else (`[Refill 30]`, `Авто-Восстановление 45♻️`) or when it ends the segment and
/// is at least a week (`Followers Refill 30`), so that `Guaranted 2 [Real]` (a server number)
/// is not a period. Never a number followed by a multiplier, `%`, `/` or a decimal point.
fn bare_period(segment: &Segment, index: usize) -> Option<u32> {
    let Token::Number(days) = segment[index] else {
        return None;
    };
    let marker = marker_before(segment, index)?;
    let abbreviated = match &segment[marker] {
        Token::Word(word) => is_code_text(word),
        Token::Symbol(_) => true,
        _ => false,
    };
    let next = segment.get(index + 1);
    let followed_well = match next {
        None => true,
        Some(Token::Symbol(c)) => !matches!(c, '%' | '/' | '.' | ',' | '+' | '*' | 'x'),
        Some(Token::Word(word)) => abbreviated && !QUANTITY_SUFFIXES.contains(&word.as_str()),
        Some(_) => false,
    };
    let says_nothing_else = || {
        segment.iter().enumerate().all(|(i, token)| {
            i == index
                || matches!(token, Token::Symbol(_))
                || is_refill_marker(token)
                || is_word_in(token, REFILL_BRIDGES)
        })
    };
    let ends_segment = || segment[index + 1..].iter().all(is_decoration);
    let trusted = abbreviated || (days >= 7 && ends_segment()) || says_nothing_else();
    (days > 0 && followed_well && trusted).then_some(days)
}

/// Words after a number that make it a quantity (`30k`, `30x`).
const QUANTITY_SUFFIXES: &[&str] = &[
    "k", "kk", "m", "b", "x", "к", "м", "млн", "тыс", "jt", "juta", "rb",
];

/// Whether the segment states lifetime refill: `r∞`, `∞` after a refill marker (`AR∞`,
/// `Refill: ∞`), or a lifetime word next to a refill marker (`lifetime refill`, `refill -
/// lifetime`, `lifetime guaranteed`, `гарантия навсегда`), before "non drop" (`lifetime non
/// drop`), or alone in its segment or item (`[Lifetime]`, `| Lifetime |`, `• Lifetime •`).
fn states_lifetime(segment: &Segment) -> bool {
    let code = segment.contains(&Token::RefillCode(None))
        || (0..segment.len())
            .any(|i| segment[i] == Token::Symbol('∞') && marker_before(segment, i).is_some());
    let word = (0..segment.len())
        .filter(|i| is_word_where(&segment[*i], is_lifetime_text))
        .any(|index| {
            let after = next_meaningful(segment, index + 1);
            let non_drop = after.is_some_and(|i| {
                is_word_in(&segment[i], &["non", "no", "zero", "без"])
                    && next_meaningful(segment, i + 1).is_some_and(|drop| {
                        is_word_in(&segment[drop], &["drop", "списаний", "списания"])
                    })
            });
            marker_before(segment, index).is_some()
                || marker_after(segment, index + 1)
                || non_drop
                || is_alone(segment, index, index + 1)
                || is_own_item(segment, index, index + 1)
        });
    code || word
}

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
        assert_eq!(refill("[Lifetime]"), RefillPolicy::Lifetime);
        assert_eq!(refill("| LIFETIME ♻️ |"), RefillPolicy::Lifetime);
        assert_eq!(refill("[Гарантия навсегда]"), RefillPolicy::Lifetime);
        assert_eq!(refill("[Ömür Boyu Garantili]"), RefillPolicy::Lifetime);
        assert_eq!(
            refill("Views • Lifetime • 1-6 Hours"),
            RefillPolicy::Lifetime
        );
        assert_eq!(refill("Followers | AR∞ | Instant"), RefillPolicy::Lifetime);
        assert_eq!(refill("Followers | 0 Days Refill"), RefillPolicy::None);
    }

    #[test]
    fn denials_in_abbreviations_and_other_languages() {
        for name in [
            "[NR]",
            "Likes | NR | 0-5 Min",
            "[Tanpa Garansi]",
            "[No Garansi]",
            "| Gak Ada Refill |",
            "[Tidak Ada Refill]",
            "[Без рефилла]",
            "[Без восстановления]",
            "| Garantisiz |",
            "| Garanti Yok |",
            "[Sem Reposição]",
            "[Sin Garantía]",
            "Refill: OFF",
            "[norefill]",
            "[Нет гарантии]",
            "[Без автодокрутки]",
            "| Refill Nahi |",
            "| 🚫 Refill |",
            "[Tanpa Isi Ulang]",
        ] {
            assert_eq!(refill(name), RefillPolicy::None, "{name}");
        }
    }

    #[test]
    fn periods_without_a_unit_or_with_other_words() {
        assert_eq!(refill("[R 30]"), RefillPolicy::Days(30));
        assert_eq!(refill("[AR30]"), RefillPolicy::Days(30));
        assert_eq!(refill("| Refill 30 |"), RefillPolicy::Days(30));
        assert_eq!(refill("Followers ♻️30"), RefillPolicy::Days(30));
        assert_eq!(refill("[Авто-Восстановление 45♻️]"), RefillPolicy::Days(45));
        assert_eq!(refill("[Refill Button 30 Days]"), RefillPolicy::Days(30));
        assert_eq!(
            refill("[Refill Button Working For 1 Year]"),
            RefillPolicy::Days(365)
        );
        assert_eq!(refill("[Garansi 30 Hari]"), RefillPolicy::Days(30));
        assert_eq!(refill("[Working For 1 Year]"), RefillPolicy::Days(365));
        assert_eq!(refill("Views | Working | Day 20M"), RefillPolicy::Unknown);
        assert_eq!(refill("[Garansi 1 Tahun]"), RefillPolicy::Days(365));
        assert_eq!(refill("[Isi Ulang 30 Hari]"), RefillPolicy::Days(30));
        assert_eq!(refill("[30 Günlük Garanti]"), RefillPolicy::Days(30));
        assert_eq!(refill("[Докрутка 30 дней]"), RefillPolicy::Days(30));
        assert_eq!(
            refill("[Гарантия от списаний 30 дней]"),
            RefillPolicy::Days(30)
        );
        assert_eq!(refill("[Guarented 30 Days]"), RefillPolicy::Days(30));
        assert_eq!(refill("[30 Days Gurantee]"), RefillPolicy::Days(30));
        assert_eq!(refill("[7 дней без списаний ♻️]"), RefillPolicy::Days(7));
        assert_eq!(
            refill("Followers Guaranted 2 [Real]"),
            RefillPolicy::Unknown
        );
        assert_eq!(refill("Refill 30K"), RefillPolicy::Unknown);
        assert_eq!(refill("[R30x]"), RefillPolicy::Unknown);
        assert_eq!(refill("Auto Refill Every 7 Days"), RefillPolicy::Unknown);
    }
}
