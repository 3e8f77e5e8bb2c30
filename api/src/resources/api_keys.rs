//! `/v1/api-keys`: the workspace's API keys. Owners create and revoke; everyone may list.

use super::ApiTags;
use super::names::validate_name;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::secrets::{TokenKind, issue_token};
use panelrelay_adapters::storage::api_keys::{ApiKey as StoredKey, NewApiKey, Revocation};
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_core::access::Role as CoreRole;
use panelrelay_core::ids::ApiKeyId;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// What a key may do: viewers read, agents operate, owners configure.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything in the workspace.
    Viewer,
    /// Reads and operates.
    Agent,
    /// Everything, including configuration and API keys.
    Owner,
}

impl From<CoreRole> for Role {
    fn from(role: CoreRole) -> Self {
        match role {
            CoreRole::Viewer => Role::Viewer,
            CoreRole::Agent => Role::Agent,
            CoreRole::Owner => Role::Owner,
        }
    }
}

impl From<Role> for CoreRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Viewer => CoreRole::Viewer,
            Role::Agent => CoreRole::Agent,
            Role::Owner => CoreRole::Owner,
        }
    }
}

/// An API key (never its secret).
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct ApiKey {
    /// Its id.
    pub id: String,
    /// A label.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The visible start of the key, to recognise it.
    pub prefix: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (refreshed at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<StoredKey> for ApiKey {
    fn from(key: StoredKey) -> Self {
        ApiKey {
            id: key.id.to_string(),
            name: key.name,
            role: key.role.into(),
            prefix: key.prefix,
            created_at: key.created_at,
            last_used_at: key.last_used_at,
            revoked_at: key.revoked_at,
        }
    }
}

/// A just-created key with its secret, shown only in this response.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct CreatedApiKey {
    /// The key.
    #[oai(flatten)]
    #[serde(flatten)]
    pub key: ApiKey,
    /// The whole key, for `Authorization: Bearer`. Store it now: it is not shown again.
    pub secret: String,
}

/// A new key.
#[derive(Object, Debug, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct CreateApiKey {
    /// A label, 1-100 characters.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub name: String,
    /// What it may do.
    pub role: Role,
}

impl poem_openapi::types::Example for CreateApiKey {
    fn example() -> Self {
        CreateApiKey {
            name: "support dashboard".into(),
            role: Role::Agent,
        }
    }
}

/// A page of keys.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ApiKeyList {
    /// Newest first.
    pub items: Vec<ApiKey>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateApiKeyResponse {
    /// The key with its secret.
    #[oai(status = 201)]
    Created(
        Json<CreatedApiKey>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

/// API keys of the caller's workspace.
pub struct ApiKeysApi;

#[OpenApi(tag = "ApiTags::ApiKeys")]
impl ApiKeysApi {
    /// Create an API key (owner). The secret is in this response only.
    #[oai(
        path = "/v1/api-keys",
        method = "post",
        operation_id = "create_api_key"
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
        body: Json<CreateApiKey>,
    ) -> ApiResult<CreateApiKeyResponse> {
        let member = auth.0;
        member.require(CoreRole::Owner)?;
        let name = validate_name(&body.name)?;
        let created = run_once(
            &state,
            IdempotencyScope::Workspace(member.workspace_id),
            idempotency_key.0.as_deref(),
            "create_api_key",
            &body.0,
            async {
                let token = issue_token(TokenKind::Workspace).map_err(ApiError::internal)?;
                let key = NewApiKey {
                    name,
                    role: body.role.into(),
                    prefix: token.prefix.clone(),
                    secret_hash: token.hash.clone(),
                };
                let key = state.db.api_keys(member.workspace_id).create(key, Utc::now()).await?;
                tracing::info!(workspace_id = %member.workspace_id, key_id = %key.id, "api key created");
                Ok(CreatedApiKey { key: key.into(), secret: token.secret })
            },
        )
        .await?;
        let location = location("/v1/api-keys", &created.key.id);
        Ok(CreateApiKeyResponse::Created(Json(created), location))
    }

    /// List the workspace's API keys, newest first.
    #[oai(path = "/v1/api-keys", method = "get", operation_id = "list_api_keys")]
    async fn list(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Include revoked keys.
        include_revoked: Query<Option<bool>>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ApiKeyList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .api_keys(auth.0.workspace_id)
            .list(include_revoked.0.unwrap_or(false), page.after(), page.limit)
            .await?;
        Ok(Json(ApiKeyList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(ApiKey::from).collect(),
        }))
    }

    /// Get one of the workspace's API keys (never its secret).
    #[oai(
        path = "/v1/api-keys/:id",
        method = "get",
        operation_id = "get_api_key"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<ApiKey>> {
        let id = ApiKeyId::parse(&id).ok_or_else(|| ApiError::not_found("api key"))?;
        let key = state.db.api_keys(auth.0.workspace_id).get(id).await?;
        key.map(|key| Json(key.into()))
            .ok_or_else(|| ApiError::not_found("api key"))
    }

    /// Revoke an API key (owner). The last active owner key cannot be revoked.
    #[oai(
        path = "/v1/api-keys/:id",
        method = "delete",
        operation_id = "delete_api_key"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<ApiKey>> {
        let member = auth.0;
        member.require(CoreRole::Owner)?;
        let id = ApiKeyId::parse(&id).ok_or_else(|| ApiError::not_found("api key"))?;
        match state
            .db
            .api_keys(member.workspace_id)
            .revoke(id, Utc::now())
            .await?
        {
            Revocation::Revoked(key) => {
                tracing::info!(workspace_id = %member.workspace_id, key_id = %key.id, "api key revoked");
                Ok(Json(key.into()))
            }
            Revocation::NotFound => Err(ApiError::not_found("api key")),
            Revocation::LastOwnerKey => Err(ApiError::new(
                ErrorCode::LastOwnerKey,
                "this is the workspace's last owner key; create another owner key first",
            )),
        }
    }
}
