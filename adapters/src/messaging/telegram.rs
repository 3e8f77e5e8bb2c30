//! Telegram Bot API: `sendMessage`, and the channel check `getMe` + `setWebhook` +
//! `getWebhookInfo` (reference §C). The bot token is in every URL path
//! (`{api_url}/bot{token}/{method}`), so it is redacted from every provider text kept.

use super::http::{HttpClient, Reply};
use super::redact::{REASON_LIMIT, excerpt, response_excerpt};
use super::validation::ValidationReport;
use async_trait::async_trait;
use panelrelay_core::ports::messenger::{Messenger, OutboundText, SendError, Sent};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

/// The public Bot API server.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org";

/// The updates a bot's webhook subscribes to: messages and their edits, channel posts, and
/// the bot's own membership changes (added to or removed from a group, blocked).
pub const TELEGRAM_ALLOWED_UPDATES: [&str; 4] = [
    "message",
    "edited_message",
    "channel_post",
    "my_chat_member",
];

/// Where and how Telegram should deliver a bot's updates.
#[derive(Clone)]
pub struct TelegramWebhook {
    /// Our ingress URL for this channel (HTTPS for the real Bot API).
    pub url: String,
    /// Sent back as `X-Telegram-Bot-Api-Secret-Token`: 1–256 of `A-Z a-z 0-9 _ -`.
    pub secret_token: String,
}

impl std::fmt::Debug for TelegramWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramWebhook")
            .field("url", &self.url)
            .field("secret_token", &"<redacted>")
            .finish()
    }
}

/// One Telegram bot.
#[derive(Clone)]
pub struct TelegramBot {
    http: HttpClient,
    api_url: String,
    token: String,
}

impl std::fmt::Debug for TelegramBot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramBot")
            .field("api_url", &self.api_url)
            .field("token", &"<redacted>")
            .finish()
    }
}

impl TelegramBot {
    /// The bot with `token`, on the Bot API server at `api_url` ([`TELEGRAM_API_URL`] or a
    /// fake).
    pub fn new(http: HttpClient, api_url: &str, token: &str) -> Self {
        TelegramBot {
            http,
            api_url: api_url.trim_end_matches('/').to_string(),
            token: token.to_string(),
        }
    }

    /// Checks the token (`getMe`), points the bot's webhook at `webhook` (`setWebhook`) and
    /// reads it back (`getWebhookInfo`). Privacy mode on is reported, not failed.
    pub async fn validate(&self, webhook: &TelegramWebhook) -> ValidationReport {
        self.check(webhook)
            .await
            .redacted(&[&self.token, &webhook.secret_token])
    }

    /// [`TelegramBot::validate`] before redaction.
    async fn check(&self, webhook: &TelegramWebhook) -> ValidationReport {
        if !is_valid_secret_token(&webhook.secret_token) {
            return ValidationReport::failed(
                "invalid_config",
                "the webhook secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -".into(),
            );
        }
        let me = match self.call("getMe", None).await {
            Ok((me, _)) => me,
            Err(err) => return ValidationReport::from_error("getMe", &err),
        };
        let username = me["username"].as_str().map(str::to_owned);
        let reads_all = me["can_read_all_group_messages"].as_bool();
        let hook = json!({
            "url": webhook.url,
            "secret_token": webhook.secret_token,
            "allowed_updates": TELEGRAM_ALLOWED_UPDATES,
        });
        if let Err(err) = self.call("setWebhook", Some(&hook)).await {
            return with_bot(
                ValidationReport::from_error("setWebhook", &err),
                username,
                reads_all,
            );
        }
        let info = match self.call("getWebhookInfo", None).await {
            Ok((info, _)) => info,
            Err(err) => {
                return with_bot(
                    ValidationReport::from_error("getWebhookInfo", &err),
                    username,
                    reads_all,
                );
            }
        };
        let name = username.as_deref().unwrap_or("?");
        let report = if info["url"].as_str() == Some(webhook.url.as_str()) {
            ValidationReport::passed(describe_webhook(name, &info, reads_all))
        } else {
            ValidationReport::failed(
                "webhook_mismatch",
                format!("bot @{name}: getWebhookInfo reports another webhook URL than the one set"),
            )
        };
        with_bot(report, username, reads_all)
    }

    /// Calls a Bot API method; returns its `result` and the redacted response body.
    async fn call(&self, method: &str, body: Option<&Value>) -> Result<(Value, String), SendError> {
        let url = format!("{}/bot{}/{method}", self.api_url, self.token);
        let operation = format!("telegram {method}");
        let reply = self
            .http
            .call(&operation, Method::POST, &url, None, body)
            .await?;
        let secrets = [self.token.as_str()];
        let envelope: Option<Value> = serde_json::from_slice(&reply.body).ok();
        match envelope {
            Some(envelope) if reply.status == 200 && envelope["ok"] == true => Ok((
                envelope["result"].clone(),
                response_excerpt(&reply.body, &secrets),
            )),
            envelope => Err(classify(&reply, envelope.as_ref(), &secrets)),
        }
    }
}

#[async_trait]
impl Messenger for TelegramBot {
    async fn send_text(&self, msg: &OutboundText) -> Result<Sent, SendError> {
        // Numeric ids go as integers, `@channelusername` as a string.
        let chat_id = match msg.chat_id.parse::<i64>() {
            Ok(id) => json!(id),
            Err(_) => json!(msg.chat_id),
        };
        let mut body = json!({"chat_id": chat_id, "text": msg.text});
        if let Some(topic) = msg.topic_id {
            body["message_thread_id"] = json!(topic);
        }
        let (message, response) = self.call("sendMessage", Some(&body)).await?;
        Ok(Sent {
            provider_message_id: message["message_id"].as_i64().map(|id| id.to_string()),
            response,
        })
    }
}

/// Maps a failed Bot API call: `{"ok":false,"error_code","description","parameters"}`.
/// Branches on the HTTP status and `parameters`, as the reference advises (§C.7).
fn classify(reply: &Reply, envelope: Option<&Value>, secrets: &[&str]) -> SendError {
    let parameters = envelope.map(|envelope| &envelope["parameters"]);
    if let Some(new_chat) = parameters.and_then(|p| p["migrate_to_chat_id"].as_i64()) {
        return SendError::ChatMigrated {
            new_chat_id: new_chat.to_string(),
        };
    }
    let retry_after = parameters.and_then(|p| p["retry_after"].as_u64());
    if reply.status == 429 || retry_after.is_some() {
        return SendError::RateLimited {
            retry_after: retry_after.map(Duration::from_secs).or(reply.retry_after),
        };
    }
    match reply.status {
        // 404 is what the Bot API answers for a malformed token.
        401 | 404 => SendError::AuthFailed,
        status if status >= 500 => SendError::Http(status),
        status if status >= 400 => {
            let description = envelope
                .and_then(|envelope| envelope["description"].as_str())
                .map(str::to_owned)
                .unwrap_or_else(|| String::from_utf8_lossy(&reply.body).into_owned());
            SendError::Rejected {
                code: Some(status.to_string()),
                reason: excerpt(&description, secrets, REASON_LIMIT),
            }
        }
        200 => SendError::Decode("not a Bot API answer".into()),
        status => SendError::Http(status),
    }
}

/// Whether `token` fits Telegram's `secret_token` rules.
fn is_valid_secret_token(token: &str) -> bool {
    (1..=256).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The passed check's detail: bot, pending updates, last delivery error, privacy mode.
fn describe_webhook(name: &str, info: &Value, reads_all: Option<bool>) -> String {
    let pending = info["pending_update_count"].as_u64().unwrap_or(0);
    let mut detail = format!("bot @{name}: webhook set, {pending} pending update(s)");
    if let Some(error) = info["last_error_message"].as_str() {
        detail.push_str(&format!("; last delivery error: {error}"));
    }
    if reads_all == Some(false) {
        detail.push_str(
            "; privacy mode is on: in groups the bot only sees commands, replies and \
             mentions (turn it off with @BotFather /setprivacy, then re-add the bot)",
        );
    }
    detail
}

/// `report` with the bot's identity.
fn with_bot(
    report: ValidationReport,
    username: Option<String>,
    reads_all: Option<bool>,
) -> ValidationReport {
    ValidationReport {
        bot_username: username,
        can_read_all_group_messages: reads_all,
        ..report
    }
}
