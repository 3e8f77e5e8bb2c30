//! `/v1/settings`: how the workspace's automation behaves — cooldowns, the status × action
//! matrix, refill windows, bulk limits, how messages are read (shortest order id, intent
//! phrases), group silence, quick or advanced service rules, log retention.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::services::settings::{self, SettingsDocument, load};
use crate::state::AppState;
use chrono::Utc;
use panelrelay_core::access::Role;
use panelrelay_core::command::{Action, DEFAULT_MIN_ORDER_ID_DIGITS, IntentSettings};
use panelrelay_core::cooldown::CooldownSettings;
use panelrelay_core::engine::Settings as EngineSettings;
use panelrelay_core::rules::{
    ActionCells, LifetimeMeaning, RefillAnchor, RefillSettings, RuleSettings, StatusMatrix,
    UnknownRefillPolicy,
};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

/// Which service rules the engine applies.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RulesMode {
    /// Rules parsed from service names only.
    Quick,
    /// Manual overrides (`PUT /v1/service-rules/{id}`) win over parsed rules.
    Advanced,
}

impl From<settings::RulesMode> for RulesMode {
    fn from(mode: settings::RulesMode) -> Self {
        match mode {
            settings::RulesMode::Quick => RulesMode::Quick,
            settings::RulesMode::Advanced => RulesMode::Advanced,
        }
    }
}

impl From<RulesMode> for settings::RulesMode {
    fn from(mode: RulesMode) -> Self {
        match mode {
            RulesMode::Quick => settings::RulesMode::Quick,
            RulesMode::Advanced => settings::RulesMode::Advanced,
        }
    }
}

/// What one order status allows.
#[derive(Object, Debug, Clone, Copy)]
#[oai(skip_serializing_if_is_none)]
pub struct Cells {
    /// Forward speed-up requests.
    pub speed: bool,
    /// Forward cancel requests.
    pub cancel: bool,
    /// Forward refill requests (within the refill window).
    pub refill: bool,
}

impl From<ActionCells> for Cells {
    fn from(c: ActionCells) -> Self {
        Cells {
            speed: c.speed,
            cancel: c.cancel,
            refill: c.refill,
        }
    }
}

impl From<Cells> for ActionCells {
    fn from(c: Cells) -> Self {
        ActionCells {
            speed: c.speed,
            cancel: c.cancel,
            refill: c.refill,
        }
    }
}

/// The status × action matrix. Defaults: speed and cancel while pending, in progress or
/// processing (speed only after the start window); refill only when completed.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Matrix {
    /// Pending.
    pub pending: Cells,
    /// In progress.
    pub in_progress: Cells,
    /// Processing.
    pub processing: Cells,
    /// Completed.
    pub completed: Cells,
    /// Partial.
    pub partial: Cells,
    /// Canceled.
    pub canceled: Cells,
    /// Failed.
    pub failed: Cells,
    /// Refunded.
    pub refunded: Cells,
    /// Any status the panel spells in an unknown way.
    pub unknown: Cells,
}

/// When a refill window starts.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Anchor {
    /// The order's creation.
    Created,
    /// The order's last update.
    LastUpdate,
    /// The first time panelrelay saw the order completed.
    FirstSeenCompleted,
}

/// What to do with a refill whose policy is unknown.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum UnknownPolicy {
    /// Forward it.
    Allow,
    /// Refuse it.
    Deny,
    /// Forward nothing; an admin decides.
    AskAdmin,
}

/// Cooldowns per action, in seconds (0 turns one off).
#[derive(Object, Debug, Clone, Copy)]
#[oai(skip_serializing_if_is_none)]
pub struct Cooldowns {
    /// Speed-up requests, 0-604800 (a week).
    #[oai(validator(minimum(value = "0"), maximum(value = "604800")))]
    pub speed_seconds: i64,
    /// Cancel requests, 0-604800 (a week).
    #[oai(validator(minimum(value = "0"), maximum(value = "604800")))]
    pub cancel_seconds: i64,
    /// Refill requests, 0-604800 (a week).
    #[oai(validator(minimum(value = "0"), maximum(value = "604800")))]
    pub refill_seconds: i64,
}

/// What an intent phrase stands for.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum IntentAction {
    /// The phrase is ignored.
    Off,
    /// A speed request.
    Speed,
    /// A cancel request.
    Cancel,
    /// A refill request.
    Refill,
    /// A status check.
    Details,
}

impl IntentAction {
    fn action(self) -> Option<Action> {
        match self {
            IntentAction::Off => None,
            IntentAction::Speed => Some(Action::Speed),
            IntentAction::Cancel => Some(Action::Cancel),
            IntentAction::Refill => Some(Action::Refill),
            IntentAction::Details => Some(Action::Details),
        }
    }

    fn of(action: Option<&Action>) -> Self {
        match action {
            Some(Action::Speed) => IntentAction::Speed,
            Some(Action::Cancel) => IntentAction::Cancel,
            Some(Action::Refill) => IntentAction::Refill,
            Some(Action::Details) => IntentAction::Details,
            _ => IntentAction::Off,
        }
    }
}

/// How messages that name no action but say what is wrong, with order ids, are read.
/// Defaults: not started → speed, where is → details, dropped → refill, wrong link →
/// cancel.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Intents {
    /// "not started", "stuck", "no progress", "pending", "slow" (and the same in every
    /// supported language).
    pub not_started: IntentAction,
    /// "where is my order", "what happened", "when will it complete".
    pub where_is: IntentAction,
    /// "dropped", "decreased", "followers gone".
    pub dropped: IntentAction,
    /// "wrong link", "link was wrong", "wrong username".
    pub wrong_link: IntentAction,
}

impl From<&IntentSettings> for Intents {
    fn from(settings: &IntentSettings) -> Self {
        Intents {
            not_started: IntentAction::of(settings.not_started.as_ref()),
            where_is: IntentAction::of(settings.where_is.as_ref()),
            dropped: IntentAction::of(settings.dropped.as_ref()),
            wrong_link: IntentAction::of(settings.wrong_link.as_ref()),
        }
    }
}

impl From<&Intents> for IntentSettings {
    fn from(intents: &Intents) -> Self {
        IntentSettings {
            not_started: intents.not_started.action(),
            where_is: intents.where_is.action(),
            dropped: intents.dropped.action(),
            wrong_link: intents.wrong_link.action(),
        }
    }
}

/// A workspace's settings. `PUT` replaces them whole: read, change, write back.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct WorkspaceSettings {
    /// Cooldowns per (order, action).
    pub cooldowns: Cooldowns,
    /// Which actions each status allows.
    pub status_matrix: Matrix,
    /// When refill windows start.
    pub refill_anchor: Anchor,
    /// How many days "lifetime" refill means; absent = unlimited.
    #[oai(validator(minimum(value = "1"), maximum(value = "3650")))]
    pub lifetime_days: Option<i64>,
    /// Refill requests for services without a known policy.
    pub unknown_refill_policy: UnknownPolicy,
    /// The most order ids one message may carry (1-500).
    #[oai(validator(minimum(value = "1"), maximum(value = "500")))]
    pub max_order_ids: i64,
    /// The fewest digits of an order id (1-12, default 4): shorter numbers in a message
    /// (`2 days`, `500 rs`) are never ids. Lower it while the panel's order ids are short.
    /// Absent in a `PUT`: unchanged.
    #[oai(validator(minimum(value = "1"), maximum(value = "12")))]
    pub min_order_id_digits: Option<i64>,
    /// What intent phrases stand for. Absent in a `PUT`: unchanged.
    pub intents: Option<Intents>,
    /// Above this many orders, replies become a compact summary (1-100).
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub compact_threshold: i64,
    /// Stay silent in groups unless a message is a valid command.
    pub silent_in_groups: bool,
    /// Quick (parsed) or advanced (manual overrides win) service rules.
    pub rules_mode: RulesMode,
    /// Days logs are kept (1-365).
    #[oai(validator(minimum(value = "1"), maximum(value = "365")))]
    pub log_retention_days: i64,
}

/// The example is a new workspace's settings.
impl poem_openapi::types::Example for WorkspaceSettings {
    fn example() -> Self {
        view(&SettingsDocument::default())
    }
}

fn view(doc: &SettingsDocument) -> WorkspaceSettings {
    let e = &doc.engine;
    let m = &e.rules.status_matrix;
    WorkspaceSettings {
        cooldowns: Cooldowns {
            speed_seconds: i64::try_from(e.cooldowns.speed_secs).unwrap_or(i64::MAX),
            cancel_seconds: i64::try_from(e.cooldowns.cancel_secs).unwrap_or(i64::MAX),
            refill_seconds: i64::try_from(e.cooldowns.refill_secs).unwrap_or(i64::MAX),
        },
        status_matrix: Matrix {
            pending: m.pending.into(),
            in_progress: m.in_progress.into(),
            processing: m.processing.into(),
            completed: m.completed.into(),
            partial: m.partial.into(),
            canceled: m.canceled.into(),
            failed: m.failed.into(),
            refunded: m.refunded.into(),
            unknown: m.unknown.into(),
        },
        refill_anchor: match e.rules.refill.anchor {
            RefillAnchor::Created => Anchor::Created,
            RefillAnchor::LastUpdate => Anchor::LastUpdate,
            RefillAnchor::FirstSeenCompleted => Anchor::FirstSeenCompleted,
        },
        lifetime_days: match e.rules.refill.lifetime {
            LifetimeMeaning::Unlimited => None,
            LifetimeMeaning::Days(days) => Some(i64::from(days)),
        },
        unknown_refill_policy: match e.rules.refill.unknown_policy {
            UnknownRefillPolicy::Allow => UnknownPolicy::Allow,
            UnknownRefillPolicy::Deny => UnknownPolicy::Deny,
            UnknownRefillPolicy::AskAdmin => UnknownPolicy::AskAdmin,
        },
        max_order_ids: i64::try_from(e.max_order_ids).unwrap_or(i64::MAX),
        min_order_id_digits: Some(i64::try_from(doc.min_order_id_digits).unwrap_or(i64::MAX)),
        intents: Some(Intents::from(&doc.intents)),
        compact_threshold: i64::try_from(e.compact_threshold).unwrap_or(i64::MAX),
        silent_in_groups: e.silent_in_groups,
        rules_mode: doc.rules_mode.into(),
        log_retention_days: i64::from(doc.log_retention_days),
    }
}

fn bounded(value: i64, range: std::ops::RangeInclusive<i64>, name: &str) -> Result<i64, ApiError> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::invalid_body(format!(
            "{name} must be {}-{}",
            range.start(),
            range.end()
        )))
    }
}

/// The document `input` describes; what it leaves out is taken from `current`.
fn document(
    input: &WorkspaceSettings,
    current: &SettingsDocument,
) -> Result<SettingsDocument, ApiError> {
    let week = 7 * 24 * 3600;
    let seconds = |value: i64, name: &str| bounded(value, 0..=week, name).map(|v| v.unsigned_abs());
    let m = &input.status_matrix;
    let lifetime = match input.lifetime_days {
        None => LifetimeMeaning::Unlimited,
        Some(days) => LifetimeMeaning::Days(
            u32::try_from(bounded(days, 1..=3650, "lifetime_days")?).unwrap_or(365),
        ),
    };
    let engine = EngineSettings {
        rules: RuleSettings {
            status_matrix: StatusMatrix {
                pending: m.pending.into(),
                in_progress: m.in_progress.into(),
                processing: m.processing.into(),
                completed: m.completed.into(),
                partial: m.partial.into(),
                canceled: m.canceled.into(),
                failed: m.failed.into(),
                refunded: m.refunded.into(),
                unknown: m.unknown.into(),
            },
            refill: RefillSettings {
                anchor: match input.refill_anchor {
                    Anchor::Created => RefillAnchor::Created,
                    Anchor::LastUpdate => RefillAnchor::LastUpdate,
                    Anchor::FirstSeenCompleted => RefillAnchor::FirstSeenCompleted,
                },
                lifetime,
                unknown_policy: match input.unknown_refill_policy {
                    UnknownPolicy::Allow => UnknownRefillPolicy::Allow,
                    UnknownPolicy::Deny => UnknownRefillPolicy::Deny,
                    UnknownPolicy::AskAdmin => UnknownRefillPolicy::AskAdmin,
                },
            },
        },
        cooldowns: CooldownSettings {
            speed_secs: seconds(input.cooldowns.speed_seconds, "cooldowns.speed_seconds")?,
            cancel_secs: seconds(input.cooldowns.cancel_seconds, "cooldowns.cancel_seconds")?,
            refill_secs: seconds(input.cooldowns.refill_seconds, "cooldowns.refill_seconds")?,
        },
        max_order_ids: usize::try_from(bounded(input.max_order_ids, 1..=500, "max_order_ids")?)
            .unwrap_or(100),
        compact_threshold: usize::try_from(bounded(
            input.compact_threshold,
            1..=100,
            "compact_threshold",
        )?)
        .unwrap_or(5),
        silent_in_groups: input.silent_in_groups,
    };
    let retention = bounded(input.log_retention_days, 1..=365, "log_retention_days")?;
    let min_order_id_digits = match input.min_order_id_digits {
        Some(digits) => usize::try_from(bounded(digits, 1..=12, "min_order_id_digits")?)
            .unwrap_or(DEFAULT_MIN_ORDER_ID_DIGITS),
        None => current.min_order_id_digits,
    };
    Ok(SettingsDocument {
        engine,
        rules_mode: input.rules_mode.into(),
        log_retention_days: u32::try_from(retention).unwrap_or(30),
        min_order_id_digits,
        intents: input
            .intents
            .as_ref()
            .map_or_else(|| current.intents.clone(), IntentSettings::from),
    })
}

/// Workspace settings.
pub struct SettingsApi;

#[OpenApi(tag = "ApiTags::Settings")]
impl SettingsApi {
    /// Get the workspace's settings (defaults until changed).
    #[oai(path = "/v1/settings", method = "get", operation_id = "get_settings")]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
    ) -> ApiResult<Json<WorkspaceSettings>> {
        Ok(Json(view(&load(&state.db, auth.0.workspace_id).await?)))
    }

    /// Replace the workspace's settings (owner).
    #[oai(path = "/v1/settings", method = "put", operation_id = "put_settings")]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        body: Json<WorkspaceSettings>,
    ) -> ApiResult<Json<WorkspaceSettings>> {
        auth.0.require(Role::Owner)?;
        let current = load(&state.db, auth.0.workspace_id).await?;
        let doc = document(&body, &current)?;
        let text = serde_json::to_string(&doc).map_err(ApiError::internal)?;
        state
            .db
            .settings(auth.0.workspace_id)
            .put(&text, Utc::now())
            .await?;
        Ok(Json(view(&doc)))
    }
}
