//! `/v1/command-aliases`: the workspace's own words for built-in commands, e.g. `ulang` for
//! refill or `saldo kak` for balance. Aliases come on top of the built-in words and win over
//! them.

use super::ApiTags;
use super::vocabulary::{Candidate, check, phrase, taken};
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::command_aliases::StoredAlias;
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_core::access::Role;
use panelrelay_core::command::Action;
use panelrelay_core::ids::AliasId;
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// A built-in command an alias can mean.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AliasAction {
    /// Ask the provider to speed orders up.
    Speed,
    /// Ask the provider to cancel orders.
    Cancel,
    /// Ask the provider to refill orders.
    Refill,
    /// The customer's panel balance.
    Balance,
    /// Orders' status and details.
    Details,
    /// The list of commands.
    Help,
}

impl From<AliasAction> for Action {
    fn from(action: AliasAction) -> Self {
        match action {
            AliasAction::Speed => Action::Speed,
            AliasAction::Cancel => Action::Cancel,
            AliasAction::Refill => Action::Refill,
            AliasAction::Balance => Action::Balance,
            AliasAction::Details => Action::Details,
            AliasAction::Help => Action::Help,
        }
    }
}

/// The API name of a stored alias's action.
fn action_view(action: &Action) -> AliasAction {
    match action {
        Action::Speed => AliasAction::Speed,
        Action::Cancel => AliasAction::Cancel,
        Action::Refill => AliasAction::Refill,
        Action::Balance => AliasAction::Balance,
        Action::Details => AliasAction::Details,
        Action::Help | Action::Custom(_) => AliasAction::Help,
    }
}

/// An alias's settings.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct CommandAliasInput {
    /// The word or phrase customers write, 1-100 characters, without numbers (numbers are
    /// order ids). Case, accents, dashes and punctuation do not matter.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub phrase: String,
    /// The command it means.
    pub action: AliasAction,
}

impl poem_openapi::types::Example for CommandAliasInput {
    fn example() -> Self {
        CommandAliasInput {
            phrase: "refil pls".into(),
            action: AliasAction::Refill,
        }
    }
}

/// A command alias.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct CommandAlias {
    /// Its id.
    pub id: String,
    /// The word or phrase, as written.
    pub phrase: String,
    /// The command it means.
    pub action: AliasAction,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn view(alias: StoredAlias) -> CommandAlias {
    CommandAlias {
        id: alias.id.to_string(),
        phrase: alias.phrase,
        action: action_view(&alias.action),
        created_at: alias.created_at,
        updated_at: alias.updated_at,
    }
}

/// A page of aliases.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CommandAliasList {
    /// Newest first.
    pub items: Vec<CommandAlias>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateCommandAliasResponse {
    /// The alias.
    #[oai(status = 201)]
    Created(
        Json<CommandAlias>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

fn parse_id(id: &str) -> Result<AliasId, ApiError> {
    AliasId::parse(id).ok_or_else(|| ApiError::not_found("command alias"))
}

/// Command aliases.
pub struct CommandAliasesApi;

#[OpenApi(tag = "ApiTags::CommandAliases")]
impl CommandAliasesApi {
    /// Create a command alias (owner).
    ///
    /// Create a command alias (owner). A phrase the workspace already uses, as an alias or a
    /// custom command's trigger, is a conflict (`phrase_taken`).
    #[oai(
        path = "/v1/command-aliases",
        method = "post",
        operation_id = "create_command_alias"
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
        body: Json<CommandAliasInput>,
    ) -> ApiResult<CreateCommandAliasResponse> {
        let member = auth.0;
        member.require(Role::Owner)?;
        let text = phrase(&body.phrase, "phrase")?;
        let scope = IdempotencyScope::Workspace(member.workspace_id);
        let alias = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_command_alias",
            &body.0,
            async {
                let action = Action::from(body.action);
                let candidate = Candidate::Alias {
                    phrase: &text,
                    action: action.clone(),
                    replacing: None,
                };
                check(&state.db, member.workspace_id, candidate).await?;
                let created = state
                    .db
                    .command_aliases(member.workspace_id)
                    .create(&text, &action, Utc::now())
                    .await
                    .map_err(taken("phrase"))?;
                Ok(view(created))
            },
        )
        .await?;
        let location = location("/v1/command-aliases", &alias.id);
        Ok(CreateCommandAliasResponse::Created(Json(alias), location))
    }

    /// List command aliases, newest first.
    #[oai(
        path = "/v1/command-aliases",
        method = "get",
        operation_id = "list_command_aliases"
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
    ) -> ApiResult<Json<CommandAliasList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .command_aliases(auth.0.workspace_id)
            .list(page.after(), page.limit)
            .await?;
        Ok(Json(CommandAliasList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(view).collect(),
        }))
    }

    /// Get a command alias.
    #[oai(
        path = "/v1/command-aliases/:id",
        method = "get",
        operation_id = "get_command_alias"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<CommandAlias>> {
        let alias = state
            .db
            .command_aliases(auth.0.workspace_id)
            .get(parse_id(&id)?)
            .await?;
        alias
            .map(|a| Json(view(a)))
            .ok_or_else(|| ApiError::not_found("command alias"))
    }

    /// Replace a command alias (owner).
    #[oai(
        path = "/v1/command-aliases/:id",
        method = "put",
        operation_id = "put_command_alias"
    )]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<CommandAliasInput>,
    ) -> ApiResult<Json<CommandAlias>> {
        auth.0.require(Role::Owner)?;
        let id = parse_id(&id)?;
        let aliases = state.db.command_aliases(auth.0.workspace_id);
        if aliases.get(id).await?.is_none() {
            return Err(ApiError::not_found("command alias"));
        }
        let text = phrase(&body.phrase, "phrase")?;
        let action = Action::from(body.action);
        let candidate = Candidate::Alias {
            phrase: &text,
            action: action.clone(),
            replacing: Some(id),
        };
        check(&state.db, auth.0.workspace_id, candidate).await?;
        let updated = aliases
            .update(id, &text, &action, Utc::now())
            .await
            .map_err(taken("phrase"))?;
        updated
            .map(|a| Json(view(a)))
            .ok_or_else(|| ApiError::not_found("command alias"))
    }

    /// Delete a command alias (owner).
    #[oai(
        path = "/v1/command-aliases/:id",
        method = "delete",
        operation_id = "delete_command_alias"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<CommandAlias>> {
        auth.0.require(Role::Owner)?;
        let aliases = state.db.command_aliases(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let existing = aliases
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("command alias"))?;
        aliases.delete(id).await?;
        Ok(Json(view(existing)))
    }
}
