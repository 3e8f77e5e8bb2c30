//! How much memory a workspace's command parser holds: builds many parsers (default ones,
//! and ones with a few aliases and custom commands, as a configured workspace has) and
//! prints the growth of the process's resident memory per parser (Linux, /proc).
//!
//! `cargo run --release -p panelrelay-core --example parser_memory`

use panelrelay_core::command::{Action, Alias, CommandParser, ParserConfig};

const PARSERS: usize = 2_000;

/// The resident memory of this process in bytes (Linux); 0 where /proc is missing.
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn main() {
    let before = resident_bytes();
    let first = CommandParser::default();
    println!(
        "first parser (builds the shared built-in words): {} KiB resident",
        (resident_bytes() - before) / 1024
    );

    let configured = ParserConfig {
        aliases: vec![
            Alias {
                phrase: "top up".into(),
                action: Action::Refill,
            },
            Alias {
                phrase: "fast".into(),
                action: Action::Speed,
            },
        ],
        custom_triggers: vec!["price list".into(), "payment methods".into()],
        ..ParserConfig::default()
    };
    for (label, config) in [
        ("default", ParserConfig::default()),
        ("2 aliases + 2 custom commands", configured),
    ] {
        let before = resident_bytes();
        let parsers: Vec<CommandParser> =
            match (0..PARSERS).map(|_| CommandParser::new(&config)).collect() {
                Ok(parsers) => parsers,
                Err(error) => {
                    eprintln!("{label}: {error}");
                    std::process::exit(1);
                }
            };
        let grown = resident_bytes().saturating_sub(before);
        println!(
            "{label}: {PARSERS} parsers, {} KiB resident, {} bytes per parser",
            grown / 1024,
            grown / PARSERS
        );
        drop(parsers);
    }
    drop(first);
}
