//! `/v1/templates`: the texts of customer replies. Every reply key has a default English
//! text; a workspace may replace it with its own, using the key's variables, and reset it.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::pagination::{PageRequest, encode};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::reply_templates::StoredTemplate;
use panelrelay_core::access::Role;
use panelrelay_core::replies::{ReplyTemplates, TemplateKey, default_text, validate_template};
use panelrelay_core::template::TemplateError;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::collections::BTreeMap;

/// A reply template.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ReplyTemplate {
    /// The reply it words, e.g. `refill_requested`, `not_yours`, `help`.
    pub key: String,
    /// The text customers get: the workspace's, else the default.
    pub text: String,
    /// Whether the workspace replaced the default.
    pub customized: bool,
    /// The `{variables}` the text may use.
    pub variables: Vec<String>,
    /// The default English text.
    pub default_text: String,
    /// When the workspace last set its text; absent for a default.
    pub updated_at: Option<DateTime<Utc>>,
}

/// A page of reply templates.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ReplyTemplateList {
    /// In the fixed order of the keys.
    pub items: Vec<ReplyTemplate>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A workspace's text for a key.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct ReplyTemplateInput {
    /// The text, at most 4000 characters. `{name}` inserts a variable of the key; `{{` and
    /// `}}` are literal braces.
    pub text: String,
}

impl poem_openapi::types::Example for ReplyTemplateInput {
    fn example() -> Self {
        ReplyTemplateInput {
            text: "Refill requested for order {order_id} ({service}). We will update you soon."
                .into(),
        }
    }
}

/// What to preview.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct TemplatePreviewInput {
    /// The reply key.
    pub key: String,
    /// A draft text; absent to preview the current text.
    pub text: Option<String>,
    /// Values to use instead of the sample ones, by variable name.
    #[oai(default)]
    pub values: BTreeMap<String, String>,
}

impl poem_openapi::types::Example for TemplatePreviewInput {
    fn example() -> Self {
        TemplatePreviewInput {
            key: "refill_requested".into(),
            text: Some("Refill requested for order {order_id} ({service}).".into()),
            values: BTreeMap::from([("order_id".into(), "2274209".into())]),
        }
    }
}

/// A rendered preview.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct TemplatePreview {
    /// The reply key.
    pub key: String,
    /// The text rendered.
    pub text: String,
    /// The reply as a customer would read it.
    pub rendered: String,
    /// The value used for each variable of the key.
    pub values: BTreeMap<String, String>,
}

/// The key named `name`; 404 for a name no reply has.
pub fn parse_key(name: &str) -> Result<TemplateKey, ApiError> {
    TemplateKey::ALL
        .into_iter()
        .find(|key| key.name() == name)
        .ok_or_else(|| ApiError::not_found("reply template"))
}

/// The 422 for a template text that failed validation; `field` names the text in the body.
pub fn invalid_template(field: &str, error: &TemplateError) -> ApiError {
    let code = match error {
        TemplateError::UnknownVariable { .. } => ErrorCode::UnknownTemplateVariable,
        TemplateError::Empty => ErrorCode::TemplateEmpty,
        TemplateError::TooLong { .. } => ErrorCode::TemplateTooLong,
        TemplateError::Unclosed { .. }
        | TemplateError::LoneClosingBrace { .. }
        | TemplateError::InvalidName { .. }
        | TemplateError::MixedVariables { .. } => ErrorCode::TemplateSyntaxError,
    };
    ApiError::new(code, format!("{field}: {error}"))
}

fn view(key: TemplateKey, stored: Option<StoredTemplate>) -> ReplyTemplate {
    let default = default_text(key);
    ReplyTemplate {
        key: key.name().to_owned(),
        customized: stored.is_some(),
        variables: key.variables().iter().map(|v| (*v).to_owned()).collect(),
        default_text: default.to_owned(),
        updated_at: stored.as_ref().map(|s| s.updated_at),
        text: stored.map_or_else(|| default.to_owned(), |s| s.text),
    }
}

/// A time as replies show it.
fn shown_time(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Realistic values for every variable a reply may use. `items` is a compact summary built
/// from the workspace's own summary texts. A variable without a sample (added by a newer
/// key) shows as `[name]`.
fn sample_value(name: &str, templates: &ReplyTemplates, now: DateTime<Utc>) -> String {
    let text = match name {
        "order_id" => "2274209",
        "order_ids" => "2274209, 2274210",
        "external_id" => "7450284",
        "external_ids" => "7450284, 7450285",
        "action" => "refill",
        "status" => "Completed",
        "service" => "Instagram Followers [Refill: 30 Days]",
        "service_id" => "1",
        "start_count" => "1520",
        "remains" => "0",
        "charge" => "1.25",
        "count" => "3",
        "total" => "5",
        "limit" => "100",
        "username" => "alice",
        "balance" => "42.50",
        "currency" => "USD",
        "provider" | "provider_alias" | "alias" => "Main",
        "remaining_days" => "12",
        "days" => "30",
        "code" => "483920",
        "minutes" => "15",
        "attempts_left" => "4",
        "available_at" => return shown_time(now + chrono::Duration::hours(12)),
        "expired_at" => return shown_time(now - chrono::Duration::days(3)),
        "items" => {
            return [
                (TemplateKey::SummaryRefillRequested, "3"),
                (TemplateKey::SummaryCooldown, "2"),
            ]
            .into_iter()
            .map(|(key, count)| templates.render(key, &[("count", count)]))
            .collect::<Vec<_>>()
            .join(" · ");
        }
        other => return format!("[{other}]"),
    };
    text.to_owned()
}

/// The workspace's reply texts as the engine reads them.
async fn workspace_templates(state: &AppState, auth: &WorkspaceAuth) -> ApiResult<ReplyTemplates> {
    let stored = state.db.reply_templates(auth.0.workspace_id).all().await?;
    Ok(ReplyTemplates {
        overrides: stored.into_iter().map(|(k, s)| (k, s.text)).collect(),
        ..ReplyTemplates::default()
    })
}

/// Reply templates.
pub struct TemplatesApi;

#[OpenApi(tag = "ApiTags::Templates")]
impl TemplatesApi {
    /// List every reply template.
    ///
    /// List every reply template in a fixed key order, with its current and default text and
    /// its variables.
    #[oai(
        path = "/v1/templates",
        method = "get",
        operation_id = "list_templates"
    )]
    async fn list(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ReplyTemplateList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let start = match page.after() {
            None => 0,
            Some(after) => {
                let position = TemplateKey::ALL.iter().position(|key| key.name() == after);
                position.map(|p| p + 1).ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::InvalidCursor,
                        "cursor is not one this API issued",
                    )
                })?
            }
        };
        let mut stored = state.db.reply_templates(auth.0.workspace_id).all().await?;
        let limit = usize::try_from(page.limit).unwrap_or(1);
        let keys: Vec<TemplateKey> = TemplateKey::ALL
            .into_iter()
            .skip(start)
            .take(limit)
            .collect();
        let more = start + keys.len() < TemplateKey::ALL.len();
        Ok(Json(ReplyTemplateList {
            next_cursor: keys.last().filter(|_| more).map(|key| encode(key.name())),
            items: keys
                .into_iter()
                .map(|key| view(key, stored.remove(&key)))
                .collect(),
        }))
    }

    /// Get a reply template.
    #[oai(
        path = "/v1/templates/:key",
        method = "get",
        operation_id = "get_template"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// The reply key, e.g. `refill_requested`.
        key: Path<String>,
    ) -> ApiResult<Json<ReplyTemplate>> {
        let key = parse_key(&key)?;
        let stored = state
            .db
            .reply_templates(auth.0.workspace_id)
            .get(key)
            .await?;
        Ok(Json(view(key, stored)))
    }

    /// Set the workspace's text for a reply (owner).
    ///
    /// Set the workspace's text for a reply (owner). The text may use only the key's
    /// variables.
    #[oai(
        path = "/v1/templates/:key",
        method = "put",
        operation_id = "put_template"
    )]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// The reply key.
        key: Path<String>,
        body: Json<ReplyTemplateInput>,
    ) -> ApiResult<Json<ReplyTemplate>> {
        auth.0.require(Role::Owner)?;
        let key = parse_key(&key)?;
        validate_template(key, &body.text).map_err(|e| invalid_template("text", &e))?;
        let stored = state
            .db
            .reply_templates(auth.0.workspace_id)
            .put(key, &body.text, Utc::now())
            .await?;
        Ok(Json(view(key, Some(stored))))
    }

    /// Reset a reply to its default text (owner).
    #[oai(
        path = "/v1/templates/:key",
        method = "delete",
        operation_id = "delete_template"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// The reply key.
        key: Path<String>,
    ) -> ApiResult<Json<ReplyTemplate>> {
        auth.0.require(Role::Owner)?;
        let key = parse_key(&key)?;
        state
            .db
            .reply_templates(auth.0.workspace_id)
            .delete(key)
            .await?;
        Ok(Json(view(key, None)))
    }

    /// Render a reply with sample data.
    ///
    /// Render a reply with sample data: the current text, or a draft to check before saving.
    #[oai(
        path = "/v1/templates/preview",
        method = "post",
        operation_id = "preview_template"
    )]
    async fn preview(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        body: Json<TemplatePreviewInput>,
    ) -> ApiResult<Json<TemplatePreview>> {
        let key = parse_key(&body.key)?;
        let mut templates = workspace_templates(&state, &auth).await?;
        if let Some(draft) = &body.text {
            validate_template(key, draft).map_err(|e| invalid_template("text", &e))?;
            templates.overrides.insert(key, draft.clone());
        }
        let allowed = key.variables();
        if let Some(name) = body.values.keys().find(|n| !allowed.contains(&n.as_str())) {
            let error = TemplateError::UnknownVariable {
                name: name.clone(),
                allowed: allowed.to_vec(),
            };
            return Err(invalid_template("values", &error));
        }
        let now = Utc::now();
        let values: BTreeMap<String, String> = allowed
            .iter()
            .map(|name| {
                let value = body
                    .values
                    .get(*name)
                    .cloned()
                    .unwrap_or_else(|| sample_value(name, &templates, now));
                ((*name).to_owned(), value)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        Ok(Json(TemplatePreview {
            key: key.name().to_owned(),
            text: templates.text(key).to_owned(),
            rendered: templates.render(key, &pairs),
            values,
        }))
    }
}
