//! The command parser: from one inbound customer text to a command.
//!
//! A workspace builds a [`CommandParser`] once from its [`ParserConfig`] (its aliases, custom
//! command triggers and bulk limit); parsing a text is then cheap and allocation-light.
//!
//! ```
//! use panelrelay_core::command::{Action, Command, CommandParser, ParseOutcome};
//!
//! let parser = CommandParser::default();
//! assert_eq!(
//!     parser.parse("123, 456 speed"),
//!     ParseOutcome::Command(Command { action: Action::Speed, order_ids: vec![123, 456] }),
//! );
//! assert_eq!(parser.parse("I paid 500 rs yesterday"), ParseOutcome::NotACommand);
//! ```
//!
//! How a text is read:
//!
//! 1. It is normalised (`normalize.rs`): NFKC, lower case, digits of any common script to
//!    ASCII, dashes folded, emoji and punctuation turned into spaces, Latin accents and
//!    Arabic letter variants folded.
//! 2. It is split into words (`tokens.rs`): spaces, commas, semicolons, newlines, `#`, `*`
//!    and other punctuation separate words; `.`, `:`, `/` and `-` separate words too,
//!    except between two digits (`10:30`, `1.5`, `12/05`, `98765-43210` stay one word).
//! 3. Every word must be known (`parser.rs`): an order id (1 to 12 ASCII digits, no leading
//!    zero), an action word or phrase, a filler word (`order`, `id`, `no`, `please`, `pls`,
//!    `bhai`, `tolong`, `заказ`, …, see `aliases.rs`) or an `@mention`. One unknown word
//!    makes the whole text chatter ([`ParseOutcome::NotACommand`]), so "I paid 500 rs",
//!    "order 5k followers" or "+91 98765 43210" are not commands.

mod aliases;
mod normalize;
mod parser;
mod tokens;
mod vocabulary;

pub use parser::CommandParser;
pub use vocabulary::{Alias, ConfigError, DEFAULT_MAX_ORDER_IDS, ParserConfig, phrase_key};

use serde::{Deserialize, Serialize};

/// What the customer asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Ask the provider to speed an order up.
    Speed,
    /// Ask the provider to cancel an order.
    Cancel,
    /// Ask the provider to refill an order.
    Refill,
    /// The customer's panel balance.
    Balance,
    /// An order's status and details.
    Details,
    /// The list of commands.
    Help,
    /// A workspace-defined command, named by its trigger as the workspace wrote it; the
    /// engine answers it with the template reply keyed by that trigger.
    Custom(String),
}

impl Action {
    /// Whether the action applies to order ids (speed, cancel, refill, details).
    pub fn takes_order_ids(&self) -> bool {
        match self {
            Action::Speed | Action::Cancel | Action::Refill | Action::Details => true,
            Action::Balance | Action::Help | Action::Custom(_) => false,
        }
    }

    /// The stable name: `speed`, `cancel`, `refill`, `balance`, `details`, `help`, or the
    /// custom command's trigger.
    pub fn name(&self) -> &str {
        match self {
            Action::Speed => "speed",
            Action::Cancel => "cancel",
            Action::Refill => "refill",
            Action::Balance => "balance",
            Action::Details => "details",
            Action::Help => "help",
            Action::Custom(trigger) => trigger,
        }
    }
}

/// A recognised command: one action and its order ids (empty for actions that take none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// What to do.
    pub action: Action,
    /// Distinct order ids in the order they were written; never more than the limit.
    pub order_ids: Vec<u64>,
}

/// The result of parsing one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseOutcome {
    /// A command to run.
    Command(Command),
    /// Order ids without a usable action: a bare id list (`2274209`), two different actions
    /// (`123 refill cancel`), or ids given to an action that takes none (`help 123`).
    /// Ask "which action: details, speed, cancel or refill?".
    MissingAction {
        /// Distinct order ids in the order they were written.
        order_ids: Vec<u64>,
    },
    /// An action that needs order ids, written without any (`refill please`). Ask for the ids
    /// in private chats; in groups treat it like [`ParseOutcome::NotACommand`].
    MissingOrderIds {
        /// The action asked for.
        action: Action,
    },
    /// More distinct order ids than the workspace allows in one message; nothing is done.
    TooManyOrders {
        /// Distinct order ids in the text.
        count: usize,
        /// The workspace's limit.
        limit: usize,
    },
    /// Ordinary chatter: stay silent in groups.
    NotACommand,
}
