//! Word forms: a known stem with an ending (`cancelled`, `refilling`, `bakiyem`, `durumu`,
//! `отмените`, `رصيدي`), and Arabic and Indonesian prefixes (`الرصيد`, `وتعويض`,
//! `dibatalkan`).

/// The fewest characters of a stem matched with an ending.
const MIN_STEM_CHARS: usize = 4;

/// The most characters of an ending.
const MAX_ENDING_CHARS: usize = 5;

/// Prefixes glued to a word: Arabic "the", "and", "with", "for" and their combinations,
/// and the Indonesian passive `di`.
const PREFIXES: &[&str] = &["وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "di"];

/// The fewest characters left once a prefix is cut.
const MIN_REST_CHARS: usize = 3;

/// The prefixes of `word` that may be stems: the word without its last 1 to 5 characters,
/// longest first, keeping at least 4 characters.
pub(crate) fn stem_candidates(word: &str) -> impl Iterator<Item = &str> {
    let chars = word.chars().count();
    let endings = chars.saturating_sub(MIN_STEM_CHARS).min(MAX_ENDING_CHARS);
    word.char_indices()
        .rev()
        .take(endings)
        .map(move |(end, _)| &word[..end])
}

/// `word` without each prefix it starts with, when enough is left.
pub(crate) fn without_prefixes(word: &str) -> impl Iterator<Item = &str> {
    PREFIXES.iter().filter_map(move |prefix| {
        word.strip_prefix(prefix)
            .filter(|rest| rest.chars().count() >= MIN_REST_CHARS)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_four_characters_and_drop_up_to_five() {
        let stems: Vec<&str> = stem_candidates("cancelled").collect();
        assert_eq!(stems, ["cancelle", "cancell", "cancel", "cance", "canc"]);
        assert_eq!(
            stem_candidates("bakiyem").collect::<Vec<_>>(),
            ["bakiye", "bakiy", "baki"]
        );
        assert_eq!(stem_candidates("رصيدي").collect::<Vec<_>>(), ["رصيد"]);
        assert_eq!(stem_candidates("help").count(), 0);
    }

    #[test]
    fn prefixes_come_off() {
        assert_eq!(without_prefixes("الرصيد").collect::<Vec<_>>(), ["رصيد"]);
        assert_eq!(
            without_prefixes("dibatalkan").collect::<Vec<_>>(),
            ["batalkan"]
        );
        assert_eq!(without_prefixes("di").count(), 0);
    }
}
