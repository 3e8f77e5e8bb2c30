//! Speeds and quantities in service names: `10K/Day`, `500/D`, `20K+/Day`, `30k per day`,
//! `50K Daily`. Never durations; they tell where a compact block's start time ends.

use super::lexer::{Segment, Token};

/// Whether a speed starts at `index`: a number, an optional multiplier (`k`, `m`, `к`,
/// `juta`…) and `+`, then `/` or a "per"-word.
pub(crate) fn is_speed_at(segment: &Segment, index: usize) -> bool {
    speed_end(segment, index).is_some()
}

/// Whether a speed ends at `index` (its time word, as `day` in `10K/Day`).
pub(crate) fn is_speed_ending_at(segment: &Segment, index: usize) -> bool {
    (index.saturating_sub(5)..index).any(|start| speed_end(segment, start) == Some(index + 1))
}

/// The index after the speed starting at `index`, if one does.
fn speed_end(segment: &Segment, index: usize) -> Option<usize> {
    if !matches!(segment.get(index), Some(Token::Number(_))) {
        return None;
    }
    let mut next = index + 1;
    if matches!(segment.get(next), Some(Token::Word(word)) if MULTIPLIERS.contains(&word.as_str()))
    {
        next += 1;
    }
    if segment.get(next) == Some(&Token::Symbol('+')) {
        next += 1;
    }
    let per = match segment.get(next) {
        Some(Token::Symbol('/')) => true,
        Some(Token::Word(word)) => PER_WORDS.contains(&word.as_str()),
        _ => false,
    };
    if !per {
        return None;
    }
    match segment.get(next + 1) {
        Some(Token::Word(_)) => Some(next + 2),
        _ => Some(next + 1),
    }
}

/// Multipliers written after a quantity.
const MULTIPLIERS: &[&str] = &[
    "k", "kk", "m", "b", "к", "м", "млн", "тыс", "jt", "juta", "rb", "ribu", "bin",
];

/// Words that make a quantity a rate.
const PER_WORDS: &[&str] = &["per", "daily", "a", "günlük", "в"];

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;

    fn speed(text: &str) -> bool {
        lex(text)
            .first()
            .is_some_and(|segment| is_speed_at(segment, 0))
    }

    #[test]
    fn reads_speeds() {
        assert!(speed("10K/Day"));
        assert!(speed("500/D"));
        assert!(speed("20K+/Day"));
        assert!(speed("30k Per Day"));
        assert!(speed("2К/Д"));
        assert!(!speed("30 Days"));
        assert!(!speed("6H"));
    }

    #[test]
    fn finds_where_a_speed_ends() {
        let segments = lex("10K/Day - 0-1 Hour");
        assert!(is_speed_ending_at(&segments[0], 3));
        assert!(!is_speed_ending_at(&segments[0], 1));
    }
}
