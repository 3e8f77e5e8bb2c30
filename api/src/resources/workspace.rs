//! `GET /v1/workspace`: the caller's own workspace.

use super::ApiTags;
use super::workspaces::Workspace;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use poem::web::Data;
use poem_openapi::OpenApi;
use poem_openapi::payload::Json;

/// The caller's workspace.
pub struct WorkspaceApi;

#[OpenApi(tag = "ApiTags::Workspace")]
impl WorkspaceApi {
    /// Get the workspace the API key belongs to.
    #[oai(
        path = "/v1/workspace",
        method = "get",
        operation_id = "get_own_workspace"
    )]
    async fn get(&self, auth: WorkspaceAuth, state: Data<&AppState>) -> ApiResult<Json<Workspace>> {
        let workspace = state.db.workspaces().get(auth.0.workspace_id).await?;
        workspace
            .map(|ws| Json(ws.into()))
            .ok_or_else(|| ApiError::not_found("workspace"))
    }
}
