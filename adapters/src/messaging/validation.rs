//! The outcome of checking a channel's setup against its provider.

use super::redact::redact;
use panelrelay_core::ports::messenger::SendError;

/// What a channel check found. `detail` is for people and never holds a secret.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    /// Whether the channel can receive and send.
    pub ok: bool,
    /// A snake_case summary: `ok`, `auth_failed`, `rate_limited`, `timeout`, `unreachable`,
    /// `provider_error`, `invalid_config`, `instance_not_authorized`, `webhook_mismatch`,
    /// `phone_mismatch`.
    pub status: String,
    /// What was checked and found, in words.
    pub detail: String,
    /// Telegram: the bot's username, without `@`.
    pub bot_username: Option<String>,
    /// Telegram: whether the bot sees every group message (privacy mode off).
    pub can_read_all_group_messages: Option<bool>,
    /// Meta: the number as displayed (`15557840021`).
    pub display_phone: Option<String>,
    /// Meta: the business name WhatsApp shows.
    pub verified_name: Option<String>,
}

impl ValidationReport {
    /// A passed check.
    pub(crate) fn passed(detail: String) -> Self {
        ValidationReport {
            ok: true,
            status: "ok".into(),
            detail,
            ..ValidationReport::default()
        }
    }

    /// A failed check.
    pub(crate) fn failed(status: &str, detail: String) -> Self {
        ValidationReport {
            ok: false,
            status: status.into(),
            detail,
            ..ValidationReport::default()
        }
    }

    /// The report with `secrets` removed from its detail (provider texts may echo them).
    pub(crate) fn redacted(self, secrets: &[&str]) -> Self {
        ValidationReport {
            detail: redact(&self.detail, secrets),
            ..self
        }
    }

    /// A check that failed calling `step` (a provider method name).
    pub(crate) fn from_error(step: &str, err: &SendError) -> Self {
        let status = match err {
            SendError::AuthFailed => "auth_failed",
            SendError::RateLimited { .. } => "rate_limited",
            SendError::Timeout => "timeout",
            SendError::Unreachable => "unreachable",
            SendError::ChatMigrated { .. }
            | SendError::Rejected { .. }
            | SendError::Http(_)
            | SendError::Decode(_) => "provider_error",
        };
        ValidationReport::failed(status, format!("{step} failed: {err}"))
    }
}
