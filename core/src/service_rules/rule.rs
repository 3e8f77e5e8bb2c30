//! A service's rule, parsed from its name or set by hand.

use super::lexer::lex;
use super::policy::{RefillPolicy, StartWindow};
use super::refill::refill_policy;
use super::start::start_window;
use serde::{Deserialize, Serialize};

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSource {
    /// Read from the service name.
    Parsed,
    /// Set by the workspace for a service id; beats parsing.
    Manual,
}

/// The refill and start-time policy of one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceRule {
    /// Refill policy.
    pub refill: RefillPolicy,
    /// Start time.
    pub start: StartWindow,
    /// Parsed or manual.
    pub source: RuleSource,
}

impl ServiceRule {
    /// Reads the policy from a panel service name.
    pub fn from_service_name(name: &str) -> Self {
        let segments = lex(name);
        Self {
            refill: refill_policy(&segments),
            start: start_window(&segments),
            source: RuleSource::Parsed,
        }
    }

    /// A rule set by hand.
    pub fn manual(refill: RefillPolicy, start: StartWindow) -> Self {
        Self {
            refill,
            start,
            source: RuleSource::Manual,
        }
    }
}

/// The rule that applies to a service: the workspace's manual rule when it has one,
/// otherwise the one parsed from the service name.
pub fn effective_rule(manual: Option<ServiceRule>, service_name: &str) -> ServiceRule {
    manual.unwrap_or_else(|| ServiceRule::from_service_name(service_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_rule_beats_the_name() {
        let name = "Instagram Likes [Refill: 30 Days] [Start: 0-1 Hour]";
        let parsed = effective_rule(None, name);
        assert_eq!(parsed.refill, RefillPolicy::Days(30));
        assert_eq!(parsed.source, RuleSource::Parsed);

        let manual = ServiceRule::manual(RefillPolicy::None, StartWindow::INSTANT);
        assert_eq!(effective_rule(Some(manual), name), manual);
        assert_eq!(
            effective_rule(Some(manual), name).source,
            RuleSource::Manual
        );
    }
}
