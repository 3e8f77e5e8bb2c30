//! The command parser: reads one text with a workspace's vocabulary.

use super::normalize::normalize;
use super::tokens::split_words;
use super::vocabulary::{Meaning, Vocabulary};
use super::{Action, Command, ConfigError, ParseOutcome, ParserConfig};
use std::collections::HashSet;

/// The most digits an order id has; longer numbers (card or phone numbers with a country
/// code and more) are not ids.
const MAX_ID_DIGITS: usize = 12;

/// A workspace's compiled command parser. Build it once per configuration change; `parse`
/// only reads it, so one parser can serve many threads.
#[derive(Clone, Debug)]
pub struct CommandParser {
    vocabulary: Vocabulary,
    max_order_ids: usize,
}

impl Default for CommandParser {
    /// The built-in words and the default bulk limit.
    fn default() -> Self {
        Self {
            vocabulary: Vocabulary::builtin(),
            max_order_ids: super::DEFAULT_MAX_ORDER_IDS,
        }
    }
}

impl CommandParser {
    /// Compiles a workspace's configuration.
    pub fn new(config: &ParserConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            vocabulary: Vocabulary::build(config)?,
            max_order_ids: config.max_order_ids,
        })
    }

    /// The most distinct order ids one message may carry.
    pub fn max_order_ids(&self) -> usize {
        self.max_order_ids
    }

    /// Reads one inbound text.
    ///
    /// Rules, in order:
    /// - every word must be an order id, a known action or filler word/phrase, or an
    ///   `@mention`; otherwise the text is chatter ([`ParseOutcome::NotACommand`]);
    /// - a text of only filler words is chatter too;
    /// - more distinct ids than the limit → [`ParseOutcome::TooManyOrders`];
    /// - details words double as verbs (`check balance`, `cek saldo`, `status refill 123`),
    ///   so details yields to any other action;
    /// - no action, two different actions, or ids with an action that takes none (`balance`,
    ///   `help`, custom commands) → [`ParseOutcome::MissingAction`] when there are ids, else
    ///   chatter;
    /// - an id-taking action without ids → [`ParseOutcome::MissingOrderIds`];
    /// - otherwise a [`ParseOutcome::Command`] with the distinct ids in written order.
    pub fn parse(&self, text: &str) -> ParseOutcome {
        let normalized = normalize(text);
        let words = split_words(&normalized);
        let mut action: Option<&Action> = None;
        let mut conflicting_actions = false;
        let mut order_ids = Vec::new();

        let mut index = 0;
        while index < words.len() {
            if let Some((meaning, span)) = self.vocabulary.lookup(&words[index..]) {
                if let Meaning::Action(found) = meaning {
                    match action {
                        None | Some(Action::Details) => action = Some(found),
                        Some(earlier) => {
                            let same = earlier == found || *found == Action::Details;
                            conflicting_actions |= !same;
                        }
                    }
                }
                index += span;
                continue;
            }
            let word = words[index];
            if let Some(id) = order_id(word) {
                order_ids.push(id);
            } else if !word.starts_with('@') {
                return ParseOutcome::NotACommand;
            }
            index += 1;
        }

        let order_ids = distinct_in_order(order_ids);
        decide(action, conflicting_actions, order_ids, self.max_order_ids)
    }
}

/// The outcome once every word is known.
fn decide(
    action: Option<&Action>,
    conflicting_actions: bool,
    order_ids: Vec<u64>,
    limit: usize,
) -> ParseOutcome {
    if order_ids.len() > limit {
        return ParseOutcome::TooManyOrders {
            count: order_ids.len(),
            limit,
        };
    }
    let single_action = action.filter(|_| !conflicting_actions);
    match (single_action, order_ids.is_empty()) {
        (Some(action), true) if action.takes_order_ids() => ParseOutcome::MissingOrderIds {
            action: action.clone(),
        },
        (Some(action), true) => ParseOutcome::Command(Command {
            action: action.clone(),
            order_ids,
        }),
        (Some(action), false) if action.takes_order_ids() => ParseOutcome::Command(Command {
            action: action.clone(),
            order_ids,
        }),
        (_, false) => ParseOutcome::MissingAction { order_ids },
        (None, true) => ParseOutcome::NotACommand,
    }
}

/// An order id: 1 to 12 ASCII digits without a leading zero.
fn order_id(word: &str) -> Option<u64> {
    let valid = !word.is_empty()
        && word.len() <= MAX_ID_DIGITS
        && word.bytes().all(|b| b.is_ascii_digit())
        && !word.starts_with('0');
    if valid { word.parse().ok() } else { None }
}

/// Removes repeated ids, keeping the first occurrence of each.
fn distinct_in_order(mut ids: Vec<u64>) -> Vec<u64> {
    if ids.len() > 1 {
        let mut seen = HashSet::with_capacity(ids.len());
        ids.retain(|id| seen.insert(*id));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ids_are_short_numbers_without_leading_zero() {
        assert_eq!(order_id("2274209"), Some(2_274_209));
        assert_eq!(order_id("1"), Some(1));
        assert_eq!(order_id("999999999999"), Some(999_999_999_999));
        assert_eq!(order_id("1234567890123"), None);
        assert_eq!(order_id("0123"), None);
        assert_eq!(order_id("0"), None);
        assert_eq!(order_id("12a"), None);
        assert_eq!(order_id("1.5"), None);
    }

    #[test]
    fn repeated_ids_keep_their_first_position() {
        assert_eq!(distinct_in_order(vec![3, 1, 3, 2, 1]), vec![3, 1, 2]);
    }

    #[test]
    fn a_bad_config_is_refused() {
        let config = ParserConfig {
            max_order_ids: 0,
            ..ParserConfig::default()
        };
        assert_eq!(
            CommandParser::new(&config).unwrap_err(),
            ConfigError::ZeroLimit
        );
        assert_eq!(CommandParser::default().max_order_ids(), 100);
    }
}
