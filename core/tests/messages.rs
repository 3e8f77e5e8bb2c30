//! The labelled corpus of customer messages (`fixtures/messages.json`, see
//! `fixtures/FIXTURES.md`) read by the default parser: agreement overall and per language,
//! and the share of chatter kept as chatter.

#![allow(clippy::unwrap_used)]

use panelrelay_core::command::{Action, Command, CommandParser, ParseOutcome};
use serde_json::Value;
use std::collections::BTreeMap;

/// The least share of messages read as labelled, overall.
const MIN_AGREEMENT: f64 = 0.98;

/// The least share of chatter that stays chatter.
const MIN_CHATTER_KEPT: f64 = 0.98;

fn action(name: &str) -> Action {
    match name {
        "speed" => Action::Speed,
        "cancel" => Action::Cancel,
        "refill" => Action::Refill,
        "balance" => Action::Balance,
        "details" => Action::Details,
        "help" => Action::Help,
        other => panic!("unknown action {other:?}"),
    }
}

fn ids(expect: &Value) -> Vec<u64> {
    expect["order_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_u64().unwrap())
        .collect()
}

/// The outcome a corpus entry expects.
fn expected(expect: &Value) -> ParseOutcome {
    match expect["outcome"].as_str().unwrap() {
        "command" => ParseOutcome::Command(Command {
            action: action(expect["action"].as_str().unwrap()),
            order_ids: ids(expect),
        }),
        "missing_action" => ParseOutcome::MissingAction {
            order_ids: ids(expect),
        },
        "missing_order_ids" => ParseOutcome::MissingOrderIds {
            action: action(expect["action"].as_str().unwrap()),
        },
        "not_a_command" => ParseOutcome::NotACommand,
        other => panic!("unknown outcome {other:?}"),
    }
}

/// Agreeing and total counts.
#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, agrees: bool) {
        self.agree += usize::from(agrees);
        self.total += 1;
    }

    fn rate(&self) -> f64 {
        self.agree as f64 / self.total.max(1) as f64
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.1} % ({} of {})",
            100.0 * self.rate(),
            self.agree,
            self.total
        )
    }
}

#[test]
fn the_message_corpus_is_understood() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/messages.json");
    let entries: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(entries.len() >= 400, "only {} messages", entries.len());
    let parser = CommandParser::default();
    let mut overall = Tally::default();
    let mut chatter = Tally::default();
    let mut languages: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for entry in &entries {
        let text = entry["text"].as_str().unwrap();
        let want = expected(&entry["expect"]);
        let got = parser.parse(text);
        let agrees = got == want;
        overall.add(agrees);
        let language = entry["language"].as_str().unwrap().to_owned();
        languages.entry(language.clone()).or_default().add(agrees);
        if want == ParseOutcome::NotACommand {
            chatter.add(agrees);
        }
        if !agrees {
            let cause = entry["cause"].as_str().unwrap();
            misses.push(format!(
                "[{language}, {cause}] {text:?}\n  expected {want:?}\n  got      {got:?}"
            ));
        }
    }
    println!("messages understood: {overall}");
    for (language, tally) in &languages {
        println!("  {language}: {tally}");
    }
    println!("chatter kept as chatter: {chatter}");
    for miss in &misses {
        println!("{miss}");
    }
    assert!(overall.rate() >= MIN_AGREEMENT, "agreement {overall}");
    assert!(chatter.rate() >= MIN_CHATTER_KEPT, "chatter kept {chatter}");
}
