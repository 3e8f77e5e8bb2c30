//! `/v1/cooldowns`: the running cooldowns (one forwarded request per order and action per
//! period), and clearing one so the customer may ask again at once.

use super::ApiTags;
use super::filters;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::pagination::{PageRequest, encode};
use crate::resources::closed_sets::{ForwardedAction, from_name};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::flow::{CooldownRecord, at};
use panelrelay_core::access::Role;
use panelrelay_core::cooldown::cooldown_key;
use panelrelay_core::rules::OrderAction;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// A cooldown.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Cooldown {
    /// The panel order.
    pub order_id: i64,
    /// The action it holds back.
    pub action: ForwardedAction,
    /// The command that claimed it (absent when the log does not know it).
    pub command_id: Option<String>,
    /// When it was claimed (absent when the log does not know it).
    pub claimed_at: Option<DateTime<Utc>>,
    /// When the customer may ask again.
    pub until: DateTime<Utc>,
    /// When it was cleared (only in the answer to a clear).
    pub cleared_at: Option<DateTime<Utc>>,
}

/// A page of cooldowns.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CooldownList {
    /// The most recently claimed first.
    pub items: Vec<Cooldown>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A cooldown's view; `None` for a row whose action this version does not know.
fn view(row: CooldownRecord, cleared_at: Option<DateTime<Utc>>) -> Option<Cooldown> {
    Some(Cooldown {
        order_id: row.order_id,
        action: from_name(&row.action)?,
        command_id: Some(row.command_id),
        claimed_at: Some(at(row.claimed_at)),
        until: at(row.until),
        cleared_at,
    })
}

fn not_found() -> ApiError {
    ApiError::not_found("cooldown")
}

/// Cooldowns.
pub struct CooldownsApi;

#[OpenApi(tag = "ApiTags::Cooldowns")]
impl CooldownsApi {
    /// List running cooldowns, the most recently claimed first.
    #[oai(
        path = "/v1/cooldowns",
        method = "get",
        operation_id = "list_cooldowns"
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
        /// Cooldowns of this panel order.
        #[oai(validator(minimum(value = "1")))]
        order_id: Query<Option<i64>>,
        /// Only cooldowns of this action.
        action: Query<Option<ForwardedAction>>,
    ) -> ApiResult<Json<CooldownList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let after = filters::time_key(&page)?;
        let order_id = filters::order_id(order_id.0)?;
        let action = action.0.map(OrderAction::from);
        let rows = state
            .db
            .cooldowns(auth.0.workspace_id)
            .active(
                order_id,
                action.map(OrderAction::name),
                Utc::now(),
                after.as_ref(),
                page.limit,
            )
            .await?;
        Ok(Json(CooldownList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows
                .items
                .into_iter()
                .filter_map(|row| view(row, None))
                .collect(),
        }))
    }

    /// Clear a running cooldown (agent).
    ///
    /// Clear a running cooldown (agent): the next request for the order and action is
    /// checked as if none had been made.
    #[oai(
        path = "/v1/cooldowns/:order_id/:action",
        method = "delete",
        operation_id = "delete_cooldown"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// The panel order.
        #[oai(validator(minimum(value = "1")))]
        order_id: Path<i64>,
        /// The action.
        action: Path<ForwardedAction>,
    ) -> ApiResult<Json<Cooldown>> {
        let member = auth.0;
        member.require(Role::Agent)?;
        let order_id = filters::order_id(Some(order_id.0))?.ok_or_else(not_found)?;
        let action = OrderAction::from(action.0);
        let key_order = u64::try_from(order_id)
            .map_err(|_| ApiError::new(ErrorCode::InvalidParameter, "order_id must be positive"))?;
        let now = Utc::now();
        // The store is scoped by the key itself: another workspace's cooldown is never found.
        let key = cooldown_key(member.workspace_id, action, key_order);
        let left = state.kv.ttl(&key).await?;
        // The log first: it is the source of truth the store is refilled from, so a refill
        // after this point cannot bring the cleared cooldown back.
        let cleared = state
            .db
            .cooldowns(member.workspace_id)
            .clear(order_id, action.name(), now)
            .await?;
        let removed = state.kv.delete(&key).await?;
        if let Some(cooldown) = cleared
            .into_iter()
            .next()
            .and_then(|row| view(row, Some(now)))
        {
            return Ok(Json(cooldown));
        }
        if !removed {
            return Err(not_found());
        }
        let until = left
            .and_then(|left| chrono::Duration::from_std(left).ok())
            .map_or(now, |left| now + left);
        Ok(Json(Cooldown {
            order_id,
            action: action.into(),
            command_id: None,
            claimed_at: None,
            until,
            cleared_at: Some(now),
        }))
    }
}
