//! Service-name rules: the refill policy and start time a panel writes into a service name.
//!
//! ```
//! use panelrelay_core::service_rules::{RefillPolicy, RuleSource, ServiceRule, StartWindow};
//!
//! let rule = ServiceRule::from_service_name(
//!     "Instagram Followers [Refill: 30 Days] [Start: 0-1 Hour] [Speed: 10K/Day]",
//! );
//! assert_eq!(rule.refill, RefillPolicy::Days(30));
//! assert_eq!(rule.start, StartWindow { min_minutes: Some(0), max_minutes: Some(60) });
//! assert_eq!(rule.source, RuleSource::Parsed);
//! ```
//!
//! How a name is read (labelling rules of the reference, §6.4; the corpora in `fixtures/`,
//! described in `fixtures/FIXTURES.md`):
//!
//! - The name is normalised (NFKC, so mathematical bold/italic letters and digits and
//!   full-width forms are plain; small capitals folded; lower case; every dash is `-`), its
//!   first 1024 characters cut into segments at `| [ ] ( ) { }`, then into numbers, words and
//!   symbols (`lexer.rs`). `r30` and `r∞` standing alone are refill codes; `Server1` is not.
//!   Two-word lifetimes (`life time`, `ömür boyu`, `seumur hidup`, `por vida`) become one word.
//! - Vocabularies (`words.rs`): refill and guarantee words in English, Indonesian, Russian,
//!   Turkish, Portuguese and Spanish (`refill`, `garansi`, `гарантия`, `восстановление`,
//!   `garantili`, `telafi`, `reposição`), with misspellings within two edits of `refill` or
//!   `guarantee` (`reffil`, `gurantee`, `guarented`; `typo.rs`); denials (`nr`,
//!   `garantisiz`; negations `no`, `tanpa`, `gak ada`, `без`, `sem`, `sin`; answers `no`,
//!   `yok`, `off`, `disabled`); lifetime, instant and start words.
//! - A duration is a number or range with a unit (`30 days`, `0-1 hour`, `12h-48h`,
//!   `30-day`, `60Д`, Russian compact `0-6/Ч`); a range never shrinks (`4000 Hours - 60
//!   Days` is two amounts). A number followed by `k`, `/` or `per` is a speed or quantity,
//!   never a duration (`duration.rs`, `speed.rs`). A lone `m` may be minutes or millions.
//! - Refill (`refill.rs`): a day, week, month or year duration counts when a refill word,
//!   code (`r`, `ar`, `rav`), `working` or emoji (♻, 🔄) sits before or after it, across
//!   punctuation, emoji and a few bridge words (`refill button working for 1 year`,
//!   `guarantee up to 90 days`, `7 дней без списаний ♻`), or when it fills a whole segment
//!   (`| 365 Days |`), but not after `every`. A number without a unit counts after a code or
//!   emoji (`R 30`, `AR30`, `♻️30`), or after a refill word in a segment that says nothing
//!   else (`[Refill 30]`) or that it ends, from a week up. Ranges take the lower bound.
//!   Lifetime counts next to a refill marker, before "non drop", alone in a segment or
//!   between bullets (`[Lifetime]`, `• Lifetime •`), and as `r∞` or `∞` after a marker
//!   (`AR∞`). A denial or a zero-day window wins over everything, then the shortest window,
//!   then lifetime; anything else is unknown.
//! - Start (`start.rs`): a duration right after or before a start word (`start`, `старт`,
//!   `início`, `mulai`, `başlangıç`) or clock emoji gives a window: a range A–B is A/B, a
//!   single value X is 0/X, seconds round up. Failing that, a window written without a start
//!   word, in minutes or hours and never with a lone `m`: `instant - X`; a range alone in its
//!   segment or between emoji separators (`[0-20 MIN]`, `⭐ 0-1H ⭐`); a range ending a list
//!   item after a speed (`10K/Day - 0-1 Hour`); or the duration that opens a compact block
//!   before a speed, code or refill word (`[12H-500/D]`, `[6H - 5K/D - R30]`). In live-stream,
//!   watch-time and retention products such a window must open at 0 (`[30-60 Minutes]` is
//!   the stream's length). Failing that, `instant` anywhere is 0/0. Durations tied to a
//!   refill word, product durations (`[60 Minutes]`, `4000 Hours`) and delivery durations
//!   (`finishes in 24h`, `delivery 1-3 days`) are never start times.
//!
//! The rules are lexical and general: no name is special-cased. Every name is read in
//! bounded time (1024 characters at most, words of 16 characters at most for typo checks).

mod duration;
mod lexer;
mod policy;
mod refill;
mod rule;
mod speed;
mod start;
mod typo;
mod words;

pub use policy::{RefillPolicy, StartWindow};
pub use rule::{RuleSource, ServiceRule, effective_rule};
