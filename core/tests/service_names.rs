//! The service-name parser against the labelled corpora (reference §6) and each trap of §6.3.
//!
//! Two corpora: the shared one (`service_names.json`, 61 names) and the catalogue one
//! (`service_names_catalogues.json`, names modelled on public catalogues in several
//! languages, each with a language and a class). Agreement must be at least 98 % overall;
//! the test prints it overall, per corpus, per language and per class.

use panelrelay_core::service_rules::{RefillPolicy, ServiceRule, StartWindow};
use serde::Deserialize;
use std::collections::BTreeMap;

const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/service_names.json"
);
const CATALOGUES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/service_names_catalogues.json"
);

#[derive(Deserialize)]
struct Entry {
    name: String,
    refill: Refill,
    start: Start,
    source: String,
    language: Option<String>,
    class: Option<String>,
}

#[derive(Deserialize)]
struct Refill {
    kind: String,
    days: Option<u32>,
}

#[derive(Deserialize)]
struct Start {
    min_minutes: Option<u32>,
    max_minutes: Option<u32>,
}

fn expected_refill(refill: &Refill) -> RefillPolicy {
    match (refill.kind.as_str(), refill.days) {
        ("none", None) => RefillPolicy::None,
        ("days", Some(days)) => RefillPolicy::Days(days),
        ("lifetime", None) => RefillPolicy::Lifetime,
        ("unknown", None) => RefillPolicy::Unknown,
        (kind, days) => panic!("bad label: kind {kind:?} with days {days:?}"),
    }
}

fn load(path: &str, corpus: &str) -> Vec<(String, Entry)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("the corpus {path} sits in fixtures/: {error}"));
    let entries: Vec<Entry> = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("the corpus {path} is a JSON list: {error}"));
    entries
        .into_iter()
        .map(|entry| (corpus.to_owned(), entry))
        .collect()
}

/// Agreeing and total counts per key.
#[derive(Default)]
struct Tally(BTreeMap<String, (usize, usize)>);

impl Tally {
    fn add(&mut self, key: &str, agrees: bool) {
        let (agree, total) = self.0.entry(key.to_owned()).or_default();
        *agree += usize::from(agrees);
        *total += 1;
    }

    fn print(&self, title: &str) {
        println!("by {title}:");
        for (key, (agree, total)) in &self.0 {
            let rate = 100.0 * *agree as f64 / *total as f64;
            println!("  {key:<10} {agree:>3}/{total:<3} {rate:5.1}%");
        }
    }
}

#[test]
fn service_name_corpora_agree_with_the_labels() {
    let mut entries = load(SHARED, "shared");
    entries.extend(load(CATALOGUES, "catalogues"));
    let mut disagreements = Vec::new();
    let (mut by_corpus, mut by_language, mut by_class) =
        (Tally::default(), Tally::default(), Tally::default());
    for (corpus, entry) in &entries {
        assert!(!entry.source.is_empty(), "{:?} has no source", entry.name);
        let want_refill = expected_refill(&entry.refill);
        let want_start = StartWindow {
            min_minutes: entry.start.min_minutes,
            max_minutes: entry.start.max_minutes,
        };
        let rule = ServiceRule::from_service_name(&entry.name);
        let agrees = rule.refill == want_refill && rule.start == want_start;
        by_corpus.add(corpus, agrees);
        by_language.add(entry.language.as_deref().unwrap_or("en"), agrees);
        by_class.add(entry.class.as_deref().unwrap_or("shared"), agrees);
        if !agrees {
            disagreements.push(format!(
                "{:?}\n  expected {want_refill:?} {want_start:?}\n  got      {:?} {:?}",
                entry.name, rule.refill, rule.start
            ));
        }
    }
    let agree = entries.len() - disagreements.len();
    let rate = 100.0 * agree as f64 / entries.len() as f64;
    println!(
        "service-name corpora: {agree}/{} agree ({rate:.1}%)",
        entries.len()
    );
    by_corpus.print("corpus");
    by_language.print("language");
    by_class.print("class");
    for disagreement in &disagreements {
        println!("{disagreement}");
    }
    assert!(
        entries.len() >= 300,
        "the corpora shrank to {} entries",
        entries.len()
    );
    assert!(rate >= 98.0, "agreement {rate:.1}% is below 98%");
}

fn refill(name: &str) -> RefillPolicy {
    ServiceRule::from_service_name(name).refill
}

fn start(name: &str) -> StartWindow {
    ServiceRule::from_service_name(name).start
}

fn window(min: u32, max: u32) -> StartWindow {
    StartWindow::between(min, max)
}

// §6.3 Speed looks like a duration.
#[test]
fn trap_speeds_are_not_durations() {
    for name in [
        "Twitter Followers | 100k/D | Fast",
        "Followers | 30k Per Day",
        "Reels views 500K/1M Days ULTRA FAST",
        "YouTube Views | Per Day 5K",
        "Likes [Speed: 10K/Day]",
        "Likes [Speed: 100K/H]",
        "Subscribers [Speed: 250-500/Day]",
    ] {
        assert_eq!(refill(name), RefillPolicy::Unknown, "{name}");
        assert_eq!(start(name), StartWindow::UNKNOWN, "{name}");
    }
    assert_eq!(
        refill("Likes [Speed: 10K/Day] [Refill: 30 Days]"),
        RefillPolicy::Days(30)
    );
    assert_eq!(
        refill("Likes | 100k/D | 30 Days ♻️"),
        RefillPolicy::Days(30)
    );
}

// §6.3 Delivery and product numbers look like start times.
#[test]
fn trap_delivery_and_product_durations_are_not_starts() {
    let name =
        "[Max-10M Speed-Any Quantity Delivered Within 12H-48H] [Lifetime Non Drop] Start: 3-4 hrs)";
    assert_eq!(start(name), window(180, 240));
    assert_eq!(start("Delivered Within 12H-48H"), StartWindow::UNKNOWN);
    assert_eq!(
        start("YouTube Livestream Viewers [60 Minutes | Stable]"),
        StartWindow::UNKNOWN
    );
    assert_eq!(
        start("YouTube Watch Time [4000 Hours]"),
        StartWindow::UNKNOWN
    );
    assert_eq!(
        refill("YouTube Watch Time [4000 Hours]"),
        RefillPolicy::Unknown
    );
}

// §6.3 Percentages.
#[test]
fn trap_percentages_are_not_windows() {
    assert_eq!(
        refill("Twitter Followers [10% Drop]"),
        RefillPolicy::Unknown
    );
    assert_eq!(refill("Likes | 100% Non Drop"), RefillPolicy::Unknown);
    assert_eq!(
        refill("Members [100%Non Drop] [3month Guarantee]"),
        RefillPolicy::Days(90)
    );
}

// §6.3 Quantities and ids.
#[test]
fn trap_quantities_and_ids_are_ignored() {
    for name in [
        "Likes [Max: 1M]",
        "Followers Max 100K",
        "TikTok Likes [ Max 5M ]",
        "Instagram Europe Followers(S2)",
        "1220 - Instagram Followers",
        "884 — Instagram Likes",
    ] {
        assert_eq!(refill(name), RefillPolicy::Unknown, "{name}");
        assert_eq!(start(name), StartWindow::UNKNOWN, "{name}");
    }
}

// §6.3 Contradictory markers: an explicit value wins.
#[test]
fn trap_explicit_values_beat_markers() {
    assert_eq!(refill("Likes | No Refill ♻️"), RefillPolicy::None);
    assert_eq!(
        refill("Likes | Refill 30 Days | instant ♻️⚡"),
        RefillPolicy::Days(30)
    );
    assert_eq!(refill("Likes ♻️"), RefillPolicy::Unknown);
    assert_eq!(start("Likes | Instant | 0–30 Min Start"), window(0, 30));
    assert_eq!(start("Likes | 0–30 Min Start | Instant"), window(0, 30));
}

// §6.3 Typos and odd spacing.
#[test]
fn trap_typos_and_spacing() {
    assert_eq!(
        refill("Twitter Followers | Non Refil | Super instant"),
        RefillPolicy::None
    );
    assert_eq!(start("{Start:0-10Mint}"), window(0, 10));
    assert_eq!(
        refill("Speed:-15k/day - Refill:- No! {Start: 0-1 Hour}"),
        RefillPolicy::None
    );
    assert_eq!(
        refill("Reels 0–5 Minutes Start Life-timeRefill♻️"),
        RefillPolicy::Lifetime
    );
    assert_eq!(
        refill("Followers -Refill:-365days(Non-Drop)-{start:Instant}"),
        RefillPolicy::Days(365)
    );
    assert_eq!(refill("Likes [Refil 30 Days]"), RefillPolicy::Days(30));
}

// §6.3 Unicode.
#[test]
fn trap_unicode() {
    assert_eq!(start("Followers | 0–10 Minutes Start"), window(0, 10));
    assert_eq!(start("Followers | 0—10 Minutes Start"), window(0, 10));
    assert_eq!(
        refill("🇮🇳Instagram Reels [Refill: 30 Days]"),
        RefillPolicy::Days(30)
    );
    assert_eq!(refill("Followers 𝗥𝗲𝗳𝗶𝗹𝗹 𝟯𝟬 𝗗𝗮𝘆𝘀"), RefillPolicy::Days(30));
    assert_eq!(
        refill("Подписчики [Гарантия 30 дней]"),
        RefillPolicy::Days(30)
    );
    assert_eq!(
        refill("Seguidores [Reposição 30 dias]"),
        RefillPolicy::Days(30)
    );
    assert_eq!(start("Seguidores [Início 0-1h]"), window(0, 60));
    assert_eq!(
        refill("Followers [Refill：30 Days]"),
        RefillPolicy::Days(30)
    );
}

// §6.3 Naive patterns bite: `R<digits>` only as a standalone token.
#[test]
fn trap_short_refill_codes_stand_alone() {
    assert_eq!(refill("Followers [R30]"), RefillPolicy::Days(30));
    assert_eq!(
        refill("Followers [6H - 10K/Day - R120]"),
        RefillPolicy::Days(120)
    );
    assert_eq!(refill("Followers R∞"), RefillPolicy::Lifetime);
    assert_eq!(refill("Followers Server1"), RefillPolicy::Unknown);
    assert_eq!(refill("Followers Server30 Days"), RefillPolicy::Unknown);
    assert_eq!(refill("Followers [AR]"), RefillPolicy::Unknown);
}

// §6.1 forms not in the corpus.
#[test]
fn other_refill_forms() {
    assert_eq!(refill("[Refill: 30D]"), RefillPolicy::Days(30));
    assert_eq!(refill("[Refill:- 365days]"), RefillPolicy::Days(365));
    assert_eq!(refill("60D Refill 🔄"), RefillPolicy::Days(60));
    assert_eq!(refill("Refill 30 Days"), RefillPolicy::Days(30));
    assert_eq!(refill("[Refill: Lifetime]"), RefillPolicy::Lifetime);
    assert_eq!(refill("[Lifetime Guaranteed]"), RefillPolicy::Lifetime);
    assert_eq!(refill("[No Refill / No Cancel]"), RefillPolicy::None);
    assert_eq!(refill("(NON DROP)"), RefillPolicy::Unknown);
    assert_eq!(refill("Auto Refill Every 24 Hours"), RefillPolicy::Unknown);
    assert_eq!(refill("Instagram Followers"), RefillPolicy::Unknown);
    assert_eq!(refill(""), RefillPolicy::Unknown);
    assert_eq!(start(""), StartWindow::UNKNOWN);
}
