//! Dispatch templates: the text forwarded to a provider per action.
//!
//! A template is either **per batch** or **per order**:
//!
//! - per batch: `{external_ids}` and `{order_ids}` are comma-separated lists (`3155,3154`)
//!   and `{count}` their number; one text per message. Default per action:
//!   `{external_ids} refill`, `{external_ids} speed`, `{external_ids} cancel`.
//! - per order: `{external_id}`, `{order_id}`, `{username}` (the order's panel user),
//!   `{service}`, `{service_id}` and `{status}` are one order's values; one line per order,
//!   lines joined by newlines.
//!
//! `{action}` (`refill`, `speed`, `cancel`) fits both. Mixing the two kinds is refused.

use crate::rules::OrderAction;
use crate::template::{TemplateError, validate, variables};
use serde::{Deserialize, Serialize};

/// The longest dispatch template, in characters.
pub const MAX_DISPATCH_TEMPLATE_CHARS: usize = 1000;

/// Variables of per-batch templates.
pub const BATCH_VARIABLES: &[&str] = &["external_ids", "order_ids", "count"];

/// Variables of per-order templates.
pub const ORDER_VARIABLES: &[&str] = &[
    "external_id",
    "order_id",
    "username",
    "service",
    "service_id",
    "status",
];

/// Variables of every dispatch template.
const SHARED_VARIABLES: &[&str] = &["action"];

/// A route's dispatch template per action; `None` uses the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DispatchTemplates {
    /// Speed-up requests. Default `{external_ids} speed`.
    pub speed: Option<String>,
    /// Cancel requests. Default `{external_ids} cancel`.
    pub cancel: Option<String>,
    /// Refill requests. Default `{external_ids} refill`.
    pub refill: Option<String>,
}

impl DispatchTemplates {
    /// The template for `action`: the route's own, else the default.
    pub fn for_action(&self, action: OrderAction) -> &str {
        let own = match action {
            OrderAction::Speed => &self.speed,
            OrderAction::Cancel => &self.cancel,
            OrderAction::Refill => &self.refill,
        };
        own.as_deref()
            .unwrap_or_else(|| default_dispatch_template(action))
    }
}

/// The default template of `action`: `{external_ids} <action>`.
pub fn default_dispatch_template(action: OrderAction) -> &'static str {
    match action {
        OrderAction::Speed => "{external_ids} speed",
        OrderAction::Cancel => "{external_ids} cancel",
        OrderAction::Refill => "{external_ids} refill",
    }
}

/// Checks a dispatch template: known variables only, per batch or per order but not both,
/// at most [`MAX_DISPATCH_TEMPLATE_CHARS`] characters.
pub fn validate_dispatch_template(text: &str) -> Result<(), TemplateError> {
    let allowed: Vec<&'static str> = BATCH_VARIABLES
        .iter()
        .chain(ORDER_VARIABLES)
        .chain(SHARED_VARIABLES)
        .copied()
        .collect();
    validate(text, &allowed, MAX_DISPATCH_TEMPLATE_CHARS)?;
    let names = variables(text)?;
    let batch = names.iter().find(|name| BATCH_VARIABLES.contains(name));
    let order = names.iter().find(|name| ORDER_VARIABLES.contains(name));
    match (batch, order) {
        (Some(batch), Some(order)) => Err(TemplateError::MixedVariables {
            batch: (*batch).to_owned(),
            order: (*order).to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Whether `text` renders one line per order.
pub(crate) fn is_per_order(text: &str) -> bool {
    variables(text).is_ok_and(|names| names.iter().any(|name| ORDER_VARIABLES.contains(name)))
}

/// Whether `text` forwards provider-side order ids.
pub(crate) fn needs_external_id(text: &str) -> bool {
    variables(text).is_ok_and(|names| {
        names
            .iter()
            .any(|name| *name == "external_id" || *name == "external_ids")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let templates = DispatchTemplates {
            refill: Some("{external_id} rf".into()),
            ..DispatchTemplates::default()
        };
        assert_eq!(
            templates.for_action(OrderAction::Refill),
            "{external_id} rf"
        );
        assert_eq!(
            templates.for_action(OrderAction::Speed),
            "{external_ids} speed"
        );
        for action in OrderAction::ALL {
            assert_eq!(
                validate_dispatch_template(default_dispatch_template(action)),
                Ok(())
            );
            assert!(needs_external_id(default_dispatch_template(action)));
            assert!(!is_per_order(default_dispatch_template(action)));
        }
    }

    #[test]
    fn validation() {
        assert_eq!(
            validate_dispatch_template("{order_id} {action} for {username}"),
            Ok(())
        );
        assert!(is_per_order("{order_id} {action}"));
        assert!(!needs_external_id("{order_ids} {action}"));
        assert_eq!(
            validate_dispatch_template("{external_ids} {order_id}"),
            Err(TemplateError::MixedVariables {
                batch: "external_ids".into(),
                order: "order_id".into()
            })
        );
        assert!(matches!(
            validate_dispatch_template("{external_ids} {provider}"),
            Err(TemplateError::UnknownVariable { name, .. }) if name == "provider"
        ));
        assert!(matches!(
            validate_dispatch_template(&"x".repeat(1001)),
            Err(TemplateError::TooLong { max: 1000 })
        ));
    }
}
