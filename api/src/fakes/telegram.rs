//! A fake Telegram Bot API: `POST /bot{token}/{method}` for `getMe`, `setWebhook`,
//! `getWebhookInfo` and `sendMessage`, answering in the API's `{"ok", "result"}` shape;
//! `GET /sent` lists the messages it delivered.

use super::recorder::{Recorder, as_text, parse_body, sent};
use super::{Controls, Fake, json_response};
use chrono::Utc;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{EndpointExt, Response, Route, get, handler};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, PoisonError};

/// The fake Telegram Bot API of one bot. Clones share their state.
#[derive(Clone)]
pub struct Telegram {
    token: String,
    username: String,
    webhook: Arc<Mutex<Option<Value>>>,
    recorder: Recorder,
    controls: Controls,
}

impl Telegram {
    /// A bot with this token, named `panelrelay_sandbox_bot`.
    pub fn new(token: &str) -> Self {
        Telegram {
            token: token.to_string(),
            username: "panelrelay_sandbox_bot".into(),
            webhook: Arc::default(),
            recorder: Recorder::default(),
            controls: Controls::default(),
        }
    }

    /// The bot's username, as `getMe` shows it.
    pub fn with_username(mut self, username: &str) -> Self {
        self.username = username.to_string();
        self
    }

    /// The messages delivered (accepted `sendMessage` calls).
    pub fn sent(&self) -> &Recorder {
        &self.recorder
    }

    /// The (chat id, text) of every `sendMessage` request received, refused ones included,
    /// in arrival order.
    pub fn send_requests(&self) -> Vec<(String, String)> {
        self.controls
            .requests_to("/sendMessage")
            .iter()
            .map(|r| {
                let body = r.json();
                (as_text(&body["chat_id"]), as_text(&body["text"]))
            })
            .collect()
    }
}

impl Fake for Telegram {
    fn name(&self) -> &'static str {
        "telegram"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new()
            .at("/sent", get(sent).data(self.recorder.clone()))
            .at("/:bot/:method", get(call).post(call).data(self.clone()))
    }
}

fn telegram_error(status: StatusCode, description: &str) -> Response {
    json_response(
        status,
        &json!({"ok": false, "error_code": status.as_u16(), "description": description}),
    )
}

#[handler]
fn call(
    fake: Data<&Telegram>,
    Path((bot, method)): Path<(String, String)>,
    body: Vec<u8>,
) -> Response {
    if bot.strip_prefix("bot") != Some(fake.token.as_str()) {
        return telegram_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let body = parse_body(&body);
    let ok = |result: Value| json_response(StatusCode::OK, &json!({"ok": true, "result": result}));
    let bot_user = json!({"id": 7345678901_u64, "is_bot": true, "first_name": "Sandbox Support",
        "username": fake.username});
    match method.as_str() {
        "getMe" => {
            let mut me = bot_user;
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(true);
            me["supports_inline_queries"] = json!(false);
            ok(me)
        }
        "setWebhook" => {
            *fake.webhook.lock().unwrap_or_else(PoisonError::into_inner) = Some(body);
            json_response(
                StatusCode::OK,
                &json!({"ok": true, "result": true, "description": "Webhook was set"}),
            )
        }
        "getWebhookInfo" => {
            let hook = fake
                .webhook
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
                .unwrap_or(Value::Null);
            ok(
                json!({"url": as_text(&hook["url"]), "has_custom_certificate": false,
                "pending_update_count": 0, "max_connections": 40,
                "allowed_updates": hook["allowed_updates"]}),
            )
        }
        "sendMessage" => {
            let (chat, text) = (&body["chat_id"], &body["text"]);
            if chat.is_null() || !text.is_string() {
                return telegram_error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: message text is empty",
                );
            }
            let number = fake.recorder.record(&as_text(chat), &as_text(text), &body);
            let chat_type = if as_text(chat).starts_with('-') {
                "supergroup"
            } else {
                "private"
            };
            let mut message = json!({"message_id": 1000 + number, "from": bot_user,
                "chat": {"id": chat, "type": chat_type}, "date": Utc::now().timestamp(),
                "text": text});
            if let Some(topic) = body.get("message_thread_id") {
                message["message_thread_id"] = topic.clone();
                message["is_topic_message"] = json!(true);
            }
            ok(message)
        }
        _ => telegram_error(StatusCode::NOT_FOUND, "Not Found"),
    }
}
