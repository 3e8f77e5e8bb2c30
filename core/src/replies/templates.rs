//! A workspace's reply templates: the defaults, its overrides and its custom commands.

use super::defaults::default_text;
use super::key::TemplateKey;
use crate::template::{TemplateError, render, validate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The longest reply template, in characters (below every medium's limit).
pub const MAX_REPLY_TEMPLATE_CHARS: usize = 4000;

/// Checks a workspace's text for `key`: non-empty, at most [`MAX_REPLY_TEMPLATE_CHARS`],
/// well-formed, and using only [`TemplateKey::variables`]; an unknown variable is an error
/// that lists the allowed ones.
pub fn validate_template(key: TemplateKey, text: &str) -> Result<(), TemplateError> {
    validate(text, key.variables(), MAX_REPLY_TEMPLATE_CHARS)
}

/// A template that failed validation, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("template {name}: {error}")]
pub struct InvalidTemplate {
    /// The key's name, or `custom:<trigger>` for a custom command's text.
    pub name: String,
    /// What is wrong.
    pub error: TemplateError,
}

/// A workspace's reply texts. Keys without an override use the default English text.
///
/// Serialised as `{"overrides": {"not_found": "…"}, "custom": {"price list": "…"}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyTemplates {
    /// The workspace's texts per key.
    pub overrides: BTreeMap<TemplateKey, String>,
    /// The reply of each custom command, by trigger as the workspace wrote it (the parser's
    /// `Action::Custom`); uses no variables.
    pub custom: BTreeMap<String, String>,
}

impl ReplyTemplates {
    /// Checks every override and custom text.
    pub fn validate(&self) -> Result<(), InvalidTemplate> {
        for (key, text) in &self.overrides {
            validate_template(*key, text).map_err(|error| InvalidTemplate {
                name: key.name().to_owned(),
                error,
            })?;
        }
        for (trigger, text) in &self.custom {
            validate_template(TemplateKey::Custom, text).map_err(|error| InvalidTemplate {
                name: format!("custom:{trigger}"),
                error,
            })?;
        }
        Ok(())
    }

    /// The text of `key`: the workspace's, else the default.
    pub fn text(&self, key: TemplateKey) -> &str {
        self.overrides
            .get(&key)
            .map_or_else(|| default_text(key), String::as_str)
    }

    /// The reply of the custom command `trigger`, else the [`TemplateKey::Custom`] text.
    pub fn custom_text(&self, trigger: &str) -> &str {
        self.custom
            .get(trigger)
            .map_or_else(|| self.text(TemplateKey::Custom), String::as_str)
    }

    /// `key`'s text rendered with `values`, trimmed.
    pub fn render(&self, key: TemplateKey, values: &[(&str, &str)]) -> String {
        render(self.text(key), values).trim().to_owned()
    }
}
