//! `/v1/linked-users` (a chat identity ↔ a panel username) and `/v1/admin-chats` (trusted
//! identities: any order's details, dispatch without the ownership check).

use super::ApiTags;
use super::channels::MediumName;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_adapters::storage::identities::Identity;
use panelrelay_core::access::Role;
use panelrelay_core::ids::IdentityId;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// A chat identity linked to a panel username.
#[derive(Object, Debug, Serialize, Deserialize)]
pub struct LinkedUser {
    /// Its id.
    pub id: String,
    /// The medium.
    pub medium: MediumName,
    /// Telegram chat id, Green API chat id (`79991234567@c.us`) or Meta `wa_id`.
    pub identity: String,
    /// The panel username.
    pub username: String,
    /// When it was linked.
    pub created_at: DateTime<Utc>,
}

/// A new link.
#[derive(Object, Debug, Serialize)]
pub struct LinkUser {
    /// The medium.
    pub medium: MediumName,
    /// The chat identity.
    pub identity: String,
    /// The panel username.
    pub username: String,
}

/// A trusted admin chat.
#[derive(Object, Debug, Serialize, Deserialize)]
pub struct AdminChat {
    /// Its id.
    pub id: String,
    /// The medium.
    pub medium: MediumName,
    /// The chat identity.
    pub identity: String,
    /// A label.
    pub name: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A new admin chat.
#[derive(Object, Debug, Serialize)]
pub struct AddAdminChat {
    /// The medium.
    pub medium: MediumName,
    /// The chat identity.
    pub identity: String,
    /// A label.
    pub name: String,
}

/// A page of linked users.
#[derive(Object, Debug)]
pub struct LinkedUserList {
    /// Newest first.
    pub items: Vec<LinkedUser>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A page of admin chats.
#[derive(Object, Debug)]
pub struct AdminChatList {
    /// Newest first.
    pub items: Vec<AdminChat>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum LinkUserResponse {
    /// The link.
    #[oai(status = 201)]
    Created(Json<LinkedUser>),
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum AddAdminChatResponse {
    /// The admin chat.
    #[oai(status = 201)]
    Created(Json<AdminChat>),
}

fn linked(identity: Identity) -> LinkedUser {
    LinkedUser {
        id: identity.id.to_string(),
        medium: identity.medium.into(),
        identity: identity.identity,
        username: identity.label,
        created_at: identity.created_at,
    }
}

fn admin(identity: Identity) -> AdminChat {
    AdminChat {
        id: identity.id.to_string(),
        medium: identity.medium.into(),
        identity: identity.identity,
        name: identity.label,
        created_at: identity.created_at,
    }
}

fn field(value: &str, name: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 100 || value.chars().any(char::is_control) {
        return Err(ApiError::invalid_body(format!(
            "{name} must be 1-100 printable characters"
        )));
    }
    Ok(value.to_string())
}

fn already(err: StorageError, what: &str) -> ApiError {
    match err {
        StorageError::Conflict(_) => ApiError::new(
            ErrorCode::Conflict,
            format!("this identity is already {what}"),
        ),
        other => other.into(),
    }
}

fn parse_id(id: &str, kind: &str) -> Result<IdentityId, ApiError> {
    IdentityId::parse(id).ok_or_else(|| ApiError::not_found(kind))
}

/// Linked users and admin chats.
pub struct IdentitiesApi;

#[OpenApi(tag = "ApiTags::Identities")]
impl IdentitiesApi {
    /// Link a chat identity to a panel username (agent). One identity belongs to one
    /// username: linking it again is a conflict.
    #[oai(
        path = "/v1/linked-users",
        method = "post",
        operation_id = "create_linked_user"
    )]
    async fn link(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first answer.
        #[oai(name = "Idempotency-Key")]
        idempotency_key: Header<Option<String>>,
        body: Json<LinkUser>,
    ) -> ApiResult<LinkUserResponse> {
        auth.0.require(Role::Agent)?;
        let (identity, username) = (
            field(&body.identity, "identity")?,
            field(&body.username, "username")?,
        );
        let scope = IdempotencyScope::Workspace(auth.0.workspace_id);
        let created = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_linked_user",
            &body.0,
            async {
                let created = state
                    .db
                    .identities(auth.0.workspace_id)
                    .link(body.medium.into(), &identity, &username, Utc::now())
                    .await
                    .map_err(|e| already(e, "linked"))?;
                Ok(linked(created))
            },
        )
        .await?;
        Ok(LinkUserResponse::Created(Json(created)))
    }

    /// List linked users, newest first, filtered by medium, identity or username.
    // One argument per query parameter of the operation.
    #[allow(clippy::too_many_arguments)]
    #[oai(
        path = "/v1/linked-users",
        method = "get",
        operation_id = "list_linked_users"
    )]
    async fn list_linked(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Only this medium.
        medium: Query<Option<MediumName>>,
        /// Only this chat identity.
        identity: Query<Option<String>>,
        /// Only this panel username.
        username: Query<Option<String>>,
        /// Items per page, 1-200 (default 50).
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<LinkedUserList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .identities(auth.0.workspace_id)
            .linked(
                medium.0.map(Into::into),
                username.0.as_deref(),
                identity.0.as_deref(),
                page.after(),
                page.limit,
            )
            .await?;
        Ok(Json(LinkedUserList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(linked).collect(),
        }))
    }

    /// Unlink a chat identity (agent).
    #[oai(
        path = "/v1/linked-users/:id",
        method = "delete",
        operation_id = "delete_linked_user"
    )]
    async fn unlink(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<serde_json::Value>> {
        auth.0.require(Role::Agent)?;
        if state
            .db
            .identities(auth.0.workspace_id)
            .unlink(parse_id(&id, "linked user")?)
            .await?
        {
            Ok(Json(serde_json::json!({ "deleted": true })))
        } else {
            Err(ApiError::not_found("linked user"))
        }
    }

    /// Trust a chat identity as an admin chat (owner).
    #[oai(
        path = "/v1/admin-chats",
        method = "post",
        operation_id = "create_admin_chat"
    )]
    async fn add_admin(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first answer.
        #[oai(name = "Idempotency-Key")]
        idempotency_key: Header<Option<String>>,
        body: Json<AddAdminChat>,
    ) -> ApiResult<AddAdminChatResponse> {
        auth.0.require(Role::Owner)?;
        let (identity, name) = (
            field(&body.identity, "identity")?,
            field(&body.name, "name")?,
        );
        let scope = IdempotencyScope::Workspace(auth.0.workspace_id);
        let created = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_admin_chat",
            &body.0,
            async {
                let created = state
                    .db
                    .identities(auth.0.workspace_id)
                    .add_admin(body.medium.into(), &identity, &name, Utc::now())
                    .await
                    .map_err(|e| already(e, "an admin chat"))?;
                Ok(admin(created))
            },
        )
        .await?;
        Ok(AddAdminChatResponse::Created(Json(created)))
    }

    /// List admin chats, newest first.
    #[oai(
        path = "/v1/admin-chats",
        method = "get",
        operation_id = "list_admin_chats"
    )]
    async fn list_admins(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Only this medium.
        medium: Query<Option<MediumName>>,
        /// Items per page, 1-200 (default 50).
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<AdminChatList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .identities(auth.0.workspace_id)
            .admins(medium.0.map(Into::into), page.after(), page.limit)
            .await?;
        Ok(Json(AdminChatList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(admin).collect(),
        }))
    }

    /// Remove an admin chat (owner).
    #[oai(
        path = "/v1/admin-chats/:id",
        method = "delete",
        operation_id = "delete_admin_chat"
    )]
    async fn remove_admin(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<serde_json::Value>> {
        auth.0.require(Role::Owner)?;
        if state
            .db
            .identities(auth.0.workspace_id)
            .remove_admin(parse_id(&id, "admin chat")?)
            .await?
        {
            Ok(Json(serde_json::json!({ "deleted": true })))
        } else {
            Err(ApiError::not_found("admin chat"))
        }
    }
}
