//! A fake Meta Graph API (WhatsApp Cloud): `POST /{version}/{phone_number_id}/messages` and
//! `GET /{version}/{phone_number_id}`, behind `Authorization: Bearer`; `GET /sent` lists the
//! messages it delivered.

use super::recorder::{Recorder, as_text, parse_body, sent};
use super::{Controls, Fake, json_response};
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{EndpointExt, Request, Response, Route, get, handler, post};
use serde_json::json;

/// The fake Graph API of one phone number. Clones share their state.
#[derive(Clone)]
pub struct Meta {
    phone_number_id: String,
    access_token: String,
    recorder: Recorder,
    controls: Controls,
}

impl Meta {
    /// The phone number `phone_number_id`, reachable with `access_token`.
    pub fn new(phone_number_id: &str, access_token: &str) -> Self {
        Meta {
            phone_number_id: phone_number_id.to_string(),
            access_token: access_token.to_string(),
            recorder: Recorder::default(),
            controls: Controls::default(),
        }
    }

    /// The messages delivered (accepted `messages` calls).
    pub fn sent(&self) -> &Recorder {
        &self.recorder
    }
}

impl Fake for Meta {
    fn name(&self) -> &'static str {
        "meta"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new()
            .at("/sent", get(sent).data(self.recorder.clone()))
            .at("/:version/:phone", get(get_phone).data(self.clone()))
            .at(
                "/:version/:phone/messages",
                post(send_message).data(self.clone()),
            )
    }
}

fn graph_error(status: StatusCode, code: i64, kind: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({"error": {"message": message, "type": kind, "code": code,
            "fbtrace_id": "AbCdEfSandbox"}}),
    )
}

/// `None` when the bearer token and the number are right, otherwise the refusal.
fn refusal(request: &Request, fake: &Meta, phone: &str) -> Option<Response> {
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
fn get_phone(
    request: &Request,
    fake: Data<&Meta>,
    Path((_version, phone)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = refusal(request, &fake, &phone) {
        return refused;
    }
    json_response(
        StatusCode::OK,
        &json!({"id": phone, "display_phone_number": "+1 555-784-0021",
            "verified_name": "Sandbox Demo", "quality_rating": "GREEN"}),
    )
}

#[handler]
fn send_message(
    request: &Request,
    fake: Data<&Meta>,
    Path((_version, phone)): Path<(String, String)>,
    body: Vec<u8>,
) -> Response {
    if let Some(refused) = refusal(request, &fake, &phone) {
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
        &json!({"messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": to}],
            "messages": [{"id": format!("wamid.SANDBOX{number:08}"), "message_status": "accepted"}]}),
    )
}
