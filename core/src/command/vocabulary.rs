//! A workspace's parser configuration and the word table built from it.

use super::Action;
use super::aliases::{
    ACTION_STEMS, ACTION_WORDS, FILLER_WORDS, ID_MARKERS, ORDER_WORDS, OTHER_STEMS, THANKS_WORDS,
    URGENCY_WORDS,
};
use super::intents::{
    INTENT_WORDS, IntentSettings, LINK_WORDS, NEGATIONS, PROGRESS_WORDS, WRONG_WORDS,
};
use super::meaning::Meaning;
use super::normalize::normalize;
use super::number_words::{
    CURRENCY_PREFIXES, CURRENCY_WORDS, DATE_WORDS, PHONE_LABELS, PLATFORM_WORDS, QUANTITY_LABELS,
    UNIT_WORDS,
};
use super::numbers::MAX_ID_DIGITS;
use super::tokens::split_words;
use super::typos::Typos;
use super::word_forms::{stem_candidates, without_prefixes};
use super::word_hash::WordMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The bulk limit when a workspace sets none: the API v2 batch size of panels.
pub const DEFAULT_MAX_ORDER_IDS: usize = 100;

/// The shortest order id when a workspace sets none. Panels number orders from 1, but a
/// panel in business has passed order 1000 within days, while customers write small
/// numbers all the time (`2 days`, `500 rs`, `300 likes`); a young panel lowers it.
pub const DEFAULT_MIN_ORDER_ID_DIGITS: usize = 4;

/// A workspace's command settings, as stored; compiled into a `CommandParser`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParserConfig {
    /// Extra words or phrases for actions, on top of the built-in ones; they win over them.
    pub aliases: Vec<Alias>,
    /// Triggers of the workspace's custom commands (`price list`, `payment`); a text made of
    /// a trigger (and filler words) parses to `Action::Custom(trigger)`.
    pub custom_triggers: Vec<String>,
    /// The most distinct order ids one message may carry.
    pub max_order_ids: usize,
    /// The fewest digits of an order id (1-12); shorter numbers are never ids.
    pub min_order_id_digits: usize,
    /// The action each intent phrase stands for.
    pub intents: IntentSettings,
}

impl Default for ParserConfig {
    fn default() -> Self {
        Self {
            aliases: Vec::new(),
            custom_triggers: Vec::new(),
            max_order_ids: DEFAULT_MAX_ORDER_IDS,
            min_order_id_digits: DEFAULT_MIN_ORDER_ID_DIGITS,
            intents: IntentSettings::default(),
        }
    }
}

/// A workspace alias: a word or phrase that means an action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The word or phrase, as customers write it.
    pub phrase: String,
    /// The action it means.
    pub action: Action,
}

/// Why a `ParserConfig` cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The phrase has no letters once normalised (empty, only punctuation or emoji).
    #[error("the alias or trigger {0:?} has no words")]
    EmptyPhrase(String),
    /// The phrase contains a bare number, which would be read as an order id.
    #[error("the alias or trigger {0:?} contains a number; numbers are order ids")]
    NumericPhrase(String),
    /// The phrase is given twice by the workspace (aliases and triggers together).
    #[error("the alias or trigger {0:?} is defined twice")]
    DuplicatePhrase(String),
    /// The bulk limit is zero.
    #[error("max_order_ids must be at least 1")]
    ZeroLimit,
    /// The shortest order id is not 1-12 digits.
    #[error("min_order_id_digits must be 1-12")]
    MinDigits,
    /// An intent is mapped to an action that takes no order ids.
    #[error("an intent can only mean speed, cancel, refill or details, not {0}")]
    IntentAction(String),
}

/// The form under which the parser knows a workspace phrase (an alias or a custom command's
/// trigger): its words normalised like incoming text, joined by single spaces. Two phrases
/// with the same key are the same phrase to the parser (`Price-List` and `price list`); an
/// empty key means the phrase has no words.
pub fn phrase_key(phrase: &str) -> String {
    split_words(&normalize(phrase)).join(" ")
}

/// The fewest bytes of a word read as a form, with a prefix or with a typo: a 4-letter
/// stem and a 1-letter ending, `di` and 3 letters, or 6 letters.
const MIN_FORM_BYTES: usize = 5;

/// The known words: the built-in table, shared by every parser of the process, and the
/// workspace's own phrases over it. A workspace's parser holds only its own phrases, so the
/// memory of parsers grows with the aliases and triggers workspaces write, not with their
/// number.
#[derive(Clone, Debug)]
pub(crate) struct Vocabulary {
    builtin: &'static Table,
    workspace: WordMap<String, Entry>,
}

/// The built-in words: phrases keyed by their first normalised word, the stems read with
/// endings and the action words read with typos.
#[derive(Debug, Default)]
struct Table {
    entries: WordMap<String, Entry>,
    stems: WordMap<String, Meaning>,
    typos: Typos<Meaning>,
}

/// The phrases that start with one word.
#[derive(Clone, Debug, Default)]
struct Entry {
    /// The meaning of the word alone.
    single: Option<Meaning>,
    /// Longer phrases starting with the word, longest first.
    longer: Vec<Phrase>,
}

/// A phrase of two or more words, without its first word.
#[derive(Clone, Debug)]
struct Phrase {
    rest: Vec<String>,
    meaning: Meaning,
}

impl Table {
    /// The process's built-in table, built on first use.
    fn shared() -> &'static Table {
        static BUILTIN: LazyLock<Table> = LazyLock::new(Table::build);
        &BUILTIN
    }

    fn build() -> Self {
        let mut table = Self::default();
        for (phrase, meaning) in builtin_phrases() {
            let normalized = normalize(phrase);
            let words = split_words(&normalized);
            if let (Meaning::Action(_), [word]) = (&meaning, words.as_slice()) {
                table.typos.insert(word, meaning.clone());
            }
            insert(&mut table.entries, &words, meaning);
        }
        for (stem, action) in ACTION_STEMS {
            let meaning = Meaning::Action(action.clone());
            table.typos.insert(&normalize(stem), meaning.clone());
            table.stems.insert(normalize(stem), meaning);
        }
        for (stem, meaning) in OTHER_STEMS {
            table.stems.insert(normalize(stem), meaning.clone());
        }
        table
    }
}

impl Vocabulary {
    /// The built-in words only.
    pub(crate) fn builtin() -> Self {
        Self {
            builtin: Table::shared(),
            workspace: WordMap::default(),
        }
    }

    /// The built-in words, then the workspace's aliases and triggers over them.
    pub(crate) fn build(config: &ParserConfig) -> Result<Self, ConfigError> {
        if config.max_order_ids == 0 {
            return Err(ConfigError::ZeroLimit);
        }
        if !(1..=MAX_ID_DIGITS).contains(&config.min_order_id_digits) {
            return Err(ConfigError::MinDigits);
        }
        if let Some(action) = config.intents.actions().find(|a| !a.takes_order_ids()) {
            return Err(ConfigError::IntentAction(action.name().to_owned()));
        }
        let mut vocabulary = Self::builtin();
        let workspace_phrases = config
            .aliases
            .iter()
            .map(|alias| (&alias.phrase, alias.action.clone()))
            .chain(
                config
                    .custom_triggers
                    .iter()
                    .map(|trigger| (trigger, Action::Custom(trigger.clone()))),
            );
        let mut seen: Vec<String> = Vec::new();
        for (phrase, action) in workspace_phrases {
            let normalized = normalize(phrase);
            let words = split_words(&normalized);
            if words.is_empty() {
                return Err(ConfigError::EmptyPhrase(phrase.clone()));
            }
            if words
                .iter()
                .any(|word| word.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(ConfigError::NumericPhrase(phrase.clone()));
            }
            let key = words.join(" ");
            if seen.contains(&key) {
                return Err(ConfigError::DuplicatePhrase(phrase.clone()));
            }
            insert(&mut vocabulary.workspace, &words, Meaning::Action(action));
            seen.push(key);
        }
        Ok(vocabulary)
    }

    /// What `words[0]` means, and how many words it spans: the longest known phrase at the
    /// start of `words`, else a known stem with an ending (after an Arabic or Indonesian
    /// prefix, if any), else an action word within typo reach.
    pub(crate) fn read(&self, words: &[&str]) -> Option<(&Meaning, usize)> {
        if let Some(found) = self.lookup(words) {
            return Some(found);
        }
        let word = *words.first()?;
        if word.len() < MIN_FORM_BYTES {
            // Too short for a stem with an ending, a prefix with a word, or a typo.
            return None;
        }
        self.form(word)
            .or_else(|| {
                without_prefixes(word)
                    .find_map(|rest| self.single(rest).or_else(|| self.form(rest)))
            })
            .or_else(|| self.builtin.typos.find(word))
            .map(|meaning| (meaning, 1))
    }

    /// The meaning of a stem of `word` with an ending.
    fn form(&self, word: &str) -> Option<&Meaning> {
        stem_candidates(word).find_map(|stem| self.builtin.stems.get(stem))
    }

    /// The longest known phrase at the start of `words`: its meaning and how many words
    /// it spans.
    pub(crate) fn lookup(&self, words: &[&str]) -> Option<(&Meaning, usize)> {
        let (first, rest) = words.split_first()?;
        let own = self.workspace.get(*first).and_then(|e| longest(e, rest));
        let builtin = self
            .builtin
            .entries
            .get(*first)
            .and_then(|e| longest(e, rest));
        match (own, builtin) {
            // Equal spans are the same phrase: the workspace's meaning replaces the built-in.
            (Some(own), Some(builtin)) if builtin.1 > own.1 => Some(builtin),
            (Some(own), _) => Some(own),
            (None, builtin) => builtin,
        }
    }

    /// The meaning of `word` alone: the workspace's, else the built-in one.
    fn single(&self, word: &str) -> Option<&Meaning> {
        let own = self
            .workspace
            .get(word)
            .and_then(|entry| entry.single.as_ref());
        own.or_else(|| {
            let entry = self.builtin.entries.get(word)?;
            entry.single.as_ref()
        })
    }
}

/// Records `words` (normalised, non-empty) in `entries` as meaning `meaning`, replacing any
/// earlier meaning of the same phrase.
fn insert(entries: &mut WordMap<String, Entry>, words: &[&str], meaning: Meaning) {
    let Some((first, rest)) = words.split_first() else {
        return;
    };
    let entry = entries.entry((*first).to_owned()).or_default();
    if rest.is_empty() {
        entry.single = Some(meaning);
        return;
    }
    entry.longer.retain(|phrase| phrase.rest != rest);
    entry.longer.push(Phrase {
        rest: rest.iter().map(|word| (*word).to_owned()).collect(),
        meaning,
    });
    entry
        .longer
        .sort_by_key(|phrase| std::cmp::Reverse(phrase.rest.len()));
}

/// The longest phrase of `entry` at the start of `rest` (the words after the entry's own):
/// its meaning and how many words it spans, the entry's word included.
fn longest<'a>(entry: &'a Entry, rest: &[&str]) -> Option<(&'a Meaning, usize)> {
    for phrase in &entry.longer {
        let matches = rest.len() >= phrase.rest.len()
            && phrase.rest.iter().zip(rest).all(|(want, got)| want == got);
        if matches {
            return Some((&phrase.meaning, 1 + phrase.rest.len()));
        }
    }
    entry.single.as_ref().map(|meaning| (meaning, 1))
}

/// Every built-in word and phrase with its meaning.
fn builtin_phrases() -> impl Iterator<Item = (&'static str, Meaning)> {
    let all = |words: &'static [&'static str], meaning: Meaning| {
        words.iter().map(move |word| (*word, meaning.clone()))
    };
    all(FILLER_WORDS, Meaning::Filler)
        .chain(all(PLATFORM_WORDS, Meaning::Platform))
        .chain(all(DATE_WORDS, Meaning::DateWord))
        .chain(all(PHONE_LABELS, Meaning::PhoneLabel))
        .chain(all(QUANTITY_LABELS, Meaning::QuantityLabel))
        .chain(all(UNIT_WORDS, Meaning::Unit))
        .chain(all(CURRENCY_WORDS, Meaning::Currency))
        .chain(all(CURRENCY_PREFIXES, Meaning::CurrencyPrefix))
        .chain(all(THANKS_WORDS, Meaning::Thanks))
        .chain(all(ID_MARKERS, Meaning::IdMarker { negates: false }))
        .chain(std::iter::once(("no", Meaning::IdMarker { negates: true })))
        .chain(all(ORDER_WORDS, Meaning::OrderWord))
        .chain(all(WRONG_WORDS, Meaning::Wrong))
        .chain(all(LINK_WORDS, Meaning::Link))
        .chain(all(PROGRESS_WORDS, Meaning::Progress))
        .chain(all(NEGATIONS, Meaning::Negation))
        .chain(all(URGENCY_WORDS, Meaning::Urgency))
        .chain(
            INTENT_WORDS
                .iter()
                .map(|(phrase, intent)| (*phrase, Meaning::Intent(*intent))),
        )
        .chain(
            ACTION_WORDS
                .iter()
                .map(|(phrase, action)| (*phrase, Meaning::Action(action.clone()))),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::intents::Intent;
    use std::collections::HashMap;

    fn lookup<'a>(vocabulary: &'a Vocabulary, text: &str) -> Option<(&'a Meaning, usize)> {
        let normalized = normalize(text);
        vocabulary.lookup(&split_words(&normalized))
    }

    #[test]
    fn every_builtin_phrase_has_words_and_one_meaning() {
        let mut meanings: HashMap<Vec<String>, Meaning> = HashMap::new();
        for (phrase, meaning) in builtin_phrases() {
            let normalized = normalize(phrase);
            let words: Vec<String> = split_words(&normalized)
                .iter()
                .map(|w| w.to_string())
                .collect();
            assert!(!words.is_empty(), "{phrase:?} has no words");
            assert!(
                words.iter().all(|w| !w.bytes().all(|b| b.is_ascii_digit())),
                "{phrase:?} contains a number"
            );
            if let Some(earlier) = meanings.insert(words, meaning.clone()) {
                let no = phrase == "no" && earlier == Meaning::IdMarker { negates: false };
                assert!(no || earlier == meaning, "{phrase:?} has two meanings");
            }
        }
    }

    #[test]
    fn phrase_keys_ignore_case_dashes_and_spacing() {
        assert_eq!(phrase_key("  Price-LIST "), "price list");
        assert_eq!(phrase_key("price list"), phrase_key("PRICE   list"));
        assert_eq!(phrase_key(" 🙏 "), "");
    }

    #[test]
    fn longest_phrase_wins() {
        let vocabulary = Vocabulary::build(&ParserConfig::default()).unwrap();
        assert_eq!(
            lookup(&vocabulary, "speed up 123"),
            Some((&Meaning::Action(Action::Speed), 2))
        );
        assert_eq!(
            lookup(&vocabulary, "speed 123"),
            Some((&Meaning::Action(Action::Speed), 1))
        );
        assert_eq!(lookup(&vocabulary, "please"), Some((&Meaning::Filler, 1)));
        assert_eq!(
            lookup(&vocabulary, "kam ho gaye"),
            Some((&Meaning::Intent(Intent::Dropped), 3))
        );
        assert_eq!(lookup(&vocabulary, "followers"), Some((&Meaning::Unit, 1)));
        assert_eq!(lookup(&vocabulary, "instagrammers"), None);
    }

    #[test]
    fn workspace_phrases_override_builtins_and_are_validated() {
        let config = ParserConfig {
            aliases: vec![Alias {
                phrase: "Drop".into(),
                action: Action::Details,
            }],
            custom_triggers: vec!["Price list".into()],
            max_order_ids: 10,
            ..ParserConfig::default()
        };
        let vocabulary = Vocabulary::build(&config).unwrap();
        assert_eq!(
            lookup(&vocabulary, "drop"),
            Some((&Meaning::Action(Action::Details), 1))
        );
        assert_eq!(
            lookup(&vocabulary, "PRICE-LIST"),
            Some((&Meaning::Action(Action::Custom("Price list".into())), 2))
        );

        let with = |aliases: Vec<Alias>, triggers: Vec<&str>, max_order_ids| ParserConfig {
            aliases,
            custom_triggers: triggers.into_iter().map(String::from).collect(),
            max_order_ids,
            ..ParserConfig::default()
        };
        assert_eq!(
            Vocabulary::build(&with(vec![], vec![" 🙏 "], 5)).unwrap_err(),
            ConfigError::EmptyPhrase(" 🙏 ".into())
        );
        assert_eq!(
            Vocabulary::build(&with(vec![], vec!["1"], 5)).unwrap_err(),
            ConfigError::NumericPhrase("1".into())
        );
        assert_eq!(
            Vocabulary::build(&with(
                vec![Alias {
                    phrase: "pay".into(),
                    action: Action::Balance
                }],
                vec!["PAY"],
                5
            ))
            .unwrap_err(),
            ConfigError::DuplicatePhrase("PAY".into())
        );
        assert_eq!(
            Vocabulary::build(&with(vec![], vec![], 0)).unwrap_err(),
            ConfigError::ZeroLimit
        );
        let digits = |min_order_id_digits| ParserConfig {
            min_order_id_digits,
            ..ParserConfig::default()
        };
        assert_eq!(
            Vocabulary::build(&digits(0)).unwrap_err(),
            ConfigError::MinDigits
        );
        assert_eq!(
            Vocabulary::build(&digits(13)).unwrap_err(),
            ConfigError::MinDigits
        );
        let mut intents = ParserConfig::default();
        intents.intents.dropped = Some(Action::Balance);
        assert_eq!(
            Vocabulary::build(&intents).unwrap_err(),
            ConfigError::IntentAction("balance".into())
        );
    }

    #[test]
    fn parsers_share_the_builtin_table_and_hold_only_their_own_phrases() {
        let config = ParserConfig {
            custom_triggers: vec!["price list".into()],
            ..ParserConfig::default()
        };
        let plain = Vocabulary::builtin();
        let custom = Vocabulary::build(&config).unwrap();
        assert!(std::ptr::eq(plain.builtin, custom.builtin));
        assert!(plain.workspace.is_empty());
        assert_eq!(custom.workspace.len(), 1);
        let trigger = Meaning::Action(Action::Custom("price list".into()));
        assert_eq!(lookup(&custom, "price list"), Some((&trigger, 2)));
        assert!(lookup(&plain, "price list").is_none_or(|(meaning, _)| meaning != &trigger));
    }

    #[test]
    fn word_forms_prefixes_and_typos_are_read() {
        let vocabulary = Vocabulary::builtin();
        let read = |text: &str| {
            let normalized = normalize(text);
            vocabulary
                .read(&split_words(&normalized))
                .map(|(meaning, _)| meaning.clone())
        };
        let action = |action: Action| Some(Meaning::Action(action));
        assert_eq!(read("cancelled"), action(Action::Cancel));
        assert_eq!(read("bakiyem"), action(Action::Balance));
        assert_eq!(read("siparişimin durumu"), Some(Meaning::OrderWord));
        assert_eq!(read("durumu"), action(Action::Details));
        assert_eq!(read("رصيدي"), action(Action::Balance));
        assert_eq!(read("والرصيد"), action(Action::Balance));
        assert_eq!(read("dibatalkan"), action(Action::Cancel));
        assert_eq!(read("отмените"), action(Action::Cancel));
        assert_eq!(read("cansel"), action(Action::Cancel));
        assert_eq!(read("reffill"), action(Action::Refill));
        assert_eq!(read("cancer"), None);
        assert_eq!(read("statue"), None);
    }
}
