//! `/v1/commands/simulate`: what the automation would do with a customer's message, without
//! doing it. The same configuration, sender role, panel and rules as a real message, and
//! self-service linking before the engine; no message sent, no cooldown claimed, no link
//! code made, nothing logged.

use super::ApiTags;
use super::channels::MediumName;
use crate::auth::WorkspaceAuth;
use crate::error::{ApiError, ApiResult};
use crate::resources::closed_sets::{ForwardedAction, Reason};
use crate::services::context::MessageContext;
use crate::services::linking::LINK_ACTION;
use crate::services::pipeline::{self, Mode};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_core::access::Role;
use panelrelay_core::engine::InboundEvent;
use panelrelay_core::medium::Medium;
use panelrelay_core::routing::Dispatch;
use panelrelay_core::sender::SenderRole;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

/// The longest text a simulation takes, in characters.
const MAX_TEXT_CHARS: usize = 4096;

/// A customer message to try.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
#[oai(example)]
pub struct SimulateInput {
    /// The medium the message comes through.
    pub medium: MediumName,
    /// The author's identity on the medium (Telegram user id, Green API chat id, Meta
    /// `wa_id`), as linked users and admin chats store it.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub sender_id: String,
    /// The chat the message is written in, 1-100 characters (default: the sender's private
    /// chat).
    #[oai(validator(min_length = 1, max_length = 100))]
    pub chat_id: Option<String>,
    /// The message text.
    #[oai(validator(min_length = 1, max_length = 4096))]
    pub text: String,
    /// Whether the chat is a group (default false): groups stay silent on chatter.
    #[oai(default)]
    pub is_group: bool,
}

impl poem_openapi::types::Example for SimulateInput {
    fn example() -> Self {
        SimulateInput {
            medium: MediumName::Telegram,
            sender_id: "5123456789".into(),
            chat_id: None,
            text: "2274209 refill".into(),
            is_group: false,
        }
    }
}

/// Who the sender is to the workspace.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[oai(rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum SenderKind {
    /// A customer linked to a panel username.
    Linked,
    /// An admin chat.
    Admin,
    /// Neither: order commands get the link prompt.
    Unknown,
}

/// The command the text was read as.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ParsedCommand {
    /// `speed`, `cancel`, `refill`, `balance`, `details`, `help`, `link` (self-service
    /// linking), or a custom command's trigger.
    pub action: String,
    /// The distinct order ids, as written.
    pub order_ids: Vec<u64>,
}

/// A message that would go to a provider's group.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct PlannedDispatch {
    /// The provider route.
    pub route_id: String,
    /// Its name.
    pub route_name: String,
    /// The channel that would send it.
    pub channel_id: Option<String>,
    /// The target's medium.
    pub medium: MediumName,
    /// The provider's group chat.
    pub chat_id: String,
    /// The Telegram topic.
    pub topic_id: Option<i64>,
    /// The action forwarded.
    pub action: ForwardedAction,
    /// The text.
    pub text: String,
    /// The panel order ids it carries.
    pub order_ids: Vec<u64>,
    /// Their provider-side ids.
    pub external_ids: Vec<String>,
}

/// What would happen to one order.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct SimulatedOutcome {
    /// The panel order id.
    pub order_id: u64,
    /// The action asked for.
    pub action: String,
    /// `accepted`, or why not.
    pub reason: Reason,
    /// The time that goes with the reason (when a cooldown ends, a window ended, …).
    pub at: Option<DateTime<Utc>>,
    /// A technical explanation; never shown to customers.
    pub detail: Option<String>,
}

/// The simulation's result.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Simulation {
    /// Who the sender is to the workspace.
    pub sender: SenderKind,
    /// The linked panel username.
    pub username: Option<String>,
    /// The command the text was read as; absent for chatter or an incomplete command.
    pub command: Option<ParsedCommand>,
    /// The reply the customer would get; absent when the automation stays silent.
    pub reply: Option<String>,
    /// The messages that would go to providers' groups.
    pub dispatches: Vec<PlannedDispatch>,
    /// One outcome per order id.
    pub outcomes: Vec<SimulatedOutcome>,
}

fn field(value: &str, name: &str, max: usize) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(ApiError::invalid_body(format!(
            "{name} must be 1-{max} characters"
        )));
    }
    Ok(value.to_owned())
}

fn planned(dispatch: Dispatch, message: &MessageContext) -> PlannedDispatch {
    PlannedDispatch {
        route_id: dispatch.route_id.to_string(),
        route_name: dispatch.route_name,
        channel_id: message
            .route_channels()
            .get(&dispatch.route_id)
            .map(ToString::to_string),
        medium: dispatch.target.medium.into(),
        chat_id: dispatch.target.chat_id,
        topic_id: dispatch.target.topic_id,
        action: dispatch.action.into(),
        text: dispatch.text,
        order_ids: dispatch.order_ids,
        external_ids: dispatch.external_ids,
    }
}

/// Command simulation.
pub struct CommandsApi;

#[OpenApi(tag = "ApiTags::Commands")]
impl CommandsApi {
    /// Simulate a customer message (agent).
    ///
    /// Simulate a customer message (agent): the parsed command, the reply, the provider
    /// messages and per-order outcomes a real message would produce right now. Nothing is
    /// sent, no cooldown is used, nothing is logged; linking messages (`link <username>`,
    /// a code) get their reply without a code made, a ticket opened or an attempt counted.
    #[oai(
        path = "/v1/commands/simulate",
        method = "post",
        operation_id = "simulate_command"
    )]
    async fn simulate(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        body: Json<SimulateInput>,
    ) -> ApiResult<Json<Simulation>> {
        auth.0.require(Role::Agent)?;
        let sender_id = field(&body.sender_id, "sender_id", 100)?;
        let chat_id = match &body.chat_id {
            Some(chat) => field(chat, "chat_id", 100)?,
            None => sender_id.clone(),
        };
        field(&body.text, "text", MAX_TEXT_CHARS)?;
        let medium = Medium::from(body.medium);
        let message = MessageContext::load(
            &state.configs,
            &state.db,
            auth.0.workspace_id,
            medium,
            &sender_id,
        )
        .await?;
        let (sender, username) = match &message.ctx.sender.role {
            SenderRole::Linked { username } => (SenderKind::Linked, Some(username.clone())),
            SenderRole::Admin(_) => (SenderKind::Admin, None),
            SenderRole::Unknown => (SenderKind::Unknown, None),
        };
        let inbound = InboundEvent {
            medium,
            chat_id,
            sender_id,
            text: body.text.clone(),
            is_group: body.is_group,
        };
        let handled = pipeline::handle(
            &state.db,
            state.kv.as_ref(),
            &message,
            &inbound,
            Mode::DryRun,
        )
        .await
        .map_err(ApiError::internal)?;
        let result = handled.result;
        let command = if handled.linking {
            Some(ParsedCommand {
                action: LINK_ACTION.to_owned(),
                order_ids: Vec::new(),
            })
        } else {
            result.command.map(|command| ParsedCommand {
                action: command.action.name().to_owned(),
                order_ids: command.order_ids,
            })
        };
        Ok(Json(Simulation {
            sender,
            username,
            command,
            reply: result.reply,
            dispatches: result
                .dispatches
                .into_iter()
                .map(|dispatch| planned(dispatch, &message))
                .collect(),
            outcomes: result
                .outcomes
                .into_iter()
                .map(|outcome| SimulatedOutcome {
                    order_id: outcome.order_id,
                    action: outcome.action.name().to_owned(),
                    reason: outcome.reason.into(),
                    at: outcome.at,
                    detail: outcome.detail,
                })
                .collect(),
        }))
    }
}
