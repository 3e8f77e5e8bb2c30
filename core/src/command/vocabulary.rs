//! A workspace's parser configuration and the word table built from it.

use super::Action;
use super::aliases::{ACTION_WORDS, FILLER_WORDS};
use super::normalize::normalize;
use super::tokens::split_words;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The bulk limit when a workspace sets none: the API v2 batch size of panels.
pub const DEFAULT_MAX_ORDER_IDS: usize = 100;

/// A workspace's command settings, as stored; compiled into a `CommandParser`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParserConfig {
    /// Extra words or phrases for actions, on top of the built-in ones; they win over them.
    pub aliases: Vec<Alias>,
    /// Triggers of the workspace's custom commands (`price list`, `payment`); a text made of
    /// a trigger (and filler words) parses to `Action::Custom(trigger)`.
    pub custom_triggers: Vec<String>,
    /// The most distinct order ids one message may carry.
    pub max_order_ids: usize,
}

impl Default for ParserConfig {
    fn default() -> Self {
        Self {
            aliases: Vec::new(),
            custom_triggers: Vec::new(),
            max_order_ids: DEFAULT_MAX_ORDER_IDS,
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
}

/// The form under which the parser knows a workspace phrase (an alias or a custom command's
/// trigger): its words normalised like incoming text, joined by single spaces. Two phrases
/// with the same key are the same phrase to the parser (`Price-List` and `price list`); an
/// empty key means the phrase has no words.
pub fn phrase_key(phrase: &str) -> String {
    split_words(&normalize(phrase)).join(" ")
}

/// What a known word or phrase means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// An action word.
    Action(Action),
    /// A word that may appear in a command and means nothing.
    Filler,
}

/// The table of known words, keyed by a phrase's first normalised word.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocabulary {
    entries: HashMap<String, Entry>,
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

impl Vocabulary {
    /// The built-in words only.
    pub(crate) fn builtin() -> Self {
        let mut vocabulary = Self::default();
        for (phrase, action) in ACTION_WORDS {
            vocabulary.insert(
                &split_words(&normalize(phrase)),
                Meaning::Action(action.clone()),
            );
        }
        for phrase in FILLER_WORDS {
            vocabulary.insert(&split_words(&normalize(phrase)), Meaning::Filler);
        }
        vocabulary
    }

    /// The built-in words, then the workspace's aliases and triggers over them.
    pub(crate) fn build(config: &ParserConfig) -> Result<Self, ConfigError> {
        if config.max_order_ids == 0 {
            return Err(ConfigError::ZeroLimit);
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
            vocabulary.insert(&words, Meaning::Action(action));
            seen.push(key);
        }
        Ok(vocabulary)
    }

    /// Records `words` (normalised, non-empty) as meaning `meaning`, replacing any earlier
    /// meaning of the same phrase.
    fn insert(&mut self, words: &[&str], meaning: Meaning) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let entry = self.entries.entry((*first).to_owned()).or_default();
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

    /// The longest known phrase at the start of `words`: its meaning and how many words
    /// it spans.
    pub(crate) fn lookup(&self, words: &[&str]) -> Option<(&Meaning, usize)> {
        let (first, rest) = words.split_first()?;
        let entry = self.entries.get(*first)?;
        for phrase in &entry.longer {
            let matches = rest.len() >= phrase.rest.len()
                && phrase.rest.iter().zip(rest).all(|(want, got)| want == got);
            if matches {
                return Some((&phrase.meaning, 1 + phrase.rest.len()));
            }
        }
        entry.single.as_ref().map(|meaning| (meaning, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vocabulary: &'a Vocabulary, text: &str) -> Option<(&'a Meaning, usize)> {
        let normalized = normalize(text);
        vocabulary.lookup(&split_words(&normalized))
    }

    #[test]
    fn every_builtin_phrase_has_words_and_one_meaning() {
        let mut meanings: HashMap<Vec<String>, Meaning> = HashMap::new();
        let builtins = ACTION_WORDS
            .iter()
            .map(|(phrase, action)| (*phrase, Meaning::Action(action.clone())))
            .chain(FILLER_WORDS.iter().map(|phrase| (*phrase, Meaning::Filler)));
        for (phrase, meaning) in builtins {
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
                assert_eq!(earlier, meaning, "{phrase:?} has two meanings");
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
            lookup(&vocabulary, "kam ho"),
            Some((&Meaning::Action(Action::Refill), 1))
        );
        assert_eq!(lookup(&vocabulary, "followers"), None);
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
    }
}
