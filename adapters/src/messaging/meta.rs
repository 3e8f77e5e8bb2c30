//! Meta WhatsApp Cloud API: text messages through the Graph API
//! (`POST /{version}/{phone_number_id}/messages`), and the channel check
//! `GET /{version}/{phone_number_id}` (reference §B). The access token travels as a Bearer
//! header; it is redacted from every provider text kept all the same.

use super::http::{HttpClient, Reply};
use super::redact::{REASON_LIMIT, excerpt, response_excerpt};
use super::validation::ValidationReport;
use async_trait::async_trait;
use panelrelay_core::ports::messenger::{Messenger, OutboundText, SendError, Sent};
use reqwest::Method;
use serde_json::{Value, json};

/// The Graph API host.
pub const META_GRAPH_URL: &str = "https://graph.facebook.com";
/// The pinned Graph API version.
pub const META_GRAPH_VERSION: &str = "v26.0";

/// Error codes meaning "slow down" (reference §B.7): throughput (130429), pair rate
/// (131056), and app / account call limits (4, 80007).
const RATE_LIMIT_CODES: [i64; 4] = [130429, 131056, 4, 80007];
/// Error codes meaning "unknown error / service unavailable, retry with backoff".
const UNAVAILABLE_CODES: [i64; 2] = [131000, 131016];
/// The expired or invalid access token.
const AUTH_CODE: i64 = 190;

/// One WhatsApp Business number on the Cloud API.
#[derive(Clone)]
pub struct MetaCloud {
    http: HttpClient,
    graph_url: String,
    version: String,
    phone_number_id: String,
    access_token: String,
}

impl std::fmt::Debug for MetaCloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetaCloud")
            .field("graph_url", &self.graph_url)
            .field("version", &self.version)
            .field("phone_number_id", &self.phone_number_id)
            .field("access_token", &"<redacted>")
            .finish()
    }
}

impl MetaCloud {
    /// The number `phone_number_id`, with `access_token`, on the Graph API at `graph_url`
    /// ([`META_GRAPH_URL`] or a fake) in `version` ([`META_GRAPH_VERSION`]).
    pub fn new(
        http: HttpClient,
        graph_url: &str,
        version: &str,
        phone_number_id: &str,
        access_token: &str,
    ) -> Self {
        MetaCloud {
            http,
            graph_url: graph_url.trim_end_matches('/').to_string(),
            version: version.to_string(),
            phone_number_id: phone_number_id.to_string(),
            access_token: access_token.to_string(),
        }
    }

    /// Reads the phone number with the access token: checks that the token works and that
    /// the id names this number, and reports its display number and verified name.
    pub async fn validate(&self) -> ValidationReport {
        let url = format!(
            "{}/{}/{}?fields=id,display_phone_number,verified_name,quality_rating",
            self.graph_url, self.version, self.phone_number_id
        );
        let number = match self.call("phone number", Method::GET, &url, None).await {
            Ok((number, _)) => number,
            Err(err) => return ValidationReport::from_error("reading the phone number", &err),
        };
        if number["id"].as_str() != Some(self.phone_number_id.as_str()) {
            return ValidationReport::failed(
                "phone_mismatch",
                format!(
                    "the Graph API did not return phone number {}",
                    self.phone_number_id
                ),
            );
        }
        let display_phone = number["display_phone_number"].as_str().map(str::to_owned);
        let verified_name = number["verified_name"].as_str().map(str::to_owned);
        let quality = number["quality_rating"].as_str().unwrap_or("unknown");
        let report = ValidationReport::passed(format!(
            "number {} ({}), quality rating {quality}",
            display_phone.as_deref().unwrap_or("?"),
            verified_name.as_deref().unwrap_or("no verified name"),
        ));
        ValidationReport {
            display_phone,
            verified_name,
            ..report
        }
    }

    /// Calls the Graph API; returns its JSON answer and the redacted response body.
    async fn call(
        &self,
        operation: &str,
        verb: Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<(Value, String), SendError> {
        let operation = format!("meta {operation}");
        let reply = self
            .http
            .call(&operation, verb, url, Some(&self.access_token), body)
            .await?;
        let secrets = [self.access_token.as_str()];
        if !(200..300).contains(&reply.status) {
            return Err(classify(&reply, &secrets));
        }
        let answer = serde_json::from_slice(&reply.body)
            .map_err(|err| SendError::Decode(format!("not JSON: {err}")))?;
        Ok((answer, response_excerpt(&reply.body, &secrets)))
    }
}

#[async_trait]
impl Messenger for MetaCloud {
    async fn send_text(&self, msg: &OutboundText) -> Result<Sent, SendError> {
        let mut body = json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "type": "text",
            "text": {"preview_url": false, "body": msg.text},
        });
        // Users known only by their business-scoped id (`CC.<alnum>`) are addressed with
        // `recipient`, phone numbers with `to`.
        if is_bsuid(&msg.chat_id) {
            body["recipient"] = json!(msg.chat_id);
        } else {
            body["to"] = json!(msg.chat_id);
        }
        let url = format!(
            "{}/{}/{}/messages",
            self.graph_url, self.version, self.phone_number_id
        );
        let (answer, response) = self
            .call("messages", Method::POST, &url, Some(&body))
            .await?;
        Ok(Sent {
            provider_message_id: answer["messages"][0]["id"].as_str().map(str::to_owned),
            response,
        })
    }
}

/// Whether `recipient` is a business-scoped user id (`US.13491208655302741918`) rather
/// than phone digits.
fn is_bsuid(recipient: &str) -> bool {
    recipient.contains('.') && !recipient.starts_with('+')
}

/// Maps a Graph API error: `{"error":{"code","message","error_data":{"details"}}}`.
/// Branches on `code`, not on titles (reference §B.5).
fn classify(reply: &Reply, secrets: &[&str]) -> SendError {
    let answer: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
    let error = &answer["error"];
    let code = error["code"].as_i64();
    let has = |codes: &[i64]| code.is_some_and(|code| codes.contains(&code));
    if reply.status == 429 || has(&RATE_LIMIT_CODES) {
        return SendError::RateLimited {
            retry_after: reply.retry_after,
        };
    }
    if reply.status == 401 || code == Some(AUTH_CODE) {
        return SendError::AuthFailed;
    }
    if reply.status >= 500 {
        return SendError::Http(reply.status);
    }
    if has(&UNAVAILABLE_CODES) {
        return SendError::Unreachable;
    }
    if reply.status < 400 {
        return SendError::Http(reply.status);
    }
    let message = error["message"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| String::from_utf8_lossy(&reply.body).into_owned());
    let reason = match error["error_data"]["details"].as_str() {
        Some(details) => format!("{message}: {details}"),
        None => message,
    };
    SendError::Rejected {
        code: Some(code.map_or_else(|| reply.status.to_string(), |code| code.to_string())),
        reason: excerpt(&reason, secrets, REASON_LIMIT),
    }
}
