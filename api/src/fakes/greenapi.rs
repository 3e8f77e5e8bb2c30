//! A fake Green API (WhatsApp): `/waInstance{id}/{method}/{token}` for `getStateInstance`,
//! `setSettings` and `sendMessage`; `GET /sent` lists the messages it delivered.

use super::recorder::{Recorder, as_text, parse_body, sent};
use super::{Controls, Fake, json_response};
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{EndpointExt, Response, Route, get, handler};
use serde_json::json;

/// The fake Green API of one instance. Clones share their state.
#[derive(Clone)]
pub struct GreenApi {
    instance: String,
    token: String,
    recorder: Recorder,
    controls: Controls,
}

impl GreenApi {
    /// The instance `id_instance` with its API token.
    pub fn new(id_instance: &str, api_token: &str) -> Self {
        GreenApi {
            instance: format!("waInstance{id_instance}"),
            token: api_token.to_string(),
            recorder: Recorder::default(),
            controls: Controls::default(),
        }
    }

    /// The messages delivered (accepted `sendMessage` calls).
    pub fn sent(&self) -> &Recorder {
        &self.recorder
    }
}

impl Fake for GreenApi {
    fn name(&self) -> &'static str {
        "green api"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new()
            .at("/sent", get(sent).data(self.recorder.clone()))
            .at(
                "/:instance/:method/:token",
                get(call).post(call).data(self.clone()),
            )
    }
}

#[handler]
fn call(
    fake: Data<&GreenApi>,
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
        "getStateInstance" => {
            json_response(StatusCode::OK, &json!({"stateInstance": "authorized"}))
        }
        "setSettings" => json_response(StatusCode::OK, &json!({"saveSettings": true})),
        "sendMessage" => {
            let (chat, text) = (&body["chatId"], &body["message"]);
            if !chat.is_string() || !text.is_string() {
                return json_response(
                    StatusCode::BAD_REQUEST,
                    &json!({"message": "Validation failed. Details: 'chatId' and 'message' are required"}),
                );
            }
            let number = fake.recorder.record(&as_text(chat), &as_text(text), &body);
            json_response(
                StatusCode::OK,
                &json!({"idMessage": format!("BAE5F4886F0B{number:04X}")}),
            )
        }
        _ => Response::builder().status(StatusCode::NOT_FOUND).body(""),
    }
}
