//! `/v1/linked-users` (a chat identity ↔ a panel username) and `/v1/admin-chats` (trusted
//! identities and what each may do). Identities are stored in one spelling per medium
//! (see `panelrelay_core::identity`), so one person cannot be linked twice.

use super::ApiTags;
use super::channels::MediumName;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels;
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_adapters::storage::identities::{AdminChat as StoredAdminChat, Identity};
use panelrelay_core::access::Role;
use panelrelay_core::identity::normalise_identity;
use panelrelay_core::ids::{IdentityId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::PanelApi;
use panelrelay_core::ports::panel::PanelError;
use panelrelay_core::sender::AdminPermissions;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// A chat identity linked to a panel username.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct LinkedUser {
    /// Its id.
    pub id: String,
    /// The medium.
    pub medium: MediumName,
    /// Telegram chat id, Green API chat id (`79991234567@c.us`) or Meta `wa_id`, as stored.
    pub identity: String,
    /// The panel username.
    pub username: String,
    /// When it was linked.
    pub created_at: DateTime<Utc>,
}

/// A new link.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct LinkUser {
    /// The medium.
    pub medium: MediumName,
    /// The chat identity, in any usual spelling: `+7 900 123-45-67`, `79001234567` and
    /// `79001234567@c.us` are the same Green API identity.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub identity: String,
    /// The panel username.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub username: String,
    /// Check first that the username exists on the panel (default false).
    pub verify_username: Option<bool>,
}

impl poem_openapi::types::Example for LinkUser {
    fn example() -> Self {
        LinkUser {
            medium: MediumName::Telegram,
            identity: "5123456789".into(),
            username: "alice".into(),
            verify_username: None,
        }
    }
}

/// Changes to a link.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct UpdateLinkedUser {
    /// The new panel username.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub username: String,
    /// Check first that the username exists on the panel (default false).
    pub verify_username: Option<bool>,
}

impl poem_openapi::types::Example for UpdateLinkedUser {
    fn example() -> Self {
        UpdateLinkedUser {
            username: "alice_smm".into(),
            verify_username: None,
        }
    }
}

/// A trusted admin chat.
#[derive(Object, Debug, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct AdminChat {
    /// Its id.
    pub id: String,
    /// The medium.
    pub medium: MediumName,
    /// The chat identity.
    pub identity: String,
    /// A label.
    pub name: String,
    /// Details of any order, not only its own.
    pub view_any_order: bool,
    /// Speed, refill and cancel for any order, without the ownership check.
    pub dispatch_any_order: bool,
    /// Replies when writing in a group while the workspace keeps groups silent.
    pub reply_in_groups: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A new admin chat. Permissions default to `view_any_order` and `dispatch_any_order`
/// true, `reply_in_groups` false.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct AddAdminChat {
    /// The medium.
    pub medium: MediumName,
    /// The chat identity.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub identity: String,
    /// A label.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: String,
    /// Details of any order (default true).
    pub view_any_order: Option<bool>,
    /// Speed, refill and cancel for any order (default true).
    pub dispatch_any_order: Option<bool>,
    /// Replies in groups despite group silence (default false).
    pub reply_in_groups: Option<bool>,
}

impl poem_openapi::types::Example for AddAdminChat {
    fn example() -> Self {
        AddAdminChat {
            medium: MediumName::Telegram,
            identity: "-1009876543210".into(),
            name: "Support team".into(),
            view_any_order: Some(true),
            dispatch_any_order: Some(true),
            reply_in_groups: None,
        }
    }
}

/// Changes to an admin chat; absent fields keep their value.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct UpdateAdminChat {
    /// A label.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
    /// Details of any order.
    pub view_any_order: Option<bool>,
    /// Speed, refill and cancel for any order.
    pub dispatch_any_order: Option<bool>,
    /// Replies in groups despite group silence.
    pub reply_in_groups: Option<bool>,
}

impl poem_openapi::types::Example for UpdateAdminChat {
    fn example() -> Self {
        UpdateAdminChat {
            name: Some("Support team (night shift)".into()),
            view_any_order: None,
            dispatch_any_order: Some(false),
            reply_in_groups: Some(true),
        }
    }
}

/// A page of linked users.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct LinkedUserList {
    /// Newest first.
    pub items: Vec<LinkedUser>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A page of admin chats.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
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
    Created(
        Json<LinkedUser>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum AddAdminChatResponse {
    /// The admin chat.
    #[oai(status = 201)]
    Created(
        Json<AdminChat>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

/// The API view of a stored link.
pub fn linked(identity: Identity) -> LinkedUser {
    LinkedUser {
        id: identity.id.to_string(),
        medium: identity.medium.into(),
        identity: identity.identity,
        username: identity.label,
        created_at: identity.created_at,
    }
}

fn admin(chat: StoredAdminChat) -> AdminChat {
    AdminChat {
        id: chat.identity.id.to_string(),
        medium: chat.identity.medium.into(),
        identity: chat.identity.identity,
        name: chat.identity.label,
        view_any_order: chat.permissions.view_any_order,
        dispatch_any_order: chat.permissions.dispatch_any_order,
        reply_in_groups: chat.permissions.reply_in_groups,
        created_at: chat.identity.created_at,
    }
}

/// A trimmed, 1-100 printable characters value of field `name`.
pub fn field(value: &str, name: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 100 || value.chars().any(char::is_control) {
        return Err(ApiError::invalid_body(format!(
            "{name} must be 1-100 printable characters"
        )));
    }
    Ok(value.to_string())
}

/// The identity in its medium's one spelling, or 400.
pub fn identity_of(medium: Medium, raw: &str) -> Result<String, ApiError> {
    normalise_identity(medium, raw)
        .map_err(|err| ApiError::invalid_body(format!("identity: {err}")))
}

/// 409 `identity_already_linked` for a link that exists.
pub fn already_linked() -> ApiError {
    ApiError::new(
        ErrorCode::IdentityAlreadyLinked,
        "this identity is already linked; one identity belongs to one username (change it with PATCH)",
    )
}

fn already_admin(err: StorageError) -> ApiError {
    match err {
        StorageError::Conflict(_) => ApiError::new(
            ErrorCode::Conflict,
            "this identity is already an admin chat",
        ),
        other => other.into(),
    }
}

fn parse_id(id: &str, kind: &str) -> Result<IdentityId, ApiError> {
    IdentityId::parse(id).ok_or_else(|| ApiError::not_found(kind))
}

/// What the panel said about a username.
pub enum UsernameCheck {
    /// The panel knows the username.
    Found,
    /// The panel has no such user: 422 `username_not_on_panel`.
    Missing,
    /// The panel failed (or cannot look users up): 502 `panel_error` with this message.
    Failed(String),
}

/// Asks the panel whether `username` exists.
pub async fn check_username(panel: &dyn PanelApi, key: &str, username: &str) -> UsernameCheck {
    match panel.find_user(username).await {
        Ok(Some(_)) => UsernameCheck::Found,
        Ok(None) => UsernameCheck::Missing,
        Err(PanelError::Unsupported) => UsernameCheck::Failed(
            "the connected panel cannot look users up; link without verify_username".into(),
        ),
        Err(err) => {
            tracing::warn!(code = panels::code(&err), "username check failed");
            UsernameCheck::Failed(crate::services::panel::redact(&panels::explain(&err), key))
        }
    }
}

/// Checks `username` on the workspace's panel: 409 without a panel, 422 when missing, 502
/// when the panel fails.
async fn verify_username(
    state: &AppState,
    workspace_id: WorkspaceId,
    username: &str,
) -> Result<(), ApiError> {
    let (panel, key) =
        crate::services::panel::client(&state.db, &state.secrets, workspace_id).await?;
    match check_username(panel.as_ref(), &key, username).await {
        UsernameCheck::Found => Ok(()),
        UsernameCheck::Missing => Err(ApiError::new(
            ErrorCode::UsernameNotOnPanel,
            format!("the panel has no user named {username}"),
        )),
        UsernameCheck::Failed(message) => Err(ApiError::new(ErrorCode::PanelError, message)),
    }
}

/// The stored spellings `identity` may have: its medium's one spelling, or, without a
/// medium, every medium's (and the text as written).
fn identity_filter(medium: Option<Medium>, identity: &str) -> Vec<String> {
    let mediums = medium.map_or_else(|| Medium::ALL.to_vec(), |medium| vec![medium]);
    let mut spellings: Vec<String> = mediums
        .into_iter()
        .filter_map(|medium| normalise_identity(medium, identity).ok())
        .collect();
    spellings.push(identity.trim().to_string());
    spellings.sort();
    spellings.dedup();
    spellings
}

/// Linked users and admin chats.
pub struct IdentitiesApi;

#[OpenApi(tag = "ApiTags::Identities")]
impl IdentitiesApi {
    /// Link a chat identity to a panel username (agent).
    ///
    /// Link a chat identity to a panel username (agent). One identity belongs to one
    /// username: linking it again is 409 `identity_already_linked`. With
    /// `verify_username`, the panel must know the username (422 `username_not_on_panel`;
    /// 409 `panel_not_connected`; 502 `panel_error`).
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
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        body: Json<LinkUser>,
    ) -> ApiResult<LinkUserResponse> {
        auth.0.require(Role::Agent)?;
        let medium: Medium = body.medium.into();
        let (identity, username) = (
            identity_of(medium, &body.identity)?,
            field(&body.username, "username")?,
        );
        let workspace_id = auth.0.workspace_id;
        let scope = IdempotencyScope::Workspace(workspace_id);
        let created = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_linked_user",
            &body.0,
            async {
                let links = state.db.identities(workspace_id);
                if links.linked_identity(medium, &identity).await?.is_some() {
                    return Err(already_linked());
                }
                if body.verify_username.unwrap_or(false) {
                    verify_username(&state, workspace_id, &username).await?;
                }
                let created = links
                    .link(medium, &identity, &username, Utc::now())
                    .await
                    .map_err(|err| match err {
                        StorageError::Conflict(_) => already_linked(),
                        other => other.into(),
                    })?;
                Ok(linked(created))
            },
        )
        .await?;
        let location = location("/v1/linked-users", &created.id);
        Ok(LinkUserResponse::Created(Json(created), location))
    }

    /// List linked users, newest first.
    ///
    /// Filter by medium, identity (any usual spelling) or username.
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
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<LinkedUserList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let medium: Option<Medium> = medium.0.map(Into::into);
        let spellings = identity.0.as_deref().map(|i| identity_filter(medium, i));
        let rows = state
            .db
            .identities(auth.0.workspace_id)
            .linked(
                medium,
                username.0.as_deref().map(str::trim),
                spellings.as_deref(),
                page.after(),
                page.limit,
            )
            .await?;
        Ok(Json(LinkedUserList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(linked).collect(),
        }))
    }

    /// Get a linked user.
    #[oai(
        path = "/v1/linked-users/:id",
        method = "get",
        operation_id = "get_linked_user"
    )]
    async fn get_linked(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<LinkedUser>> {
        state
            .db
            .identities(auth.0.workspace_id)
            .linked_user(parse_id(&id, "linked user")?)
            .await?
            .map(|l| Json(linked(l)))
            .ok_or_else(|| ApiError::not_found("linked user"))
    }

    /// Point a linked identity at another username (agent).
    ///
    /// Point a linked chat identity at another panel username (agent). With
    /// `verify_username`, the panel must know the username.
    #[oai(
        path = "/v1/linked-users/:id",
        method = "patch",
        operation_id = "update_linked_user"
    )]
    async fn update_linked(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<UpdateLinkedUser>,
    ) -> ApiResult<Json<LinkedUser>> {
        auth.0.require(Role::Agent)?;
        let id = parse_id(&id, "linked user")?;
        let username = field(&body.username, "username")?;
        let links = state.db.identities(auth.0.workspace_id);
        if links.linked_user(id).await?.is_none() {
            return Err(ApiError::not_found("linked user"));
        }
        if body.verify_username.unwrap_or(false) {
            verify_username(&state, auth.0.workspace_id, &username).await?;
        }
        links
            .rename_linked(id, &username)
            .await?
            .map(|l| Json(linked(l)))
            .ok_or_else(|| ApiError::not_found("linked user"))
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

    /// Trust a chat identity as an admin chat (owner), with what it may do.
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
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        body: Json<AddAdminChat>,
    ) -> ApiResult<AddAdminChatResponse> {
        auth.0.require(Role::Owner)?;
        let medium: Medium = body.medium.into();
        let (identity, name) = (
            identity_of(medium, &body.identity)?,
            field(&body.name, "name")?,
        );
        let defaults = AdminPermissions::default();
        let permissions = AdminPermissions {
            view_any_order: body.view_any_order.unwrap_or(defaults.view_any_order),
            dispatch_any_order: body
                .dispatch_any_order
                .unwrap_or(defaults.dispatch_any_order),
            reply_in_groups: body.reply_in_groups.unwrap_or(defaults.reply_in_groups),
        };
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
                    .add_admin(medium, &identity, &name, permissions, Utc::now())
                    .await
                    .map_err(already_admin)?;
                Ok(admin(created))
            },
        )
        .await?;
        let location = location("/v1/admin-chats", &created.id);
        Ok(AddAdminChatResponse::Created(Json(created), location))
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
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
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

    /// Get an admin chat.
    #[oai(
        path = "/v1/admin-chats/:id",
        method = "get",
        operation_id = "get_admin_chat"
    )]
    async fn get_admin(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<AdminChat>> {
        state
            .db
            .identities(auth.0.workspace_id)
            .admin(parse_id(&id, "admin chat")?)
            .await?
            .map(|chat| Json(admin(chat)))
            .ok_or_else(|| ApiError::not_found("admin chat"))
    }

    /// Rename an admin chat or change what it may do (owner).
    #[oai(
        path = "/v1/admin-chats/:id",
        method = "patch",
        operation_id = "update_admin_chat"
    )]
    async fn update_admin(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<UpdateAdminChat>,
    ) -> ApiResult<Json<AdminChat>> {
        auth.0.require(Role::Owner)?;
        let id = parse_id(&id, "admin chat")?;
        let chats = state.db.identities(auth.0.workspace_id);
        let current = chats
            .admin(id)
            .await?
            .ok_or_else(|| ApiError::not_found("admin chat"))?;
        let name = match &body.name {
            Some(name) => field(name, "name")?,
            None => current.identity.label,
        };
        let was = current.permissions;
        let permissions = AdminPermissions {
            view_any_order: body.view_any_order.unwrap_or(was.view_any_order),
            dispatch_any_order: body.dispatch_any_order.unwrap_or(was.dispatch_any_order),
            reply_in_groups: body.reply_in_groups.unwrap_or(was.reply_in_groups),
        };
        chats
            .update_admin(id, &name, permissions)
            .await?
            .map(|chat| Json(admin(chat)))
            .ok_or_else(|| ApiError::not_found("admin chat"))
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
