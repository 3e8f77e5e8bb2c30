//! The ingress handlers.

use crate::error::{ApiError, ErrorCode};
use crate::services::channels::{ChannelError, OpenChannel};
use crate::state::AppState;
use chrono::Utc;
use panelrelay_adapters::messaging::inbound::{
    self, InboundItem, InboundKind, META_SIGNATURE_HEADER, TELEGRAM_SECRET_HEADER,
};
use panelrelay_adapters::storage::flow::{NewInboxEvent, WebhookRecord, stamp};
use panelrelay_core::ids::ChannelId;
use panelrelay_core::medium::Medium;
use poem::http::header::RETRY_AFTER;
use poem::http::{HeaderValue, StatusCode};
use poem::web::{Data, Path};
use poem::{Body, IntoResponse, Request, Response, handler};
use std::sync::Arc;

/// The largest webhook body accepted.
pub const MAX_WEBHOOK_BYTES: usize = 256 * 1024;

/// A channel's `last_event_at` is refreshed when it is at least this old.
const LAST_EVENT_PRECISION_SECS: i64 = 60;

/// What happened to one delivery, for the webhook log and the answer.
struct Outcome {
    status: StatusCode,
    outcome: &'static str,
    dedupe_key: Option<String>,
    detail: Option<String>,
}

impl Outcome {
    fn new(status: StatusCode, outcome: &'static str, detail: impl Into<Option<String>>) -> Self {
        Outcome {
            status,
            outcome,
            dedupe_key: None,
            detail: detail.into(),
        }
    }
}

/// How long a provider is asked to wait before retrying a delivery we could not store.
const RETRY_AFTER_SECS: &str = "5";

/// The answer to a delivery: an accepted one's outcome in a 200 body, a refused one in the
/// error envelope every route uses (503s with `Retry-After`, so providers retry them).
fn answer(outcome: &Outcome) -> Response {
    if outcome.status.is_success() {
        let body = serde_json::json!({ "ok": true, "outcome": outcome.outcome });
        return (outcome.status, poem::web::Json(body)).into_response();
    }
    let (code, message) = match outcome.outcome {
        "unknown_channel" => (ErrorCode::NotFound, "no channel with this id and medium"),
        "bad_signature" => (
            ErrorCode::Unauthorized,
            "the delivery's signature or token does not match the channel's secret",
        ),
        "malformed" => (ErrorCode::InvalidBody, "the payload could not be parsed"),
        "oversize" => (ErrorCode::PayloadTooLarge, "the payload is too large"),
        _ => (
            ErrorCode::ServiceUnavailable,
            "the delivery could not be stored now; retry shortly",
        ),
    };
    let mut response = ApiError::new(code, message).into_response();
    response.set_status(outcome.status);
    if outcome.status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECS));
    }
    response
}

/// The outcome of a delivery that could not be stored because storage did not answer.
fn unavailable(detail: String) -> Outcome {
    Outcome::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", detail)
}

/// Receives one webhook delivery.
#[handler]
pub async fn receive(
    req: &Request,
    Path((medium, channel_id)): Path<(String, String)>,
    body: Body,
    state: Data<&AppState>,
) -> Response {
    let bytes = body.into_bytes_limit(MAX_WEBHOOK_BYTES).await;
    let (workspace, outcome, payload) = match bytes {
        Err(_) => (
            None,
            Outcome::new(StatusCode::PAYLOAD_TOO_LARGE, "oversize", None),
            "[redacted: too large]".to_string(),
        ),
        Ok(bytes) => {
            let (workspace, outcome) = accept(req, &medium, &channel_id, &bytes, &state).await;
            let payload = if outcome.status.is_success() {
                String::from_utf8_lossy(&bytes[..bytes.len().min(2000)]).into_owned()
            } else {
                format!("[redacted: {} bytes]", bytes.len())
            };
            (workspace, outcome, payload)
        }
    };
    let (id, received_at) = stamp(Utc::now());
    let record = WebhookRecord {
        id,
        workspace_id: workspace,
        channel_id: channel_id.chars().take(64).collect(),
        medium: medium.chars().take(32).collect(),
        status_code: i32::from(outcome.status.as_u16()),
        outcome: outcome.outcome.into(),
        dedupe_key: outcome.dedupe_key.clone(),
        payload,
        detail: outcome.detail.clone(),
        received_at,
    };
    let medium_label = Medium::parse(&medium).map_or("unknown", Medium::as_str);
    state.metrics.webhook(medium_label, outcome.outcome);
    // Queued: written in a batch by the log writer, not awaited before the answer.
    state.webhook_log.record(record).await;
    if outcome.status.is_success() {
        tracing::debug!(outcome = outcome.outcome, "webhook");
    } else {
        tracing::info!(status = outcome.status.as_u16(), outcome = outcome.outcome, detail = ?outcome.detail, "webhook refused");
    }
    answer(&outcome)
}

/// The channel addressed by the URL: `Ok(None)` when no channel has that id and medium,
/// an error when it cannot be read now (never taken for "no such channel": a provider may
/// stop delivering to a URL that answers 404).
async fn channel(
    state: &AppState,
    medium: &str,
    channel_id: &str,
) -> Result<Option<Arc<OpenChannel>>, ChannelError> {
    let (Some(medium), Some(id)) = (Medium::parse(medium), ChannelId::parse(channel_id)) else {
        return Ok(None);
    };
    let channel = state.channel_cache.get(id).await?;
    Ok(channel.filter(|channel| channel.channel.medium == medium))
}

/// Authenticates, parses and stores a delivery. Returns the workspace and the outcome.
async fn accept(
    req: &Request,
    medium: &str,
    channel_id: &str,
    body: &[u8],
    state: &AppState,
) -> (Option<String>, Outcome) {
    let channel = match channel(state, medium, channel_id).await {
        Ok(Some(channel)) => channel,
        Ok(None) => {
            return (
                None,
                Outcome::new(StatusCode::NOT_FOUND, "unknown_channel", None),
            );
        }
        Err(err) => {
            tracing::warn!(error = %err, channel = channel_id, "channel unreadable; delivery refused with 503");
            return (None, unavailable(err.to_string()));
        }
    };
    let workspace = Some(channel.channel.workspace_id.to_string());
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let authenticated = match channel.channel.medium {
        Medium::Telegram => inbound::verify_telegram_secret(
            header(TELEGRAM_SECRET_HEADER),
            channel.secret("webhook_secret"),
        ),
        Medium::WhatsappGreenapi => inbound::verify_greenapi_token(
            header("authorization"),
            channel.secret("webhook_secret"),
        ),
        Medium::WhatsappMeta => inbound::verify_meta_signature(
            body,
            header(META_SIGNATURE_HEADER),
            channel.secret("app_secret"),
        ),
    };
    if let Err(failure) = authenticated {
        return (
            workspace,
            Outcome::new(
                StatusCode::UNAUTHORIZED,
                "bad_signature",
                format!("{failure:?}"),
            ),
        );
    }
    let parsed = match channel.channel.medium {
        Medium::Telegram => inbound::parse_telegram(body),
        Medium::WhatsappGreenapi => inbound::parse_greenapi(body),
        Medium::WhatsappMeta => inbound::parse_meta(body),
    };
    let items = match parsed {
        Ok(items) => items,
        Err(err) => {
            return (
                workspace,
                Outcome::new(StatusCode::BAD_REQUEST, "malformed", err.to_string()),
            );
        }
    };
    if channel.workspace_suspended {
        // Acknowledged, so the provider does not retry, and not stored: a suspended
        // workspace processes nothing, and does not catch up when reactivated.
        return (
            workspace,
            Outcome::new(StatusCode::OK, "workspace_suspended", None),
        );
    }
    let now = Utc::now();
    // `last_event_at` is kept to the minute: one write a minute per channel, not one per
    // delivery (under load that write was a third of the ingress's database work).
    let stale = channel
        .channel
        .last_event_at
        .is_none_or(|at| now - at >= chrono::Duration::seconds(LAST_EVENT_PRECISION_SECS));
    if stale {
        match state.db.touch_channel(channel.channel.id, now).await {
            // Read again, so that the next delivery sees the new time and does not touch.
            Ok(()) => state.channel_cache.forget(channel.channel.id),
            Err(err) => tracing::warn!(error = %err, "channel touch failed"),
        }
    }
    let mut outcome = Outcome::new(StatusCode::OK, "ignored", None);
    for item in items {
        let item_outcome = store(state, &channel, item).await;
        // The most significant outcome of the delivery is the one logged.
        if rank(item_outcome.outcome) >= rank(outcome.outcome) {
            outcome = item_outcome;
        }
    }
    if outcome.outcome == "accepted" {
        state.wake.notify_waiters();
    }
    (workspace, outcome)
}

fn rank(outcome: &str) -> u8 {
    match outcome {
        "accepted" => 5,
        "duplicate" => 4,
        "unavailable" => 6,
        "echo" | "status" => 2,
        _ => 1,
    }
}

/// Stores one normalised item: messages into the inbox (once), the rest only logged.
async fn store(state: &AppState, channel: &OpenChannel, item: InboundItem) -> Outcome {
    let expected_account = match channel.channel.medium {
        Medium::WhatsappGreenapi => channel.settings.get("id_instance"),
        Medium::WhatsappMeta => channel.settings.get("phone_number_id"),
        Medium::Telegram => None,
    };
    if let (Some(expected), Some(account)) = (expected_account, &item.account) {
        if expected != account {
            return Outcome::new(
                StatusCode::OK,
                "ignored",
                format!("addressed to account {account}, not this channel"),
            );
        }
    }
    let key = item.dedupe_key;
    let mut outcome = match item.kind {
        InboundKind::Echo { .. } => Outcome::new(StatusCode::OK, "echo", None),
        InboundKind::Status { status, .. } => Outcome::new(StatusCode::OK, "status", status),
        InboundKind::Ignored { reason } => Outcome::new(StatusCode::OK, "ignored", reason),
        InboundKind::Message(message) => {
            // The inbox's unique (channel, dedupe key) is the only dedupe: a delivery is
            // called a duplicate only when its event has committed, so a crash or a
            // cancelled request never turns the provider's retry into a dropped delivery.
            let event = NewInboxEvent {
                workspace_id: channel.channel.workspace_id.to_string(),
                channel_id: channel.channel.id.to_string(),
                dedupe_key: key.clone(),
                medium: channel.channel.medium.as_str().into(),
                chat_id: message.chat_id,
                sender_id: message.sender_id,
                text: message.text.replace('\0', ""),
                is_group: message.is_group,
                topic_id: message.topic_id,
            };
            match state.inbox.insert(event).await {
                Ok(true) => Outcome::new(StatusCode::OK, "accepted", None),
                Ok(false) => Outcome::new(StatusCode::OK, "duplicate", None),
                Err(err) => {
                    // Not stored: the provider retries the 503.
                    tracing::warn!(error = %err, "inbox write failed; delivery refused with 503");
                    unavailable("inbox unavailable".to_string())
                }
            }
        }
    };
    outcome.dedupe_key = Some(key);
    outcome
}

/// Meta's verification handshake: echoes `hub.challenge` when `hub.verify_token` matches;
/// refusals come in the error envelope.
#[handler]
pub async fn verify(
    req: &Request,
    Path((medium, channel_id)): Path<(String, String)>,
    state: Data<&AppState>,
) -> Response {
    let channel = match channel(&state, &medium, &channel_id).await {
        Ok(Some(channel)) => channel,
        Ok(None) => {
            return ApiError::new(ErrorCode::NotFound, "no channel with this id and medium")
                .into_response();
        }
        Err(err) => {
            tracing::warn!(error = %err, "channel unreadable; verification answered 503");
            return ApiError::new(ErrorCode::ServiceUnavailable, "retry shortly").into_response();
        }
    };
    if channel.channel.medium != Medium::WhatsappMeta {
        return ApiError::new(
            ErrorCode::MethodNotAllowed,
            "only Meta channels verify by GET",
        )
        .into_response();
    }
    match inbound::meta_challenge(
        req.uri().query().unwrap_or(""),
        channel.secret("verify_token"),
    ) {
        Ok(challenge) => challenge.with_content_type("text/plain").into_response(),
        Err(failure) => {
            tracing::info!(?failure, "meta verification refused");
            ApiError::new(ErrorCode::Forbidden, "verification failed").into_response()
        }
    }
}
