//! `/v1/workspaces`: the platform admin creates, lists, renames, suspends and reactivates
//! workspaces.

use super::ApiTags;
use super::api_keys::{ApiKey, CreatedApiKey};
use super::names::validate_name;
use crate::auth::AdminAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::secrets::{TokenKind, issue_token};
use panelrelay_adapters::storage::api_keys::NewApiKey;
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_adapters::storage::workspaces::Workspace as StoredWorkspace;
use panelrelay_core::access::{Role, WorkspaceStatus as CoreStatus};
use panelrelay_core::ids::WorkspaceId;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// Whether a workspace may use the API.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceStatus {
    /// Normal operation.
    Active,
    /// Suspended: its keys are refused.
    Suspended,
}

impl From<CoreStatus> for WorkspaceStatus {
    fn from(status: CoreStatus) -> Self {
        match status {
            CoreStatus::Active => WorkspaceStatus::Active,
            CoreStatus::Suspended => WorkspaceStatus::Suspended,
        }
    }
}

impl From<WorkspaceStatus> for CoreStatus {
    fn from(status: WorkspaceStatus) -> Self {
        match status {
            WorkspaceStatus::Active => CoreStatus::Active,
            WorkspaceStatus::Suspended => CoreStatus::Suspended,
        }
    }
}

/// A workspace (tenant).
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct Workspace {
    /// Its id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Active or suspended.
    pub status: WorkspaceStatus,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was suspended, while it is.
    pub suspended_at: Option<DateTime<Utc>>,
}

impl From<StoredWorkspace> for Workspace {
    fn from(ws: StoredWorkspace) -> Self {
        Workspace {
            id: ws.id.to_string(),
            name: ws.name,
            status: ws.status.into(),
            created_at: ws.created_at,
            updated_at: ws.updated_at,
            suspended_at: ws.suspended_at,
        }
    }
}

/// A new workspace.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct CreateWorkspace {
    /// Display name, 1-100 characters.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: String,
}

impl poem_openapi::types::Example for CreateWorkspace {
    fn example() -> Self {
        CreateWorkspace {
            name: "Acme SMM".into(),
        }
    }
}

/// Changes to a workspace; absent fields stay as they are.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct UpdateWorkspace {
    /// Display name, 1-100 characters.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: Option<String>,
}

impl poem_openapi::types::Example for UpdateWorkspace {
    fn example() -> Self {
        UpdateWorkspace {
            name: Some("Acme SMM support".into()),
        }
    }
}

/// A created workspace with its first owner key, whose secret is shown only here.
#[derive(Object, Debug, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct CreatedWorkspace {
    /// The workspace.
    pub workspace: Workspace,
    /// Its first owner key.
    pub owner_key: CreatedApiKey,
}

/// A page of workspaces.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WorkspaceList {
    /// Newest first.
    pub items: Vec<Workspace>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateWorkspaceResponse {
    /// The workspace and its first owner key.
    #[oai(status = 201)]
    Created(
        Json<CreatedWorkspace>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

fn parse_id(id: &str) -> Result<WorkspaceId, ApiError> {
    WorkspaceId::parse(id).ok_or_else(|| ApiError::not_found("workspace"))
}

/// Workspaces, for the platform admin.
pub struct WorkspacesApi;

#[OpenApi(tag = "ApiTags::Workspaces")]
impl WorkspacesApi {
    /// Create a workspace. The response carries its first owner key, shown only once.
    #[oai(
        path = "/v1/workspaces",
        method = "post",
        operation_id = "create_workspace"
    )]
    async fn create(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        /// Makes retries safe: the same key and body return the first answer.
        #[oai(
            name = "Idempotency-Key",
            validator(min_length = 1, max_length = 255, pattern = "^[!-~]+$")
        )]
        idempotency_key: Header<Option<String>>,
        body: Json<CreateWorkspace>,
    ) -> ApiResult<CreateWorkspaceResponse> {
        let name = validate_name(&body.name)?;
        let created = run_once(
            &state,
            IdempotencyScope::Platform,
            idempotency_key.0.as_deref(),
            "create_workspace",
            &body.0,
            async {
                let token = issue_token(TokenKind::Workspace).map_err(ApiError::internal)?;
                let key = NewApiKey {
                    name: "owner".into(),
                    role: Role::Owner,
                    prefix: token.prefix.clone(),
                    secret_hash: token.hash.clone(),
                };
                let (workspace, key) = state.db.workspaces().create(&name, key, Utc::now()).await?;
                tracing::info!(workspace_id = %workspace.id, "workspace created");
                Ok(CreatedWorkspace {
                    workspace: workspace.into(),
                    owner_key: CreatedApiKey {
                        key: ApiKey::from(key),
                        secret: token.secret,
                    },
                })
            },
        )
        .await?;
        let location = location("/v1/workspaces", &created.workspace.id);
        Ok(CreateWorkspaceResponse::Created(Json(created), location))
    }

    /// List workspaces, newest first.
    #[oai(
        path = "/v1/workspaces",
        method = "get",
        operation_id = "list_workspaces"
    )]
    async fn list(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        /// Only workspaces with this status.
        status: Query<Option<WorkspaceStatus>>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<WorkspaceList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .workspaces()
            .list(status.0.map(Into::into), page.after(), page.limit)
            .await?;
        Ok(Json(WorkspaceList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(Workspace::from).collect(),
        }))
    }

    /// Get a workspace.
    #[oai(
        path = "/v1/workspaces/:id",
        method = "get",
        operation_id = "get_workspace"
    )]
    async fn get(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Workspace>> {
        let workspace = state.db.workspaces().get(parse_id(&id)?).await?;
        workspace
            .map(|ws| Json(ws.into()))
            .ok_or_else(|| ApiError::not_found("workspace"))
    }

    /// Update a workspace.
    #[oai(
        path = "/v1/workspaces/:id",
        method = "patch",
        operation_id = "update_workspace"
    )]
    async fn update(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<UpdateWorkspace>,
    ) -> ApiResult<Json<Workspace>> {
        let id = parse_id(&id)?;
        let workspaces = state.db.workspaces();
        let updated = match &body.name {
            Some(name) => {
                workspaces
                    .rename(id, &validate_name(name)?, Utc::now())
                    .await?
            }
            None => workspaces.get(id).await?,
        };
        updated
            .map(|ws| Json(ws.into()))
            .ok_or_else(|| ApiError::not_found("workspace"))
    }

    /// Suspend a workspace: its keys are refused until it is reactivated.
    #[oai(
        path = "/v1/workspaces/:id/suspend",
        method = "post",
        operation_id = "suspend_workspace"
    )]
    async fn suspend(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Workspace>> {
        set_status(&state, &id, CoreStatus::Suspended).await
    }

    /// Reactivate a suspended workspace.
    #[oai(
        path = "/v1/workspaces/:id/reactivate",
        method = "post",
        operation_id = "reactivate_workspace"
    )]
    async fn reactivate(
        &self,
        _auth: AdminAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<Workspace>> {
        set_status(&state, &id, CoreStatus::Active).await
    }
}

async fn set_status(state: &AppState, id: &str, status: CoreStatus) -> ApiResult<Json<Workspace>> {
    let id = parse_id(id)?;
    let workspaces = state.db.workspaces();
    let Some(current) = workspaces.get(id).await? else {
        return Err(ApiError::not_found("workspace"));
    };
    if current.status == status {
        return Ok(Json(current.into()));
    }
    let updated = workspaces.set_status(id, status, Utc::now()).await?;
    // Ingress reads the status with the channel: forget the opened channels.
    state.channel_cache.forget_all();
    tracing::info!(workspace_id = %id, status = status.as_str(), "workspace status changed");
    updated
        .map(|ws| Json(ws.into()))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "workspace not found"))
}
