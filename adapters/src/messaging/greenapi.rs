//! Green API (WhatsApp through a linked phone): `sendMessage`, and the channel check
//! `getStateInstance` + `setSettings` (reference §A). The instance token is in every URL
//! path (`{api_url}/waInstance{id}/{method}/{token}`), so it is redacted from every
//! provider text kept.

use super::http::{HttpClient, Reply};
use super::redact::{REASON_LIMIT, excerpt, response_excerpt};
use super::validation::ValidationReport;
use async_trait::async_trait;
use panelrelay_core::ports::messenger::{Messenger, OutboundText, SendError, Sent};
use reqwest::Method;
use serde_json::{Value, json};

/// The universal API host; each instance also has its own, faster host (e.g.
/// `https://7105.api.greenapi.com`), shown in the Green API console.
pub const GREENAPI_API_URL: &str = "https://api.green-api.com";

/// Where and how Green API should deliver an instance's notifications.
#[derive(Clone)]
pub struct GreenApiWebhook {
    /// Our ingress URL for this channel.
    pub url: String,
    /// Sent back as `Authorization: Bearer <token>` (`webhookUrlToken`).
    pub token: String,
}

impl std::fmt::Debug for GreenApiWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GreenApiWebhook")
            .field("url", &self.url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// One Green API instance (a linked WhatsApp phone).
#[derive(Clone)]
pub struct GreenApi {
    http: HttpClient,
    api_url: String,
    id_instance: u64,
    api_token: String,
}

impl std::fmt::Debug for GreenApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GreenApi")
            .field("api_url", &self.api_url)
            .field("id_instance", &self.id_instance)
            .field("api_token", &"<redacted>")
            .finish()
    }
}

impl GreenApi {
    /// The instance `id_instance` with `api_token` (`apiTokenInstance`), on the host
    /// `api_url` (the instance's own host, [`GREENAPI_API_URL`] or a fake).
    pub fn new(http: HttpClient, api_url: &str, id_instance: u64, api_token: &str) -> Self {
        GreenApi {
            http,
            api_url: api_url.trim_end_matches('/').to_string(),
            id_instance,
            api_token: api_token.to_string(),
        }
    }

    /// Checks that the instance is `authorized` (`getStateInstance`), then points its
    /// notifications at `webhook` (`setSettings`): incoming messages, outgoing statuses and
    /// state changes on; echoes of our own and phone-sent messages and calls off.
    pub async fn validate(&self, webhook: &GreenApiWebhook) -> ValidationReport {
        self.check(webhook)
            .await
            .redacted(&[&self.api_token, &webhook.token])
    }

    /// [`GreenApi::validate`] before redaction.
    async fn check(&self, webhook: &GreenApiWebhook) -> ValidationReport {
        let state = match self.call("getStateInstance", Method::GET, None).await {
            Ok((state, _)) => state,
            Err(err) => return ValidationReport::from_error("getStateInstance", &err),
        };
        let state = state["stateInstance"].as_str().unwrap_or("unknown");
        if state != "authorized" {
            return ValidationReport::failed(
                "instance_not_authorized",
                format!(
                    "instance {} is `{state}`, not `authorized`: {}",
                    self.id_instance,
                    state_advice(state)
                ),
            );
        }
        let settings = json!({
            "webhookUrl": webhook.url,
            "webhookUrlToken": webhook.token,
            "incomingWebhook": "yes",
            "outgoingWebhook": "yes",
            "stateWebhook": "yes",
            "outgoingMessageWebhook": "no",
            "outgoingAPIMessageWebhook": "no",
            "incomingCallWebhook": "no",
        });
        match self
            .call("setSettings", Method::POST, Some(&settings))
            .await
        {
            Ok((saved, _)) if saved["saveSettings"] == true => ValidationReport::passed(format!(
                "instance {} is authorized; webhook set (the instance reboots and applies \
                 its settings within 5 minutes)",
                self.id_instance
            )),
            Ok(_) => ValidationReport::failed(
                "provider_error",
                "setSettings did not confirm the settings were saved".into(),
            ),
            Err(err) => ValidationReport::from_error("setSettings", &err),
        }
    }

    /// Calls an API method; returns its JSON answer and the redacted response body.
    async fn call(
        &self,
        method: &str,
        verb: Method,
        body: Option<&Value>,
    ) -> Result<(Value, String), SendError> {
        let url = format!(
            "{}/waInstance{}/{method}/{}",
            self.api_url, self.id_instance, self.api_token
        );
        let operation = format!("greenapi {method}");
        let reply = self.http.call(&operation, verb, &url, None, body).await?;
        let secrets = [self.api_token.as_str()];
        if reply.status != 200 {
            return Err(classify(&reply, &secrets));
        }
        let answer = serde_json::from_slice(&reply.body)
            .map_err(|err| SendError::Decode(format!("not JSON: {err}")))?;
        Ok((answer, response_excerpt(&reply.body, &secrets)))
    }
}

#[async_trait]
impl Messenger for GreenApi {
    async fn send_text(&self, msg: &OutboundText) -> Result<Sent, SendError> {
        let body = json!({"chatId": msg.chat_id, "message": msg.text});
        let (answer, response) = self.call("sendMessage", Method::POST, Some(&body)).await?;
        match answer["idMessage"].as_str() {
            Some(id) => Ok(Sent {
                provider_message_id: Some(id.to_string()),
                response,
            }),
            None => Err(SendError::Decode(
                "sendMessage answered without idMessage".into(),
            )),
        }
    }
}

/// Maps a non-200 answer (reference §A.10). Its text is the body, or the body's `message`
/// when it is JSON.
fn classify(reply: &Reply, secrets: &[&str]) -> SendError {
    let body = String::from_utf8_lossy(&reply.body);
    let message = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|answer| answer["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| body.into_owned());
    let text = excerpt(&message, secrets, REASON_LIMIT);
    let lowered = text.to_ascii_lowercase();
    match reply.status {
        429 => SendError::RateLimited {
            retry_after: reply.retry_after,
        },
        466 => quota_exceeded(&reply.body, secrets),
        401 | 403 => SendError::AuthFailed,
        // Rebooting (up to 5 minutes): unavailable for now, retried later.
        400 if lowered.contains("starting process") => SendError::Unreachable,
        // The phone must be linked again (QR code) before anything is sent.
        400 if lowered.contains("not authorized") => SendError::AuthFailed,
        // We hung up first.
        499 => SendError::Timeout,
        status if status >= 500 => SendError::Http(status),
        status if status >= 400 => SendError::Rejected {
            code: Some(status.to_string()),
            reason: text,
        },
        status => SendError::Http(status),
    }
}

/// The 466 answer: the free plan's monthly method quota or its 3-chats-a-month limit. The
/// code is the exceeded quota's status (`CORRESPONDENTS_QUOTE_EXCEEDED`, `QUOTE_EXCEEDED`).
fn quota_exceeded(body: &[u8], secrets: &[&str]) -> SendError {
    let answer: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let exceeded = ["correspondentsStatus", "invokeStatus"]
        .iter()
        .map(|key| &answer[key])
        .find(|quota| {
            quota["status"]
                .as_str()
                .is_some_and(|s| s.ends_with("EXCEEDED"))
        });
    let code = exceeded
        .and_then(|quota| quota["status"].as_str())
        .unwrap_or("466");
    let reason = exceeded
        .and_then(|quota| quota["description"].as_str())
        .unwrap_or("the Green API plan's monthly quota is exceeded");
    SendError::Rejected {
        code: Some(code.to_string()),
        reason: excerpt(reason, secrets, REASON_LIMIT),
    }
}

/// What to do about an instance that is not authorized (reference §A.8).
fn state_advice(state: &str) -> &'static str {
    match state {
        "notAuthorized" => "link the phone again by scanning the QR code in the Green API console",
        "blocked" => "WhatsApp banned the number",
        "starting" => "the instance is rebooting; try again in a few minutes",
        "yellowCard" => "WhatsApp suspended sending for spam; reboot the instance later",
        _ => "check the instance in the Green API console",
    }
}
