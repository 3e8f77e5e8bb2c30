//! Typo tolerance: a word one or two edits away from an action word (`cansel`, `refiil`,
//! `staus`, `balence`) means that action.
//!
//! Bounded so that ordinary words stay ordinary: words of at least 6 characters only
//! (shorter common misspellings are listed as words: `refil`, `staus`), the first letter
//! as written, 1 edit (insertion, deletion, substitution or swap of two neighbours) up to
//! 7 characters and 2 from 8, and never a known word or one of [`ORDINARY_WORDS`]
//! (`cancer`, `statue`, `estao`).

use super::word_hash::WordMap;

/// The fewest characters of a word read with typos.
const MIN_CHARS: usize = 6;

/// The fewest characters of an action word that typos are looked for.
const MIN_TARGET_CHARS: usize = 5;

/// The most characters compared; longer words are not read with typos.
const MAX_CHARS: usize = 24;

/// Ordinary words within reach of an action word.
const ORDINARY_WORDS: &[&str] = &[
    "speech", "spend", "spent", "steed", "speak", "spread", "cancer", "candle", "canal", "council",
    "stats", "state", "states", "statue", "statues", "stadium", "cheek", "chuck", "chick", "truck",
    "trick", "trace", "trade", "tracks", "boast", "boots", "finds", "fonds", "batas", "salto",
    "mallet", "refine", "refined", "refile", "refuse", "refused", "reply", "estava", "estudo",
    "durian", "ballet", "ballot", "estao", "estamos", "estadio", "station", "stated", "checks",
    "speedo", "chicken",
];

/// The action words, by first letter, as characters with their letter set (see
/// [`letters`]).
#[derive(Clone, Debug)]
pub(crate) struct Typos<T> {
    by_first: WordMap<char, Vec<(Vec<char>, u64, T)>>,
}

impl<T> Default for Typos<T> {
    fn default() -> Self {
        Self {
            by_first: WordMap::default(),
        }
    }
}

impl<T: PartialEq> Typos<T> {
    /// Adds a target word; too short or too long ones are skipped.
    pub(crate) fn insert(&mut self, word: &str, value: T) {
        let chars: Vec<char> = word.chars().collect();
        if (MIN_TARGET_CHARS..=MAX_CHARS).contains(&chars.len()) {
            let set = letters(&chars);
            self.by_first
                .entry(chars[0])
                .or_default()
                .push((chars, set, value));
        }
    }

    /// The value of the one target within reach of `word`; none when two targets with
    /// different values are equally close.
    pub(crate) fn find(&self, word: &str) -> Option<&T> {
        let mut chars = ['\0'; MAX_CHARS];
        let mut len = 0;
        for c in word.chars() {
            if len == MAX_CHARS {
                return None;
            }
            chars[len] = c;
            len += 1;
        }
        if len < MIN_CHARS {
            return None;
        }
        let text = word;
        let word = &chars[..len];
        let set = letters(word);
        let reach = if len >= 8 { 2 } else { 1 };
        let mut best: Option<(usize, &T)> = None;
        let mut tied = false;
        for (target, target_set, value) in self.by_first.get(&word[0])? {
            // Each edit adds or removes at most one letter of either set: a cheap filter.
            let foreign = (set & !target_set).count_ones() as usize;
            let missing = (target_set & !set).count_ones() as usize;
            if foreign > reach || missing > reach {
                continue;
            }
            let Some(distance) = distance_within(word, target, reach) else {
                continue;
            };
            match best {
                Some((closest, _)) if distance > closest => {}
                Some((closest, earlier)) if distance == closest => tied |= earlier != value,
                _ => {
                    best = Some((distance, value));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied && !ORDINARY_WORDS.contains(&text))
            .map(|(_, value)| value)
    }
}

/// The set of a word's characters, each as one of 64 bits (code point modulo 64).
fn letters(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0, |set, c| set | 1 << (u32::from(*c) % 64))
}

/// The optimal string alignment distance of `a` and `b` (edits: insert, delete,
/// substitute, swap two neighbours) when it is at most `reach`. Both hold at most
/// `MAX_CHARS` characters.
fn distance_within(a: &[char], b: &[char], reach: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > reach {
        return None;
    }
    let width = b.len() + 1;
    let mut two_back = [0usize; MAX_CHARS + 1];
    let mut previous = [0usize; MAX_CHARS + 1];
    let mut current = [0usize; MAX_CHARS + 1];
    for (j, cell) in previous[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_best = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(two_back[j - 2] + 1);
            }
            current[j] = best;
            row_best = row_best.min(best);
        }
        if row_best > reach {
            return None;
        }
        two_back = previous;
        previous = current;
    }
    Some(previous[width - 1]).filter(|distance| *distance <= reach)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typos() -> Typos<&'static str> {
        let mut typos = Typos::default();
        for word in [
            "cancel",
            "refill",
            "status",
            "balance",
            "speed",
            "batal",
            "reposicao",
        ] {
            typos.insert(word, word);
        }
        typos
    }

    #[test]
    fn near_misses_of_action_words_are_found() {
        let typos = typos();
        for (typo, meant) in [
            ("cansel", "cancel"),
            ("cancle", "cancel"),
            ("refiil", "refill"),
            ("reffill", "refill"),
            ("stauts", "status"),
            ("statsu", "status"),
            ("balence", "balance"),
            ("speeed", "speed"),
            ("reposicoa", "reposicao"),
            ("repocisao", "reposicao"),
        ] {
            assert_eq!(typos.find(typo), Some(&meant), "{typo}");
        }
    }

    #[test]
    fn ordinary_and_short_words_stay_ordinary() {
        let typos = typos();
        for word in [
            "cancer", "statue", "states", "spend", "spead", "batao", "staus", "estao", "ball",
        ] {
            assert_eq!(typos.find(word), None, "{word}");
        }
        assert_eq!(typos.find("refilll"), Some(&"refill"));
        assert_eq!(typos.find("rfill"), None);
        assert_eq!(typos.find("xefill"), None);
        assert_eq!(typos.find(&"a".repeat(100)), None);
    }
}
