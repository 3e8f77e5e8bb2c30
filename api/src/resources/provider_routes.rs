//! `/v1/provider-routes`: which provider domains go to which group, through which channel,
//! in which words, and the fallback route for orders no other route takes.

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_adapters::storage::provider_routes::{RouteFields, StoredRoute};
use panelrelay_core::access::Role;
use panelrelay_core::ids::{ChannelId, RouteId};
use panelrelay_core::routing::{DispatchTemplates, validate_dispatch_template};
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// Per-action command templates. Variables: `{external_ids}`, `{order_ids}`, `{count}` (one
/// message for the batch) or `{external_id}`, `{order_id}`, `{username}`, `{service}`,
/// `{service_id}`, `{status}` (one line per order); `{action}` in both. Defaults:
/// `{external_ids} speed`, `{external_ids} cancel`, `{external_ids} refill`.
#[derive(Object, Debug, Clone, Default, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct Templates {
    /// Speed-up requests.
    pub speed: Option<String>,
    /// Cancel requests.
    pub cancel: Option<String>,
    /// Refill requests.
    pub refill: Option<String>,
}

/// A route's settings.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct RouteInput {
    /// A label, 1-100 characters.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: String,
    /// The channel that sends to the group.
    pub channel_id: String,
    /// Provider domains (admin API v2) or names (v1) matched against orders, case-insensitive.
    #[oai(validator(max_items = 50))]
    pub provider_domains: Vec<String>,
    /// The name shown to customers instead of the domain.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub alias: Option<String>,
    /// The provider's group chat.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub target_chat_id: String,
    /// A Telegram forum topic in that group.
    pub target_topic_id: Option<i64>,
    /// Per-action templates.
    #[oai(default)]
    #[serde(default)]
    pub templates: Templates,
    /// Whether the route is used (default true).
    pub enabled: Option<bool>,
    /// Whether it takes orders no other route matches, e.g. a manual/error group (default false).
    pub is_fallback: Option<bool>,
}

impl poem_openapi::types::Example for RouteInput {
    fn example() -> Self {
        RouteInput {
            name: "Provider One".into(),
            channel_id: "01938f4e-7a1b-7c3d-9e5f-a1b2c3d4e5f6".into(),
            provider_domains: vec!["provider-one.com".into()],
            alias: Some("Main".into()),
            target_chat_id: "-1001234567890".into(),
            target_topic_id: None,
            templates: Templates::default(),
            enabled: Some(true),
            is_fallback: Some(false),
        }
    }
}

/// A provider route.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct Route {
    /// Its id.
    pub id: String,
    /// A label.
    pub name: String,
    /// The channel that sends to the group.
    pub channel_id: String,
    /// The medium of that channel.
    pub medium: String,
    /// Provider domains or names.
    pub provider_domains: Vec<String>,
    /// The name shown to customers.
    pub alias: Option<String>,
    /// The group chat.
    pub target_chat_id: String,
    /// The Telegram topic.
    pub target_topic_id: Option<i64>,
    /// Per-action templates (absent: the default).
    pub templates: Templates,
    /// Whether it is used.
    pub enabled: bool,
    /// Whether it is the fallback.
    pub is_fallback: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn view(stored: StoredRoute) -> Route {
    let route = stored.route;
    Route {
        id: route.id.to_string(),
        name: route.name,
        channel_id: stored.channel_id.to_string(),
        medium: route.target.medium.as_str().into(),
        provider_domains: route.provider_domains,
        alias: route.alias,
        target_chat_id: route.target.chat_id,
        target_topic_id: route.target.topic_id,
        templates: Templates {
            speed: route.templates.speed,
            cancel: route.templates.cancel,
            refill: route.templates.refill,
        },
        enabled: route.enabled,
        is_fallback: route.is_fallback,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
    }
}

/// A page of routes.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RouteList {
    /// Newest first.
    pub items: Vec<Route>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateRouteResponse {
    /// The route.
    #[oai(status = 201)]
    Created(
        Json<Route>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

fn text(value: &str, name: &str, max: usize) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(ApiError::invalid_body(format!(
            "{name} must be 1-{max} printable characters"
        )));
    }
    Ok(value.to_string())
}

fn fields(input: &RouteInput) -> Result<RouteFields, ApiError> {
    if input.provider_domains.len() > 50 {
        return Err(ApiError::invalid_body("at most 50 provider_domains"));
    }
    let provider_domains = input
        .provider_domains
        .iter()
        .map(|d| text(d, "provider_domains[]", 253))
        .collect::<Result<Vec<_>, _>>()?;
    let is_fallback = input.is_fallback.unwrap_or(false);
    if provider_domains.is_empty() && !is_fallback {
        return Err(ApiError::invalid_body(
            "provider_domains must not be empty (unless the route is the fallback)",
        ));
    }
    for (action, template) in [
        ("speed", &input.templates.speed),
        ("cancel", &input.templates.cancel),
        ("refill", &input.templates.refill),
    ] {
        if let Some(template) = template {
            validate_dispatch_template(template)
                .map_err(|err| ApiError::invalid_body(format!("templates.{action}: {err}")))?;
        }
    }
    Ok(RouteFields {
        name: super::names::validate_name(&input.name)?,
        channel_id: ChannelId::parse(&input.channel_id).ok_or_else(|| {
            ApiError::invalid_body("channel_id is not a channel of this workspace")
        })?,
        provider_domains,
        alias: input
            .alias
            .as_deref()
            .map(|a| text(a, "alias", 100))
            .transpose()?,
        target_chat_id: text(&input.target_chat_id, "target_chat_id", 100)?,
        target_topic_id: input.target_topic_id,
        templates: DispatchTemplates {
            speed: input.templates.speed.clone(),
            cancel: input.templates.cancel.clone(),
            refill: input.templates.refill.clone(),
        },
        enabled: input.enabled.unwrap_or(true),
        is_fallback,
    })
}

fn no_channel() -> ApiError {
    ApiError::invalid_body("channel_id is not a channel of this workspace")
}

fn parse_id(id: &str) -> Result<RouteId, ApiError> {
    RouteId::parse(id).ok_or_else(|| ApiError::not_found("provider route"))
}

/// Provider routes.
pub struct ProviderRoutesApi;

#[OpenApi(tag = "ApiTags::ProviderRoutes")]
impl ProviderRoutesApi {
    /// Create a provider route (owner).
    #[oai(
        path = "/v1/provider-routes",
        method = "post",
        operation_id = "create_provider_route"
    )]
    async fn create(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first answer.
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        body: Json<RouteInput>,
    ) -> ApiResult<CreateRouteResponse> {
        let member = auth.0;
        member.require(Role::Owner)?;
        let fields = fields(&body)?;
        let scope = IdempotencyScope::Workspace(member.workspace_id);
        let route = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_provider_route",
            &body.0,
            async {
                let stored = state
                    .db
                    .provider_routes(member.workspace_id)
                    .create(fields, Utc::now())
                    .await?;
                stored.map(view).ok_or_else(no_channel)
            },
        )
        .await?;
        let location = location("/v1/provider-routes", &route.id);
        Ok(CreateRouteResponse::Created(Json(route), location))
    }

    /// List provider routes, newest first.
    #[oai(
        path = "/v1/provider-routes",
        method = "get",
        operation_id = "list_provider_routes"
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
    ) -> ApiResult<Json<RouteList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .provider_routes(auth.0.workspace_id)
            .list(page.after(), page.limit)
            .await?;
        Ok(Json(RouteList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(view).collect(),
        }))
    }

    /// Get a provider route.
    #[oai(
        path = "/v1/provider-routes/:id",
        method = "get",
        operation_id = "get_provider_route"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Route>> {
        let route = state
            .db
            .provider_routes(auth.0.workspace_id)
            .get(parse_id(&id)?)
            .await?;
        route
            .map(|r| Json(view(r)))
            .ok_or_else(|| ApiError::not_found("provider route"))
    }

    /// Replace a provider route (owner).
    #[oai(
        path = "/v1/provider-routes/:id",
        method = "put",
        operation_id = "put_provider_route"
    )]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<RouteInput>,
    ) -> ApiResult<Json<Route>> {
        auth.0.require(Role::Owner)?;
        let id = parse_id(&id)?;
        let routes = state.db.provider_routes(auth.0.workspace_id);
        if routes.get(id).await?.is_none() {
            return Err(ApiError::not_found("provider route"));
        }
        let updated = routes.update(id, fields(&body)?, Utc::now()).await?;
        updated.map(|r| Json(view(r))).ok_or_else(no_channel)
    }

    /// Delete a provider route (owner).
    #[oai(
        path = "/v1/provider-routes/:id",
        method = "delete",
        operation_id = "delete_provider_route"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Route>> {
        auth.0.require(Role::Owner)?;
        let routes = state.db.provider_routes(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let existing = routes
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("provider route"))?;
        routes.delete(id).await?;
        Ok(Json(view(existing)))
    }
}
