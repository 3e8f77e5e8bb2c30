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
//! How a name is read (labelling rules of the reference, §6.4):
//!
//! - The name is normalised (NFKC, so mathematical-bold letters and full-width digits are
//!   plain; lower case; every dash is `-`) and cut into segments at `| [ ] ( ) { }`, then
//!   into numbers, words and symbols (`lexer.rs`). `r30` and `r∞` standing alone are
//!   refill codes; `Server1` is not.
//! - A duration is a number or range with a unit (`30 days`, `0-1 hour`, `12h-48h`,
//!   `30-day`); a number followed by `k`, `/` or `per` is a speed or quantity, never a
//!   duration (`duration.rs`).
//! - Refill (`refill.rs`): a day, week, month or year duration counts only when a refill
//!   word or emoji (`refill`, `refil`, `guarantee`, `гарантия`, `reposição`, ♻, 🔄) sits
//!   right before or after it, or when it fills a whole segment (`| 365 Days |`). Ranges
//!   take the lower bound. `lifetime` counts next to a refill word or before "non drop".
//!   An explicit denial (`no refill`, `non refil`, `refill: no`) wins over everything, then
//!   the shortest window, then lifetime; anything else is unknown.
//! - Start (`start.rs`): a duration right after or before a start word (`start`, `старт`,
//!   `início`) gives a window: a range A–B is A/B, a single value X is 0/X, seconds round
//!   up. An explicit window beats `instant` anywhere, which is 0/0. Durations tied to a
//!   refill word, delivery times and product durations are never start times.

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
