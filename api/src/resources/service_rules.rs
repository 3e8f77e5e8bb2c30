//! `/v1/service-rules`: the panel's services with the refill policy and start window parsed
//! from their names (quick mode) and optional manual overrides (advanced mode).

use super::ApiTags;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::pagination::{PageRequest, encode};
use crate::resources::closed_sets::ServicesSource;
use crate::services::panel::{client, redact};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels;
use panelrelay_adapters::storage::service_rules::{CachedService, RefreshedService};
use panelrelay_core::access::Role;
use panelrelay_core::service_rules::{RefillPolicy, ServiceRule, StartWindow};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

/// Refill policy kinds.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RefillKind {
    /// No refill.
    None,
    /// Refill within a number of days.
    Days,
    /// Lifetime refill (its meaning is a workspace setting).
    Lifetime,
    /// The name does not say.
    Unknown,
}

/// A refill policy and start window.
#[derive(Object, Debug, Clone, PartialEq)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct Rule {
    /// Refill policy.
    pub refill: RefillKind,
    /// Days of refill, for `days`.
    #[oai(validator(minimum(value = "1"), maximum(value = "3650")))]
    pub refill_days: Option<i64>,
    /// Earliest start, in minutes after the order (0-525600, a year).
    #[oai(validator(minimum(value = "0"), maximum(value = "525600")))]
    pub start_min_minutes: Option<i64>,
    /// Latest start, in minutes after the order (0-525600; speed-ups are accepted after it).
    #[oai(validator(minimum(value = "0"), maximum(value = "525600")))]
    pub start_max_minutes: Option<i64>,
}

impl poem_openapi::types::Example for Rule {
    fn example() -> Self {
        Rule {
            refill: RefillKind::Days,
            refill_days: Some(30),
            start_min_minutes: Some(0),
            start_max_minutes: Some(1440),
        }
    }
}

impl Rule {
    fn from_parts(refill: RefillPolicy, start: StartWindow) -> Self {
        let (kind, days) = match refill {
            RefillPolicy::None => (RefillKind::None, None),
            RefillPolicy::Days(days) => (RefillKind::Days, Some(i64::from(days))),
            RefillPolicy::Lifetime => (RefillKind::Lifetime, None),
            RefillPolicy::Unknown => (RefillKind::Unknown, None),
        };
        Rule {
            refill: kind,
            refill_days: days,
            start_min_minutes: start.min_minutes.map(i64::from),
            start_max_minutes: start.max_minutes.map(i64::from),
        }
    }

    fn to_parts(&self) -> Result<(RefillPolicy, StartWindow), ApiError> {
        let minutes = |value: Option<i64>, name: &str| -> Result<Option<u32>, ApiError> {
            value
                .map(|v| u32::try_from(v).ok().filter(|v| *v <= 525_600))
                .map(|v| {
                    v.ok_or_else(|| ApiError::invalid_body(format!("{name} must be 0-525600")))
                })
                .transpose()
        };
        let refill = match (self.refill, self.refill_days) {
            (RefillKind::Days, Some(days)) => RefillPolicy::Days(
                u32::try_from(days)
                    .ok()
                    .filter(|d| (1..=3650).contains(d))
                    .ok_or_else(|| ApiError::invalid_body("refill_days must be 1-3650"))?,
            ),
            (RefillKind::Days, None) => {
                return Err(ApiError::invalid_body("refill_days is required for days"));
            }
            (_, Some(_)) => {
                return Err(ApiError::invalid_body(
                    "refill_days only goes with refill = days",
                ));
            }
            (RefillKind::None, None) => RefillPolicy::None,
            (RefillKind::Lifetime, None) => RefillPolicy::Lifetime,
            (RefillKind::Unknown, None) => RefillPolicy::Unknown,
        };
        let start = StartWindow {
            min_minutes: minutes(self.start_min_minutes, "start_min_minutes")?,
            max_minutes: minutes(self.start_max_minutes, "start_max_minutes")?,
        };
        if let (Some(min), Some(max)) = (start.min_minutes, start.max_minutes) {
            if min > max {
                return Err(ApiError::invalid_body(
                    "start_min_minutes must not exceed start_max_minutes",
                ));
            }
        }
        Ok((refill, start))
    }
}

/// A panel service and its rule.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ServiceRuleView {
    /// The panel's service id.
    pub service_id: String,
    /// The service name as last seen on the panel.
    pub name: String,
    /// The category, where the panel reports one.
    pub category: Option<String>,
    /// The rule parsed from the name.
    pub parsed: Rule,
    /// The manual override, if set (used in advanced mode).
    #[oai(rename = "override")]
    pub manual: Option<Rule>,
    /// The rule the engine applies: the override where set, else the parsed rule.
    pub effective: Rule,
    /// When the name was last refreshed from the panel.
    pub refreshed_at: DateTime<Utc>,
    /// When this row last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<CachedService> for ServiceRuleView {
    fn from(service: CachedService) -> Self {
        let parsed = Rule::from_parts(service.parsed_refill, service.parsed_start);
        let manual = service
            .manual
            .map(|(refill, start)| Rule::from_parts(refill, start));
        ServiceRuleView {
            effective: manual.clone().unwrap_or_else(|| parsed.clone()),
            service_id: service.service_id,
            name: service.name,
            category: service.category,
            parsed,
            manual,
            refreshed_at: service.refreshed_at,
            updated_at: service.updated_at,
        }
    }
}

/// A page of service rules.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ServiceRuleList {
    /// In service-id order.
    pub items: Vec<ServiceRuleView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The result of a refresh.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RefreshResult {
    /// Services read from the panel and stored.
    pub services: i64,
    /// How many have no refill policy in their name (`unknown`): candidates for an override.
    pub unknown_refill: i64,
    /// Where the list came from.
    pub source: ServicesSource,
}

/// Service rules.
pub struct ServiceRulesApi;

fn valid_service_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 100 || id.chars().any(char::is_control) {
        return Err(ApiError::not_found("service"));
    }
    Ok(())
}

#[OpenApi(tag = "ApiTags::ServiceRules")]
impl ServiceRulesApi {
    /// List the cached services with their parsed, overridden and effective rules.
    #[oai(
        path = "/v1/service-rules",
        method = "get",
        operation_id = "list_service_rules"
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
    ) -> ApiResult<Json<ServiceRuleList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .service_rules(auth.0.workspace_id)
            .list(page.after(), page.limit)
            .await?;
        Ok(Json(ServiceRuleList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(ServiceRuleView::from).collect(),
        }))
    }

    /// Pull the panel's services into rules (agent).
    ///
    /// Pull the panel's services and parse their names into rules (agent). Manual overrides
    /// are kept.
    #[oai(
        path = "/v1/service-rules/refresh",
        method = "post",
        operation_id = "refresh_service_rules"
    )]
    async fn refresh(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
    ) -> ApiResult<Json<RefreshResult>> {
        let member = auth.0;
        member.require(Role::Agent)?;
        let (panel, key) = client(&state.db, &state.secrets, member.workspace_id).await?;
        let services = panel.list_services().await.map_err(|err| {
            tracing::warn!(workspace_id = %member.workspace_id, code = panels::code(&err), "service refresh failed");
            ApiError::new(ErrorCode::PanelError, redact(&panels::explain(&err), &key))
        })?;
        let refreshed: Vec<RefreshedService> = services
            .into_iter()
            .map(|service| {
                let rule = ServiceRule::from_service_name(&service.name);
                RefreshedService {
                    service_id: service.id,
                    name: service.name,
                    category: service.category,
                    refill: rule.refill,
                    start: rule.start,
                }
            })
            .collect();
        let unknown = refreshed
            .iter()
            .filter(|s| s.refill == RefillPolicy::Unknown)
            .count();
        let written = state
            .db
            .service_rules(member.workspace_id)
            .refresh(&refreshed, Utc::now())
            .await?;
        let source = ServicesSource::from(panel.capabilities().services);
        Ok(Json(RefreshResult {
            services: i64::try_from(written).unwrap_or(i64::MAX),
            unknown_refill: i64::try_from(unknown).unwrap_or(i64::MAX),
            source,
        }))
    }

    /// Get one service's rule.
    #[oai(
        path = "/v1/service-rules/:service_id",
        method = "get",
        operation_id = "get_service_rule"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        service_id: Path<String>,
    ) -> ApiResult<Json<ServiceRuleView>> {
        valid_service_id(&service_id)?;
        let service = state
            .db
            .service_rules(auth.0.workspace_id)
            .get(&service_id)
            .await?;
        service
            .map(|s| Json(s.into()))
            .ok_or_else(|| ApiError::not_found("service"))
    }

    /// Override a service's rule by hand (owner; applied in advanced mode).
    #[oai(
        path = "/v1/service-rules/:service_id",
        method = "put",
        operation_id = "put_service_rule"
    )]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        service_id: Path<String>,
        body: Json<Rule>,
    ) -> ApiResult<Json<ServiceRuleView>> {
        auth.0.require(Role::Owner)?;
        valid_service_id(&service_id)?;
        let manual = body.to_parts()?;
        let updated = state
            .db
            .service_rules(auth.0.workspace_id)
            .set_manual(&service_id, Some(manual), Utc::now())
            .await?;
        updated
            .map(|s| Json(s.into()))
            .ok_or_else(|| ApiError::not_found("service"))
    }

    /// Remove a service's manual override (owner); the parsed rule applies again.
    #[oai(
        path = "/v1/service-rules/:service_id",
        method = "delete",
        operation_id = "delete_service_rule"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        service_id: Path<String>,
    ) -> ApiResult<Json<ServiceRuleView>> {
        auth.0.require(Role::Owner)?;
        valid_service_id(&service_id)?;
        let updated = state
            .db
            .service_rules(auth.0.workspace_id)
            .set_manual(&service_id, None, Utc::now())
            .await?;
        updated
            .map(|s| Json(s.into()))
            .ok_or_else(|| ApiError::not_found("service"))
    }
}
