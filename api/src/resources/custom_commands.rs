//! `/v1/custom-commands`: the workspace's own commands. A customer who writes the trigger
//! (e.g. `price list`, `payment`) gets its reply text.

use super::ApiTags;
use super::templates::invalid_template;
use super::vocabulary::{Candidate, check, phrase, taken};
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::idempotency::run_once;
use crate::pagination::{PageRequest, encode};
use crate::resources::location;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::custom_commands::{CustomCommandFields, StoredCustomCommand};
use panelrelay_adapters::storage::idempotency::IdempotencyScope;
use panelrelay_core::access::Role;
use panelrelay_core::ids::CustomCommandId;
use panelrelay_core::replies::{TemplateKey, validate_template};
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::{Deserialize, Serialize};

/// A custom command's settings.
#[derive(Object, Debug, Clone, Serialize)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct CustomCommandInput {
    /// The word or phrase customers write, 1-100 characters, without numbers and not made
    /// only of built-in command words. Case, accents, dashes and punctuation do not matter.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$"
    ))]
    pub trigger: String,
    /// The reply, at most 4000 characters; it may use the variables of the `custom` reply
    /// template (see `GET /v1/templates/custom`).
    pub reply: String,
    /// Whether customers can use it (default true).
    pub enabled: Option<bool>,
}

impl poem_openapi::types::Example for CustomCommandInput {
    fn example() -> Self {
        CustomCommandInput {
            trigger: "price list".into(),
            reply: "Our prices are at https://yourpanel.com/services".into(),
            enabled: Some(true),
        }
    }
}

/// A custom command.
#[derive(Object, Debug, Clone, Serialize, Deserialize)]
#[oai(skip_serializing_if_is_none)]
pub struct CustomCommand {
    /// Its id.
    pub id: String,
    /// The trigger, as written.
    pub trigger: String,
    /// The reply.
    pub reply: String,
    /// Whether customers can use it.
    pub enabled: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn view(command: StoredCustomCommand) -> CustomCommand {
    CustomCommand {
        id: command.id.to_string(),
        trigger: command.fields.trigger,
        reply: command.fields.reply,
        enabled: command.fields.enabled,
        created_at: command.created_at,
        updated_at: command.updated_at,
    }
}

/// A page of custom commands.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CustomCommandList {
    /// Newest first.
    pub items: Vec<CustomCommand>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// 201 Created.
#[derive(ApiResponse)]
pub enum CreateCustomCommandResponse {
    /// The custom command.
    #[oai(status = 201)]
    Created(
        Json<CustomCommand>,
        /// Where the new resource can be read.
        #[oai(header = "Location")]
        String,
    ),
}

/// Validates the input's own fields (not yet against the other phrases).
fn fields(input: &CustomCommandInput) -> Result<CustomCommandFields, ApiError> {
    let trigger = phrase(&input.trigger, "trigger")?;
    validate_template(TemplateKey::Custom, &input.reply)
        .map_err(|e| invalid_template("reply", &e))?;
    Ok(CustomCommandFields {
        trigger,
        reply: input.reply.clone(),
        enabled: input.enabled.unwrap_or(true),
    })
}

fn parse_id(id: &str) -> Result<CustomCommandId, ApiError> {
    CustomCommandId::parse(id).ok_or_else(|| ApiError::not_found("custom command"))
}

/// Custom commands.
pub struct CustomCommandsApi;

#[OpenApi(tag = "ApiTags::CustomCommands")]
impl CustomCommandsApi {
    /// Create a custom command (owner).
    ///
    /// Create a custom command (owner). A trigger the workspace already uses, as an alias or
    /// another trigger, is a conflict (`phrase_taken`); one made only of built-in command
    /// words is refused (`builtin_phrase`).
    #[oai(
        path = "/v1/custom-commands",
        method = "post",
        operation_id = "create_custom_command"
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
        body: Json<CustomCommandInput>,
    ) -> ApiResult<CreateCustomCommandResponse> {
        let member = auth.0;
        member.require(Role::Owner)?;
        let fields = fields(&body)?;
        let scope = IdempotencyScope::Workspace(member.workspace_id);
        let command = run_once(
            &state,
            scope,
            idempotency_key.0.as_deref(),
            "create_custom_command",
            &body.0,
            async {
                let candidate = Candidate::Trigger {
                    trigger: &fields.trigger,
                    replacing: None,
                };
                check(&state.db, member.workspace_id, candidate).await?;
                let created = state
                    .db
                    .custom_commands(member.workspace_id)
                    .create(fields.clone(), Utc::now())
                    .await
                    .map_err(taken("trigger"))?;
                Ok(view(created))
            },
        )
        .await?;
        let location = location("/v1/custom-commands", &command.id);
        Ok(CreateCustomCommandResponse::Created(
            Json(command),
            location,
        ))
    }

    /// List custom commands, newest first.
    #[oai(
        path = "/v1/custom-commands",
        method = "get",
        operation_id = "list_custom_commands"
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
    ) -> ApiResult<Json<CustomCommandList>> {
        let page = PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let rows = state
            .db
            .custom_commands(auth.0.workspace_id)
            .list(page.after(), page.limit)
            .await?;
        Ok(Json(CustomCommandList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().map(view).collect(),
        }))
    }

    /// Get a custom command.
    #[oai(
        path = "/v1/custom-commands/:id",
        method = "get",
        operation_id = "get_custom_command"
    )]
    async fn get(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<CustomCommand>> {
        let command = state
            .db
            .custom_commands(auth.0.workspace_id)
            .get(parse_id(&id)?)
            .await?;
        command
            .map(|c| Json(view(c)))
            .ok_or_else(|| ApiError::not_found("custom command"))
    }

    /// Replace a custom command (owner).
    #[oai(
        path = "/v1/custom-commands/:id",
        method = "put",
        operation_id = "put_custom_command"
    )]
    async fn put(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
        body: Json<CustomCommandInput>,
    ) -> ApiResult<Json<CustomCommand>> {
        auth.0.require(Role::Owner)?;
        let id = parse_id(&id)?;
        let commands = state.db.custom_commands(auth.0.workspace_id);
        if commands.get(id).await?.is_none() {
            return Err(ApiError::not_found("custom command"));
        }
        let fields = fields(&body)?;
        let candidate = Candidate::Trigger {
            trigger: &fields.trigger,
            replacing: Some(id),
        };
        check(&state.db, auth.0.workspace_id, candidate).await?;
        let updated = commands
            .update(id, fields, Utc::now())
            .await
            .map_err(taken("trigger"))?;
        updated
            .map(|c| Json(view(c)))
            .ok_or_else(|| ApiError::not_found("custom command"))
    }

    /// Delete a custom command (owner).
    #[oai(
        path = "/v1/custom-commands/:id",
        method = "delete",
        operation_id = "delete_custom_command"
    )]
    async fn delete(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        id: Path<String>,
    ) -> ApiResult<Json<CustomCommand>> {
        auth.0.require(Role::Owner)?;
        let commands = state.db.custom_commands(auth.0.workspace_id);
        let id = parse_id(&id)?;
        let existing = commands
            .get(id)
            .await?
            .ok_or_else(|| ApiError::not_found("custom command"))?;
        commands.delete(id).await?;
        Ok(Json(view(existing)))
    }
}
