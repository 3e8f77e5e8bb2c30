//! A workspace's settings document: the engine's settings plus what the platform around it
//! uses (rules mode, log retention, how messages are read), stored as one JSON document.

use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::command::{DEFAULT_MIN_ORDER_ID_DIGITS, IntentSettings};
use panelrelay_core::engine::Settings as EngineSettings;
use panelrelay_core::ids::WorkspaceId;
use serde::{Deserialize, Serialize};

/// Which service rules the engine applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesMode {
    /// Rules parsed from service names only.
    #[default]
    Quick,
    /// Manual overrides (`PUT /v1/service-rules/{id}`) win over parsed rules.
    Advanced,
}

/// The stored document: the engine's settings plus what the platform around it uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsDocument {
    /// What the engine reads.
    pub engine: EngineSettings,
    /// Quick or advanced service rules.
    pub rules_mode: RulesMode,
    /// Days logs are kept.
    pub log_retention_days: u32,
    /// The fewest digits of an order id; shorter numbers are never ids.
    pub min_order_id_digits: usize,
    /// The action each intent phrase stands for.
    pub intents: IntentSettings,
}

impl Default for SettingsDocument {
    fn default() -> Self {
        SettingsDocument {
            engine: EngineSettings::default(),
            rules_mode: RulesMode::Quick,
            log_retention_days: 30,
            min_order_id_digits: DEFAULT_MIN_ORDER_ID_DIGITS,
            intents: IntentSettings::default(),
        }
    }
}

/// Reads a workspace's settings; defaults when none are stored (or the stored ones are
/// unreadable, which is logged).
pub async fn load(db: &Database, workspace: WorkspaceId) -> Result<SettingsDocument, StorageError> {
    Ok(match db.settings(workspace).get().await? {
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|err| {
            tracing::warn!(%workspace, error = %err, "stored settings unreadable; using defaults");
            SettingsDocument::default()
        }),
        None => SettingsDocument::default(),
    })
}
