//! Authentication: `Authorization: Bearer <key>`. Platform admin keys (`pra_…`) reach the
//! platform operations; workspace keys (`prk_…`) reach their own workspace only, and the
//! workspace id they resolve to is what every repository call is scoped by.

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use chrono::{Duration, Utc};
use panelrelay_adapters::secrets::{TokenKind, hash_token, token_kind};
use panelrelay_core::access::{Role, WorkspaceStatus};
use panelrelay_core::ids::{ApiKeyId, WorkspaceId};
use poem::Request;
use poem_openapi::SecurityScheme;
use poem_openapi::auth::Bearer;
use std::net::IpAddr;

/// `last_used_at` is refreshed at most this often, so auth does not write on every request.
const TOUCH_INTERVAL: Duration = Duration::seconds(60);

/// An authenticated platform admin.
#[derive(Debug, Clone)]
pub struct Admin {
    /// The key used.
    pub key_id: ApiKeyId,
}

/// An authenticated workspace member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The workspace the key belongs to: the scope of everything this request touches.
    pub workspace_id: WorkspaceId,
    /// The key used.
    pub key_id: ApiKeyId,
    /// What the key may do.
    pub role: Role,
}

impl Member {
    /// Refuses the request unless the key's role includes `required`.
    pub fn require(&self, required: Role) -> Result<(), ApiError> {
        if self.role.allows(required) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "this operation needs the {} role; this key is {}",
                    required.as_str(),
                    self.role.as_str()
                ),
            ))
        }
    }
}

/// A platform admin key (`pra_…`).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_admin")]
pub struct AdminAuth(pub Admin);

/// A workspace key (`prk_…`).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_member")]
pub struct WorkspaceAuth(pub Member);

fn state(req: &Request) -> poem::Result<&AppState> {
    req.data::<AppState>()
        .ok_or_else(|| ApiError::internal("application state missing").into())
}

fn unauthorized(message: &str) -> poem::Error {
    ApiError::new(ErrorCode::Unauthorized, message).into()
}

/// The client's IP address (the TCP peer's).
fn client_ip(req: &Request) -> Option<IpAddr> {
    req.remote_addr().as_socket_addr().map(|addr| addr.ip())
}

/// A bad, unknown or revoked key: counted against the client's address, then 401.
async fn failed(state: &AppState, ip: Option<IpAddr>) -> poem::Error {
    state
        .auth_failures
        .record_failure(state.kv.as_ref(), ip)
        .await;
    unauthorized("unknown or revoked API key")
}

async fn check_admin(req: &Request, bearer: Bearer) -> poem::Result<Admin> {
    let state = state(req)?;
    let ip = client_ip(req);
    state.auth_failures.check(state.kv.as_ref(), ip).await?;
    match token_kind(&bearer.token) {
        Some(TokenKind::Admin) => {}
        Some(TokenKind::Workspace) => {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "this operation needs a platform admin key",
            )
            .into());
        }
        None => return Err(failed(state, ip).await),
    }
    let Some(key) = state
        .db
        .admin_keys()
        .find_by_hash(&hash_token(&bearer.token))
        .await
        .map_err(ApiError::from)?
    else {
        return Err(failed(state, ip).await);
    };
    let now = Utc::now();
    if key
        .last_used_at
        .is_none_or(|used| now - used > TOUCH_INTERVAL)
    {
        state
            .db
            .admin_keys()
            .touch(key.id, now)
            .await
            .map_err(ApiError::from)?;
    }
    Ok(Admin { key_id: key.id })
}

async fn check_member(req: &Request, bearer: Bearer) -> poem::Result<Member> {
    let state = state(req)?;
    let ip = client_ip(req);
    state.auth_failures.check(state.kv.as_ref(), ip).await?;
    match token_kind(&bearer.token) {
        Some(TokenKind::Workspace) => {}
        Some(TokenKind::Admin) => {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "platform admin keys do not act inside a workspace; use a workspace key",
            )
            .into());
        }
        None => return Err(failed(state, ip).await),
    }
    let Some((key, status)) = state
        .db
        .find_api_key_by_hash(&hash_token(&bearer.token))
        .await
        .map_err(ApiError::from)?
    else {
        return Err(failed(state, ip).await);
    };
    if status == WorkspaceStatus::Suspended {
        return Err(
            ApiError::new(ErrorCode::WorkspaceSuspended, "this workspace is suspended").into(),
        );
    }
    let now = Utc::now();
    if key
        .last_used_at
        .is_none_or(|used| now - used > TOUCH_INTERVAL)
    {
        state
            .db
            .api_keys(key.workspace_id)
            .touch(key.id, now)
            .await
            .map_err(ApiError::from)?;
    }
    Ok(Member {
        workspace_id: key.workspace_id,
        key_id: key.id,
        role: key.role,
    })
}
