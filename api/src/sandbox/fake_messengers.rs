//! Fake Telegram Bot API, Green API and Meta Graph API servers. They answer like the real
//! ones (shapes from the providers' documentation), check the channel's credentials, and
//! record every message sent through them; `GET /sent` on each lists what they recorded.

use super::seed::DemoSecrets;
use chrono::Utc;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{EndpointExt, Request, Response, Route, get, handler};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The messages a fake received, oldest first. Cheap to clone; clones share the list.
#[derive(Clone, Default)]
pub struct Recorder {
    messages: Arc<Mutex<Vec<Value>>>,
    counter: Arc<AtomicU64>,
}

impl Recorder {
    /// Records a sent message: recipient, text and the whole request body.
    fn record(&self, chat_id: &str, text: &str, body: &Value) -> u64 {
        let number = self.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let entry = json!({"chat_id": chat_id, "text": text, "at": Utc::now().to_rfc3339(), "request": body});
        self.lock().push(entry);
        number
    }

    /// How many messages were recorded.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every recorded message: `{"chat_id", "text", "at", "request"}`.
    pub fn messages(&self) -> Vec<Value> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Value>> {
        self.messages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn json_response(status: StatusCode, body: Value) -> Response {
    Response::builder()
        .status(status)
        .content_type("application/json")
        .body(body.to_string())
}

fn parse_body(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

/// A JSON value as text: strings as they are, numbers in decimal.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[handler]
fn sent(recorder: Data<&Recorder>) -> Response {
    json_response(StatusCode::OK, Value::Array(recorder.messages()))
}

/// The fake Telegram Bot API: `POST /bot{token}/{method}`.
struct FakeTelegram {
    token: String,
    recorder: Recorder,
    webhook: Mutex<Option<Value>>,
}

/// The Telegram routes, recording into `recorder`.
pub fn telegram(secrets: &DemoSecrets, recorder: Recorder) -> impl poem::Endpoint + 'static {
    let fake = Arc::new(FakeTelegram {
        token: secrets.bot_token.clone(),
        recorder: recorder.clone(),
        webhook: Mutex::new(None),
    });
    Route::new()
        .at("/sent", get(sent))
        .at("/:bot/:method", get(telegram_call).post(telegram_call))
        .data(fake)
        .data(recorder)
}

fn telegram_error(status: StatusCode, description: &str) -> Response {
    json_response(
        status,
        json!({"ok": false, "error_code": status.as_u16(), "description": description}),
    )
}

#[handler]
fn telegram_call(
    fake: Data<&Arc<FakeTelegram>>,
    Path((bot, method)): Path<(String, String)>,
    body: Vec<u8>,
) -> Response {
    if bot.strip_prefix("bot") != Some(fake.token.as_str()) {
        return telegram_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let body = parse_body(&body);
    let ok = |result: Value| json_response(StatusCode::OK, json!({"ok": true, "result": result}));
    let bot_user = json!({"id": 7345678901_u64, "is_bot": true, "first_name": "Sandbox Support",
        "username": "panelrelay_sandbox_bot"});
    match method.as_str() {
        "getMe" => {
            let mut me = bot_user;
            me["can_join_groups"] = json!(true);
            me["can_read_all_group_messages"] = json!(true);
            me["supports_inline_queries"] = json!(false);
            ok(me)
        }
        "setWebhook" => {
            *fake
                .webhook
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(body);
            json_response(
                StatusCode::OK,
                json!({"ok": true, "result": true, "description": "Webhook was set"}),
            )
        }
        "getWebhookInfo" => {
            let hook = fake
                .webhook
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
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

/// The fake Green API: `/waInstance{id}/{method}/{token}`.
struct FakeGreenApi {
    instance: String,
    token: String,
    recorder: Recorder,
}

/// The Green API routes, recording into `recorder`.
pub fn greenapi(secrets: &DemoSecrets, recorder: Recorder) -> impl poem::Endpoint + 'static {
    let fake = Arc::new(FakeGreenApi {
        instance: format!("waInstance{}", secrets.id_instance),
        token: secrets.api_token.clone(),
        recorder: recorder.clone(),
    });
    Route::new()
        .at("/sent", get(sent))
        .at(
            "/:instance/:method/:token",
            get(greenapi_call).post(greenapi_call),
        )
        .data(fake)
        .data(recorder)
}

#[handler]
fn greenapi_call(
    fake: Data<&Arc<FakeGreenApi>>,
    Path((instance, method, token)): Path<(String, String, String)>,
    body: Vec<u8>,
) -> Response {
    if instance != fake.instance || token != fake.token {
        return Response::builder()
            .status(StatusCode::UNAUTHORIZED)
            .body("Unauthorized");
    }
    let body = parse_body(&body);
    match method.as_str() {
        "getStateInstance" => json_response(StatusCode::OK, json!({"stateInstance": "authorized"})),
        "setSettings" => json_response(StatusCode::OK, json!({"saveSettings": true})),
        "sendMessage" => {
            let (chat, text) = (&body["chatId"], &body["message"]);
            if !chat.is_string() || !text.is_string() {
                return json_response(
                    StatusCode::BAD_REQUEST,
                    json!({"message": "Validation failed. Details: 'chatId' and 'message' are required"}),
                );
            }
            let number = fake.recorder.record(&as_text(chat), &as_text(text), &body);
            json_response(
                StatusCode::OK,
                json!({"idMessage": format!("BAE5F4886F0B{number:04X}")}),
            )
        }
        _ => Response::builder().status(StatusCode::NOT_FOUND).body(""),
    }
}

/// The fake Meta Graph API: `POST /{version}/{phone_number_id}/messages` and
/// `GET /{version}/{phone_number_id}`.
struct FakeMeta {
    phone_number_id: String,
    access_token: String,
    recorder: Recorder,
}

/// The Meta routes, recording into `recorder`.
pub fn meta(secrets: &DemoSecrets, recorder: Recorder) -> impl poem::Endpoint + 'static {
    let fake = Arc::new(FakeMeta {
        phone_number_id: secrets.phone_number_id.clone(),
        access_token: secrets.access_token.clone(),
        recorder: recorder.clone(),
    });
    Route::new()
        .at("/sent", get(sent))
        .at("/:version/:phone", get(meta_phone))
        .at("/:version/:phone/messages", poem::post(meta_messages))
        .data(fake)
        .data(recorder)
}

fn graph_error(status: StatusCode, code: i64, kind: &str, message: &str) -> Response {
    json_response(
        status,
        json!({"error": {"message": message, "type": kind, "code": code,
            "fbtrace_id": "AbCdEfSandbox"}}),
    )
}

/// `None` when the bearer token and the number are right, otherwise the refusal.
fn meta_refusal(request: &Request, fake: &FakeMeta, phone: &str) -> Option<Response> {
    let bearer = request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "));
    if bearer != Some(fake.access_token.as_str()) {
        return Some(graph_error(
            StatusCode::UNAUTHORIZED,
            190,
            "OAuthException",
            "Invalid OAuth access token - Cannot parse access token",
        ));
    }
    (phone != fake.phone_number_id).then(|| {
        graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "GraphMethodException",
            "Unsupported request - object does not exist",
        )
    })
}

#[handler]
fn meta_phone(
    request: &Request,
    fake: Data<&Arc<FakeMeta>>,
    Path((_version, phone)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = meta_refusal(request, &fake, &phone) {
        return refused;
    }
    json_response(
        StatusCode::OK,
        json!({"id": phone, "display_phone_number": "+1 555-784-0021",
            "verified_name": "Sandbox Demo", "quality_rating": "GREEN"}),
    )
}

#[handler]
fn meta_messages(
    request: &Request,
    fake: Data<&Arc<FakeMeta>>,
    Path((_version, phone)): Path<(String, String)>,
    body: Vec<u8>,
) -> Response {
    if let Some(refused) = meta_refusal(request, &fake, &phone) {
        return refused;
    }
    let body = parse_body(&body);
    let to = body.get("to").or_else(|| body.get("recipient"));
    let text = &body["text"]["body"];
    let (Some(to), true) = (to, text.is_string()) else {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) Invalid parameter",
        );
    };
    let number = fake.recorder.record(&as_text(to), &as_text(text), &body);
    json_response(
        StatusCode::OK,
        json!({"messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": to}],
            "messages": [{"id": format!("wamid.SANDBOX{number:08}"), "message_status": "accepted"}]}),
    )
}
