//! The command parser: reads one text with a workspace's vocabulary.

use super::cleanup::cut_mentions_and_links;
use super::intents::{Intent, IntentSettings};
use super::lines::{LineKind, kind};
use super::meaning::Meaning;
use super::normalize::normalize;
use super::numbers::{Context, Reading, read};
use super::tokens::{is_number, split_words};
use super::vocabulary::Vocabulary;
use super::{Action, Command, ConfigError, ParseOutcome, ParserConfig};
use std::collections::HashSet;

/// The most bytes of a text that are read; the rest is ignored, which bounds the work on
/// hostile input (a list of 500 ids fits many times over).
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// The most words a short request without ids (`hi admin, what is my balance?`) may hold
/// beyond known ones; longer texts that only mention "balance" or "help" are chatter.
const MAX_UNKNOWN_WORDS: usize = 3;

/// How far apart (in words) a negation and a progress word, or a link and a wrong word,
/// may stand to make an intent (`not yet started`, `link I gave was wrong`).
const PAIR_REACH: usize = 3;

/// The most digits of a phone number (E.164); digit groups beyond it start something else.
const MAX_PHONE_DIGITS: usize = 15;

/// Phone numbers after a phone label have at least this many digits, unless written in
/// groups (`whatsapp 98765 43210`); a shorter number after one is read as usual.
const MIN_LABELLED_PHONE_DIGITS: usize = 8;

/// Speed, for urgency words.
static SPEED: Action = Action::Speed;

/// Help, for `/start`.
static HELP: Action = Action::Help;

/// Details, for an order word right before an id.
static DETAILS: Action = Action::Details;

/// A workspace's compiled command parser. Build it once per configuration change; `parse`
/// only reads it, so one parser can serve many threads.
#[derive(Clone, Debug)]
pub struct CommandParser {
    vocabulary: Vocabulary,
    max_order_ids: usize,
    min_order_id_digits: usize,
    intents: IntentSettings,
}

impl Default for CommandParser {
    /// The built-in words and the default settings.
    fn default() -> Self {
        let config = ParserConfig::default();
        Self {
            vocabulary: Vocabulary::builtin(),
            max_order_ids: config.max_order_ids,
            min_order_id_digits: config.min_order_id_digits,
            intents: config.intents,
        }
    }
}

impl CommandParser {
    /// Compiles a workspace's configuration.
    pub fn new(config: &ParserConfig) -> Result<Self, ConfigError> {
        Ok(Self {
            vocabulary: Vocabulary::build(config)?,
            max_order_ids: config.max_order_ids,
            min_order_id_digits: config.min_order_id_digits,
            intents: config.intents.clone(),
        })
    }

    /// The most distinct order ids one message may carry.
    pub fn max_order_ids(&self) -> usize {
        self.max_order_ids
    }

    /// Whether every word of `phrase` is a known command, filler or intent word as written
    /// (no endings, no typos): a custom command on it would take built-in words over.
    pub fn knows_every_word(&self, phrase: &str) -> bool {
        let normalized = normalize(phrase);
        let words = split_words(&normalized);
        let mut index = 0;
        while index < words.len() {
            match self.vocabulary.lookup(&words[index..]) {
                Some((meaning, span)) if is_command_word(meaning) => index += span,
                _ => return false,
            }
        }
        !words.is_empty()
    }

    /// Reads one inbound text; see the module documentation for the rules.
    pub fn parse(&self, text: &str) -> ParseOutcome {
        let text = truncate(text, MAX_TEXT_BYTES);
        let mut scan = Scan::new(self);
        if is_start_command(text) {
            scan.idless.add(&HELP);
        }
        for line in text.lines() {
            let normalized = normalize(&cut_mentions_and_links(line));
            scan.line(kind(line), &split_words(&normalized));
        }
        scan.decide()
    }
}

/// Meanings that make a phrase "built-in" for custom command triggers.
fn is_command_word(meaning: &Meaning) -> bool {
    matches!(
        meaning,
        Meaning::Action(_)
            | Meaning::Urgency
            | Meaning::Intent(_)
            | Meaning::OrderWord
            | Meaning::IdMarker { .. }
            | Meaning::Thanks
            | Meaning::Filler
    )
}

/// Telegram's `/start` (the button that opens a bot chat) asks for the list of commands.
fn is_start_command(text: &str) -> bool {
    text.trim_start()
        .strip_prefix("/start")
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The action named at one strength, and whether two different ones were.
#[derive(Debug, Default)]
struct Slot<'a> {
    action: Option<&'a Action>,
    conflict: bool,
}

impl<'a> Slot<'a> {
    /// Records `found`; details yields to any other action (it doubles as a verb: `check
    /// balance`, `cek saldo`, `status refill 4417702`).
    fn add(&mut self, found: &'a Action) {
        match self.action {
            None => self.action = Some(found),
            Some(Action::Details) => self.action = Some(found),
            Some(earlier) => self.conflict |= earlier != found && *found != Action::Details,
        }
    }
}

/// Where a number stands with respect to a phone number.
#[derive(Clone, Copy, Debug)]
enum Phone {
    /// Not in one.
    None,
    /// Right after a phone label.
    Label,
    /// In one, with this many digits so far.
    Digits(usize),
}

/// One word or number of a line, read.
#[derive(Clone, Copy, Debug)]
enum Piece<'t, 'v> {
    Number(&'t str),
    Word(&'v Meaning),
    Unknown,
}

/// What has been read of a text so far.
struct Scan<'p> {
    parser: &'p CommandParser,
    /// Actions by strength: the customer's own action words (details words included: a
    /// customer who asks for the status gets it) beat actions in a quoted message, which
    /// beat intents, then urgency, then an order word right before an id.
    own: Slot<'p>,
    quoted: Slot<'p>,
    intent: Slot<'p>,
    /// Intents other than "where is", which without ids is a question like any other.
    firm_intent: Slot<'p>,
    urgency: Slot<'p>,
    order_word: Slot<'p>,
    /// Actions that take no ids (balance, help), which only count without ids.
    idless: Slot<'p>,
    ids: Vec<u64>,
    unknown_words: usize,
    thanks: bool,
    /// An order word stands somewhere in the customer's words (`my order is not started`).
    names_an_order: bool,
}

impl<'p> Scan<'p> {
    fn new(parser: &'p CommandParser) -> Self {
        Self {
            parser,
            own: Slot::default(),
            quoted: Slot::default(),
            intent: Slot::default(),
            firm_intent: Slot::default(),
            urgency: Slot::default(),
            order_word: Slot::default(),
            idless: Slot::default(),
            ids: Vec::new(),
            unknown_words: 0,
            thanks: false,
            names_an_order: false,
        }
    }

    /// Reads one line's words.
    fn line(&mut self, kind: LineKind, words: &[&str]) {
        let pieces = self.pieces(words);
        let mut phone = Phone::None;
        let mut order_word_before = false;
        let mut last_negation: Option<usize> = None;
        let mut last_progress: Option<usize> = None;
        let mut last_link: Option<usize> = None;
        let mut last_wrong: Option<usize> = None;
        let mut last_date: Option<usize> = None;
        for (index, piece) in pieces.iter().enumerate() {
            let meaning = match *piece {
                Piece::Number(word) => {
                    let digits = word.bytes().filter(u8::is_ascii_digit).count();
                    let in_phone = match phone {
                        Phone::None => false,
                        Phone::Label => {
                            digits >= MIN_LABELLED_PHONE_DIGITS
                                || matches!(pieces.get(index + 1), Some(Piece::Number(_)))
                        }
                        Phone::Digits(before) => before + digits <= MAX_PHONE_DIGITS,
                    };
                    let context = Context {
                        in_phone,
                        after_amount_label: amount_label_before(&pieces[..index]),
                        before_currency: matches!(
                            pieces.get(index + 1),
                            Some(Piece::Word(Meaning::Currency))
                        ),
                        before_unit: unit_follows(&pieces[index + 1..]),
                        near_date_word: last_date.is_some_and(|at| index - at <= 2)
                            || matches!(
                                pieces.get(index + 1),
                                Some(Piece::Word(Meaning::DateWord))
                            ),
                        after_order_word: order_word_before,
                    };
                    let before = self.ids.len();
                    let reading = read(
                        word,
                        context,
                        self.parser.min_order_id_digits,
                        &mut self.ids,
                    );
                    phone = match (reading, phone) {
                        (Reading::Phone, Phone::Digits(before)) if in_phone => {
                            Phone::Digits(before + digits)
                        }
                        (Reading::Phone, _) => Phone::Digits(digits),
                        _ => Phone::None,
                    };
                    if reading == Reading::Ids {
                        if kind == LineKind::Row {
                            // A pasted row: its first id only.
                            self.ids.truncate(before + 1);
                            return;
                        }
                        if order_word_before {
                            self.order_word.add(&DETAILS);
                        }
                    }
                    order_word_before = false;
                    continue;
                }
                Piece::Unknown => {
                    if kind != LineKind::Row {
                        self.unknown_words += 1;
                    }
                    phone = Phone::None;
                    order_word_before = false;
                    continue;
                }
                Piece::Word(meaning) => meaning,
            };
            phone = if matches!(meaning, Meaning::PhoneLabel) {
                Phone::Label
            } else {
                Phone::None
            };
            order_word_before = matches!(meaning, Meaning::OrderWord)
                || (order_word_before && matches!(meaning, Meaning::IdMarker { .. }));
            if kind == LineKind::Row {
                continue;
            }
            let near = |last: Option<usize>| last.is_some_and(|at| index - at <= PAIR_REACH);
            match meaning {
                Meaning::Action(action) => self.action(kind, action),
                Meaning::Urgency => self.urgency.add(&SPEED),
                Meaning::Intent(intent) => self.intent(*intent),
                Meaning::Negation | Meaning::IdMarker { negates: true } => {
                    if near(last_progress) {
                        self.intent(Intent::NotStarted);
                    }
                    last_negation = Some(index);
                }
                Meaning::Progress => {
                    if near(last_negation) {
                        self.intent(Intent::NotStarted);
                    }
                    last_progress = Some(index);
                }
                Meaning::Link => {
                    if near(last_wrong) {
                        self.intent(Intent::WrongLink);
                    }
                    last_link = Some(index);
                }
                Meaning::Wrong => {
                    if near(last_link) {
                        self.intent(Intent::WrongLink);
                    }
                    last_wrong = Some(index);
                }
                Meaning::DateWord => last_date = Some(index),
                Meaning::OrderWord => self.names_an_order = true,
                Meaning::Thanks => self.thanks = true,
                _ => {}
            }
        }
    }

    /// The words of a line read against the vocabulary; phrases become one piece.
    fn pieces<'t>(&self, words: &[&'t str]) -> Vec<Piece<'t, 'p>> {
        let mut pieces = Vec::with_capacity(words.len());
        let mut index = 0;
        while index < words.len() {
            let word = words[index];
            if is_number(word) {
                pieces.push(Piece::Number(word));
                index += 1;
                continue;
            }
            match self.parser.vocabulary.read(&words[index..]) {
                Some((meaning, span)) => {
                    pieces.push(Piece::Word(meaning));
                    index += span;
                }
                None => {
                    pieces.push(Piece::Unknown);
                    index += 1;
                }
            }
        }
        pieces
    }

    /// Records an action word.
    fn action(&mut self, kind: LineKind, action: &'p Action) {
        match action {
            Action::Balance | Action::Help => {
                if kind == LineKind::Own {
                    self.idless.add(action);
                }
            }
            _ if kind == LineKind::Quoted => self.quoted.add(action),
            _ => self.own.add(action),
        }
    }

    /// Records an intent, as the workspace maps it.
    fn intent(&mut self, intent: Intent) {
        if let Some(action) = self.parser.intents.action(intent) {
            self.intent.add(action);
            if intent != Intent::WhereIs {
                self.firm_intent.add(action);
            }
        }
    }

    /// The outcome once the whole text is read.
    fn decide(self) -> ParseOutcome {
        let ids = distinct_in_order(self.ids);
        let limit = self.parser.max_order_ids;
        if ids.len() > limit {
            return ParseOutcome::TooManyOrders {
                count: ids.len(),
                limit,
            };
        }
        if ids.is_empty() {
            // Intents and urgency without ids are generic words ("payment pending", "slow
            // internet") unless the text speaks of an order; "where" and "when" always are.
            let none = Slot::default();
            let (intent, urgency) = if self.names_an_order {
                (&self.firm_intent, &self.urgency)
            } else {
                (&none, &none)
            };
            return without_ids(
                [&self.own, &self.idless, &self.quoted, intent, urgency],
                self.unknown_words,
                self.thanks,
            );
        }
        let slots = [
            &self.own,
            &self.quoted,
            &self.intent,
            &self.urgency,
            &self.order_word,
        ];
        match slots.into_iter().find(|slot| slot.action.is_some()) {
            Some(Slot {
                action: Some(action),
                conflict: false,
            }) if action.takes_order_ids() => ParseOutcome::Command(Command {
                action: (*action).clone(),
                order_ids: ids,
            }),
            _ => ParseOutcome::MissingAction { order_ids: ids },
        }
    }
}

/// The outcome of a text without order ids: the strongest action named, when there is one
/// and only one (own words and balance/help together count as one strength; intents and
/// urgency only when the text names an order).
fn without_ids(slots: [&Slot; 5], unknown_words: usize, thanks: bool) -> ParseOutcome {
    let [own, idless, quoted, intent, urgency] = slots;
    let mut first = Slot::default();
    for slot in [own, idless] {
        if let Some(action) = slot.action {
            first.add(action);
        }
        first.conflict |= slot.conflict;
    }
    if own.action.is_some_and(|own| *own != Action::Details) && idless.action.is_some() {
        first.conflict = true;
    }
    let strongest = [&first, quoted, intent, urgency]
        .into_iter()
        .find(|slot| slot.action.is_some());
    let Some(Slot {
        action: Some(action),
        conflict: false,
    }) = strongest
    else {
        return ParseOutcome::NotACommand;
    };
    if action.takes_order_ids() {
        if thanks {
            // "Thanks for the quick refill": nothing is asked.
            return ParseOutcome::NotACommand;
        }
        return ParseOutcome::MissingOrderIds {
            action: (*action).clone(),
        };
    }
    let chatter = unknown_words > MAX_UNKNOWN_WORDS || (thanks && **action == Action::Help);
    if chatter {
        return ParseOutcome::NotACommand;
    }
    ParseOutcome::Command(Command {
        action: (*action).clone(),
        order_ids: Vec::new(),
    })
}

/// Whether a field label or a currency stands right before a number, and is not the
/// currency of the number before it (`1.5$ 4417702`).
fn amount_label_before(before: &[Piece]) -> bool {
    match before {
        [.., Piece::Number(_), Piece::Word(Meaning::Currency)] => false,
        [
            ..,
            Piece::Word(Meaning::Currency | Meaning::CurrencyPrefix | Meaning::QuantityLabel),
        ] => true,
        _ => false,
    }
}

/// Whether a unit word follows (`1000 followers`), after at most one platform name
/// (`1000 instagram followers`).
fn unit_follows(after: &[Piece]) -> bool {
    matches!(
        after,
        [Piece::Word(Meaning::Unit), ..]
            | [
                Piece::Word(Meaning::Platform),
                Piece::Word(Meaning::Unit),
                ..
            ]
    )
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

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let text = "é".repeat(MAX_TEXT_BYTES);
        assert_eq!(truncate(&text, 5).len(), 4);
        assert_eq!(truncate("abc", 5), "abc");
    }

    #[test]
    fn start_and_builtin_phrases() {
        assert!(is_start_command("/start"));
        assert!(is_start_command(" /start@ "));
        assert!(!is_start_command("/started"));
        let parser = CommandParser::default();
        assert!(parser.knows_every_word("check balance"));
        assert!(parser.knows_every_word("please"));
        assert!(!parser.knows_every_word("price list"));
        assert!(!parser.knows_every_word(""));
    }
}
