//! `/v1/logs/*`: what the flow recorded — webhook deliveries, outbound attempts, handled
//! commands, dispatches to provider groups. Newest first, in keyset pages on (time, id): rows
//! written while a client pages never shift the pages of rows that already existed.
//! Provider payloads are shown with secrets removed.

use super::ApiTags;
use super::filters;
use super::redaction::{channel_secrets, redact};
use crate::auth::WorkspaceAuth;
use crate::error::ApiResult;
use crate::pagination::{PageRequest, encode};
use crate::resources::channels::MediumName;
use crate::resources::closed_sets::{
    DeliveryStatus, ForwardedAction, OutgoingKind, Reason, SendOutcome, WebhookOutcome, from_name,
    name_of,
};
use crate::resources::commands::SenderKind;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::storage::flow::{CommandRecord, WebhookRecord, at};
use panelrelay_adapters::storage::logs::{DispatchEntry, LogFilter, OutboundEntry};
use panelrelay_adapters::storage::time_key::TimeKey;
use panelrelay_core::medium::Medium;
use panelrelay_core::rules::ReasonCode;
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

/// One webhook delivery.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WebhookLogEntry {
    /// Its id.
    pub id: String,
    /// The channel addressed.
    pub channel_id: String,
    /// The medium addressed (absent when the URL named none).
    pub medium: Option<MediumName>,
    /// The HTTP status answered.
    pub status_code: i32,
    /// What became of it.
    pub outcome: WebhookOutcome,
    /// The provider's event key, when one was computed.
    pub dedupe_key: Option<String>,
    /// The body as received (at most 2000 bytes), secrets removed; refused bodies are not kept.
    pub payload: String,
    /// A detail for operators.
    pub detail: Option<String>,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
}

/// A page of webhook deliveries.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WebhookLogList {
    /// Newest first.
    pub items: Vec<WebhookLogEntry>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One attempt to send a message.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct OutboundLogEntry {
    /// Its id.
    pub id: String,
    /// The outbox message sent.
    pub outbox_id: String,
    /// The channel used.
    pub channel_id: String,
    /// A dispatch to a provider group or a reply to the customer, while the message is kept.
    pub kind: Option<OutgoingKind>,
    /// The destination chat, while the message is kept.
    pub chat_id: Option<String>,
    /// Whether the provider accepted it.
    pub outcome: SendOutcome,
    /// The provider's answer, secrets removed.
    pub response: String,
    /// Why it failed.
    pub error: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A page of outbound attempts.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct OutboundLogList {
    /// Newest first.
    pub items: Vec<OutboundLogEntry>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// What happened to one order of a command.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct OrderOutcome {
    /// The panel order.
    pub order_id: i64,
    /// `speed`, `cancel`, `refill`, `details`, ….
    pub action: String,
    /// Why it was forwarded or not.
    pub reason: Reason,
    /// A time the reason refers to (e.g. when a cooldown ends).
    pub at: Option<DateTime<Utc>>,
    /// A detail for operators.
    pub detail: Option<String>,
}

/// One handled customer message.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CommandLogEntry {
    /// Its id.
    pub id: String,
    /// The inbox event it came from.
    pub inbox_event_id: String,
    /// The channel it arrived on.
    pub channel_id: String,
    /// The medium.
    pub medium: MediumName,
    /// The chat.
    pub chat_id: String,
    /// The sender.
    pub sender_id: String,
    /// Who the sender was to the workspace.
    pub sender_role: SenderKind,
    /// The text as received.
    pub text: String,
    /// The parsed action, when it was a command.
    pub action: Option<String>,
    /// The order ids it named.
    pub order_ids: Vec<i64>,
    /// Per-order outcomes.
    pub outcomes: Vec<OrderOutcome>,
    /// The reply sent to the customer.
    pub reply: Option<String>,
    /// When it was handled.
    pub created_at: DateTime<Utc>,
}

/// A page of commands.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CommandLogList {
    /// Newest first.
    pub items: Vec<CommandLogEntry>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One request forwarded to a provider group.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct DispatchLogEntry {
    /// Its id.
    pub id: String,
    /// The command it belongs to.
    pub command_id: String,
    /// The outbox message that carries it.
    pub outbox_id: String,
    /// The provider route.
    pub route_id: String,
    /// The channel that sends it, while the message is kept.
    pub channel_id: Option<String>,
    /// The action forwarded.
    pub action: ForwardedAction,
    /// Panel order ids.
    pub order_ids: Vec<i64>,
    /// Provider order ids.
    pub external_ids: Vec<String>,
    /// The provider group.
    pub target_chat_id: String,
    /// The text sent.
    pub text: String,
    /// Where its message is on its way out, while the message is kept.
    pub status: Option<DeliveryStatus>,
    /// When it was planned.
    pub created_at: DateTime<Utc>,
}

/// A page of dispatches.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct DispatchLogList {
    /// Newest first.
    pub items: Vec<DispatchLogEntry>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

fn webhook_view(row: WebhookRecord, secrets: &[String]) -> WebhookLogEntry {
    WebhookLogEntry {
        payload: redact(&row.payload, secrets),
        detail: row.detail.map(|detail| redact(&detail, secrets)),
        id: row.id,
        channel_id: row.channel_id,
        medium: Medium::parse(&row.medium).map(MediumName::from),
        status_code: row.status_code,
        outcome: from_name(&row.outcome).unwrap_or(WebhookOutcome::Failed),
        dedupe_key: row.dedupe_key,
        received_at: at(row.received_at),
    }
}

fn outbound_view(entry: OutboundEntry, secrets: &[String]) -> OutboundLogEntry {
    let row = entry.record;
    OutboundLogEntry {
        response: redact(&row.response, secrets),
        error: row.error.map(|error| redact(&error, secrets)),
        outcome: if row.ok {
            SendOutcome::Ok
        } else {
            SendOutcome::Failed
        },
        id: row.id,
        outbox_id: row.outbox_id,
        channel_id: row.channel_id,
        kind: entry.kind.as_deref().and_then(from_name),
        chat_id: entry.chat_id,
        created_at: at(row.created_at),
    }
}

fn outcome_view(value: serde_json::Value) -> Option<OrderOutcome> {
    Some(OrderOutcome {
        order_id: value.get("order_id")?.as_i64()?,
        action: value.get("action")?.as_str()?.to_string(),
        reason: from_name::<ReasonCode>(value.get("reason")?.as_str()?)?.into(),
        at: value
            .get("at")
            .and_then(|at| serde_json::from_value(at.clone()).ok()),
        detail: value
            .get("detail")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string),
    })
}

/// A command's entry; `None` for a row whose medium or sender role this version does not
/// know (the flow writes none such).
fn command_view(row: CommandRecord) -> Option<CommandLogEntry> {
    let outcomes: Vec<serde_json::Value> = serde_json::from_str(&row.outcomes).unwrap_or_default();
    Some(CommandLogEntry {
        medium: Medium::parse(&row.medium)?.into(),
        sender_role: from_name(&row.sender_role)?,
        order_ids: serde_json::from_str(&row.order_ids).unwrap_or_default(),
        outcomes: outcomes.into_iter().filter_map(outcome_view).collect(),
        id: row.id,
        inbox_event_id: row.inbox_event_id,
        channel_id: row.channel_id,
        chat_id: row.chat_id,
        sender_id: row.sender_id,
        text: row.text,
        action: row.action,
        reply: row.reply,
        created_at: at(row.created_at),
    })
}

/// A dispatch's entry; `None` for a row whose action this version does not know.
fn dispatch_view(entry: DispatchEntry) -> Option<DispatchLogEntry> {
    let row = entry.record;
    Some(DispatchLogEntry {
        action: from_name(&row.action)?,
        status: entry.status.as_deref().and_then(from_name),
        order_ids: serde_json::from_str(&row.order_ids).unwrap_or_default(),
        external_ids: serde_json::from_str(&row.external_ids).unwrap_or_default(),
        id: row.id,
        command_id: row.command_id,
        outbox_id: row.outbox_id,
        route_id: row.route_id,
        channel_id: entry.channel_id,
        target_chat_id: row.target_chat_id,
        text: row.text,
        created_at: at(row.created_at),
    })
}

/// The parts of a log list request every log shares.
struct Request {
    filter: LogFilter,
    page: PageRequest,
    after: Option<TimeKey>,
}

#[allow(clippy::too_many_arguments)]
fn request(
    limit: Option<i64>,
    cursor: Option<&str>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    medium: Option<MediumName>,
    channel_id: Option<&str>,
    chat_id: Option<&str>,
    order_id: Option<i64>,
    outcome: Option<String>,
) -> ApiResult<Request> {
    let page = PageRequest::parse(limit, cursor)?;
    let after = filters::time_key(&page)?;
    let (from, to) = filters::time_range(from, to)?;
    Ok(Request {
        filter: LogFilter {
            from,
            to,
            medium: medium.map(|medium| Medium::from(medium).as_str().to_string()),
            channel_id: filters::channel_id(channel_id)?,
            chat_id: filters::chat_id(chat_id)?,
            order_id: filters::order_id(order_id)?,
            outcome,
        },
        page,
        after,
    })
}

/// The logs.
pub struct LogsApi;

#[OpenApi(tag = "ApiTags::Logs")]
impl LogsApi {
    /// List webhook deliveries to the workspace's channels, newest first.
    #[oai(
        path = "/v1/logs/webhooks",
        method = "get",
        operation_id = "list_webhook_logs"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn webhooks(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Deliveries at or after this RFC 3339 time.
        from: Query<Option<DateTime<Utc>>>,
        /// Deliveries at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
        /// Only this medium.
        medium: Query<Option<MediumName>>,
        /// One channel.
        channel_id: Query<Option<String>>,
        /// Only deliveries with this outcome.
        outcome: Query<Option<WebhookOutcome>>,
    ) -> ApiResult<Json<WebhookLogList>> {
        let outcome = outcome.0.as_ref().map(name_of);
        let request = request(
            limit.0,
            cursor.0.as_deref(),
            from.0,
            to.0,
            medium.0,
            channel_id.0.as_deref(),
            None,
            None,
            outcome,
        )?;
        let workspace = auth.0.workspace_id;
        let rows = state
            .db
            .logs(workspace)
            .webhooks(&request.filter, request.after.as_ref(), request.page.limit)
            .await?;
        let secrets = channel_secrets(&state, workspace).await?;
        Ok(Json(WebhookLogList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows
                .items
                .into_iter()
                .map(|row| webhook_view(row, &secrets))
                .collect(),
        }))
    }

    /// List attempts to send the workspace's messages, newest first.
    #[oai(
        path = "/v1/logs/outbound",
        method = "get",
        operation_id = "list_outbound_logs"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn outbound(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Attempts at or after this RFC 3339 time.
        from: Query<Option<DateTime<Utc>>>,
        /// Attempts at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
        /// Attempts through channels of this medium.
        medium: Query<Option<MediumName>>,
        /// One channel.
        channel_id: Query<Option<String>>,
        /// One destination chat.
        #[oai(validator(min_length = 1, max_length = 200))]
        chat_id: Query<Option<String>>,
        /// Only attempts with this outcome.
        outcome: Query<Option<SendOutcome>>,
    ) -> ApiResult<Json<OutboundLogList>> {
        let outcome = outcome.0.as_ref().map(name_of);
        let request = request(
            limit.0,
            cursor.0.as_deref(),
            from.0,
            to.0,
            medium.0,
            channel_id.0.as_deref(),
            chat_id.0.as_deref(),
            None,
            outcome,
        )?;
        let workspace = auth.0.workspace_id;
        let rows = state
            .db
            .logs(workspace)
            .outbound(&request.filter, request.after.as_ref(), request.page.limit)
            .await?;
        let secrets = channel_secrets(&state, workspace).await?;
        Ok(Json(OutboundLogList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows
                .items
                .into_iter()
                .map(|entry| outbound_view(entry, &secrets))
                .collect(),
        }))
    }

    /// List handled customer messages with their per-order outcomes, newest first.
    #[oai(
        path = "/v1/logs/commands",
        method = "get",
        operation_id = "list_command_logs"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn commands(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Commands at or after this RFC 3339 time.
        from: Query<Option<DateTime<Utc>>>,
        /// Commands at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
        /// Only this medium.
        medium: Query<Option<MediumName>>,
        /// One channel.
        channel_id: Query<Option<String>>,
        /// One chat.
        #[oai(validator(min_length = 1, max_length = 200))]
        chat_id: Query<Option<String>>,
        /// Commands naming this panel order.
        #[oai(validator(minimum(value = "1")))]
        order_id: Query<Option<i64>>,
        /// Commands with an order of this reason.
        outcome: Query<Option<Reason>>,
    ) -> ApiResult<Json<CommandLogList>> {
        let outcome = outcome.0.as_ref().map(name_of);
        let request = request(
            limit.0,
            cursor.0.as_deref(),
            from.0,
            to.0,
            medium.0,
            channel_id.0.as_deref(),
            chat_id.0.as_deref(),
            order_id.0,
            outcome,
        )?;
        let rows = state
            .db
            .logs(auth.0.workspace_id)
            .commands(&request.filter, request.after.as_ref(), request.page.limit)
            .await?;
        Ok(Json(CommandLogList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().filter_map(command_view).collect(),
        }))
    }

    /// List requests forwarded to provider groups, newest first.
    #[oai(
        path = "/v1/logs/dispatches",
        method = "get",
        operation_id = "list_dispatch_logs"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn dispatches(
        &self,
        auth: WorkspaceAuth,
        state: Data<&AppState>,
        /// Items per page, 1-200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<i64>>,
        /// The `next_cursor` of the previous page.
        cursor: Query<Option<String>>,
        /// Dispatches at or after this RFC 3339 time.
        from: Query<Option<DateTime<Utc>>>,
        /// Dispatches at or before this RFC 3339 time.
        to: Query<Option<DateTime<Utc>>>,
        /// Dispatches sent through channels of this medium.
        medium: Query<Option<MediumName>>,
        /// Dispatches sent through this channel.
        channel_id: Query<Option<String>>,
        /// Dispatches to this provider group.
        #[oai(validator(min_length = 1, max_length = 200))]
        chat_id: Query<Option<String>>,
        /// Dispatches carrying this panel order.
        #[oai(validator(minimum(value = "1")))]
        order_id: Query<Option<i64>>,
        /// Only dispatches whose message is in this state.
        outcome: Query<Option<DeliveryStatus>>,
    ) -> ApiResult<Json<DispatchLogList>> {
        let outcome = outcome.0.as_ref().map(name_of);
        let request = request(
            limit.0,
            cursor.0.as_deref(),
            from.0,
            to.0,
            medium.0,
            channel_id.0.as_deref(),
            chat_id.0.as_deref(),
            order_id.0,
            outcome,
        )?;
        let rows = state
            .db
            .logs(auth.0.workspace_id)
            .dispatches(&request.filter, request.after.as_ref(), request.page.limit)
            .await?;
        Ok(Json(DispatchLogList {
            next_cursor: rows.next_after.as_deref().map(encode),
            items: rows.items.into_iter().filter_map(dispatch_view).collect(),
        }))
    }
}
