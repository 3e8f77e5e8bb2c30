//! The command parser: from one inbound customer text to a command.
//!
//! A workspace builds a [`CommandParser`] once from its [`ParserConfig`] (its aliases, custom
//! command triggers, bulk limit, shortest order id and intent mapping); parsing a text is
//! then cheap and allocation-light.
//!
//! ```
//! use panelrelay_core::command::{Action, Command, CommandParser, ParseOutcome};
//!
//! let parser = CommandParser::default();
//! assert_eq!(
//!     parser.parse("hi admin, 4417702 speed up plz"),
//!     ParseOutcome::Command(Command { action: Action::Speed, order_ids: vec![4417702] }),
//! );
//! assert_eq!(
//!     parser.parse("4417702 aur 4417709 ka refill"),
//!     ParseOutcome::Command(Command { action: Action::Refill, order_ids: vec![4417702, 4417709] }),
//! );
//! assert_eq!(parser.parse("I paid 500 rs yesterday"), ParseOutcome::NotACommand);
//! ```
//!
//! How a text is read (the first 16 KiB of it):
//!
//! 1. Bot mentions (`@my_shop_bot`, `/status@my_shop_bot`), e-mail addresses and links are
//!    cut (`cleanup.rs`), before normalisation turns `_` into a space.
//! 2. Each line is one of: the customer's own words, a quoted message (`> …`) or a pasted
//!    panel order row (`lines.rs`).
//! 3. It is normalised (`normalize.rs`): NFKC, lower case, digits of any common script to
//!    ASCII, dashes folded, currency signs to `$`, emoji and punctuation turned into spaces,
//!    Latin accents and Arabic letter variants folded.
//! 4. It is split into words and numbers (`tokens.rs`): a word glued to a number comes
//!    apart (`refill4417702`, `4417702refill`, `5k`), `10:30`, `12/05/2024` or `$500` stay one.
//! 5. Words are looked up (`vocabulary.rs`): built-in phrases in eight languages
//!    (`aliases.rs`, `intents.rs`, `number_words.rs`), workspace aliases and triggers, then
//!    word forms (`word_forms.rs`: `cancelled`, `bakiyem`, `رصيدي`, `dibatalkan`) and
//!    typos (`typos.rs`: `cansel`, `refiil`, bounded so ordinary words stay ordinary).
//!    Unknown words (greetings, urgency, complaints, reasons, joining words such as `and`,
//!    `aur`, `y`, `dan`, `и`, `ve`, `و`) are skipped: the action and the ids are found
//!    wherever they stand.
//! 6. Numbers are told apart by their context (`numbers.rs`): an order id has at least the
//!    workspace's minimum digits (default 4, [`DEFAULT_MIN_ORDER_ID_DIGITS`]) and at most
//!    12, no leading zero; dates, times, phone numbers (`+91 98765 43210`, `0812 3456
//!    7890`, 10 digits and more unless right after `order`), amounts (`500 rs`, `$5`,
//!    `R$ 35`), quantities (a round number before a unit: `1000 followers`, `5k likes`),
//!    percentages and fields of a pasted order are not ids, and never make a text chatter
//!    by themselves.
//! 7. The action is the strongest one named: the customer's own action word, else one in a
//!    quoted message, else an intent phrase as the workspace maps it ("not started" →
//!    speed, "where is my order" → details, "dropped" → refill, "wrong link" → cancel; each
//!    can be turned off, see [`IntentSettings`]), else urgency ("fast", "jaldi" → speed),
//!    else an order word right before an id (`order 4417702` → details). Details words
//!    (`status`, `check`) are the customer's own action words but yield to any other one
//!    (`check balance`, `status refill 4417702`).
//!
//! Outcomes:
//! - ids with one action → [`ParseOutcome::Command`];
//! - ids with two different actions at the strongest level (`4417702 refill or cancel?`),
//!   ids with no action (`4417702`; balance and help words beside ids are not read: `help,
//!   4417702 not started` is a speed request), or ids with a custom command →
//!   [`ParseOutcome::MissingAction`]: the customer is asked which action;
//! - more distinct ids than the workspace allows → [`ParseOutcome::TooManyOrders`];
//! - an id-taking action without ids (`refill please`) → [`ParseOutcome::MissingOrderIds`];
//! - balance, help or a custom command without ids, in a short text (at most three
//!   unknown words; a "help" in a thank-you does not count) → a command;
//! - a thank-you without ids asks for nothing ("thanks for the quick refill");
//! - anything else — no action and no id, only numbers that are not ids, two different
//!   actions without ids, intents and urgency without ids in a text that names no order
//!   ("payment pending") or a "where is" / "when" question without ids — is chatter
//!   ([`ParseOutcome::NotACommand`], silent in groups); "my order is not started yet"
//!   asks for the ids.

mod aliases;
mod cleanup;
mod intents;
mod lines;
mod meaning;
mod normalize;
mod number_words;
mod numbers;
mod parser;
mod tokens;
mod typos;
mod vocabulary;
mod word_forms;
mod word_hash;

pub use intents::{Intent, IntentSettings};
pub use parser::CommandParser;
pub use vocabulary::{
    Alias, ConfigError, DEFAULT_MAX_ORDER_IDS, DEFAULT_MIN_ORDER_ID_DIGITS, ParserConfig,
    phrase_key,
};

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
    /// (`4417702 refill cancel`), or ids given to an action that takes none (`help 4417702`).
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
