//! The webhook ingress in the spec: `POST /webhooks/{medium}/{channel_id}`, where providers
//! deliver customers' messages, and `GET` on the same path, Meta's verification handshake.
//! The ingress is a plain poem route (it takes providers' bodies as they come and answers
//! for each delivery itself), so its operations are described here, beside the rest of the
//! document's tidying; the API tests check every answer it gives against this description.

use super::errors::example_envelope;
use serde_json::json;
use serde_yaml::Value;

fn error(description: &str, code: &str, message: &str) -> serde_json::Value {
    json!({
        "description": description,
        "content": {"application/json; charset=utf-8": {
            "schema": {"$ref": "#/components/schemas/ErrorEnvelope"},
            "example": example_envelope(code, message)
        }}
    })
}

/// The ingress's path item and the schema of its answer.
fn ingress() -> (serde_json::Value, serde_json::Value) {
    let path_parameters = json!([
        {"name": "medium", "in": "path", "required": true,
         "description": "The channel's medium.",
         "schema": {"$ref": "#/components/schemas/MediumName"}},
        {"name": "channel_id", "in": "path", "required": true,
         "description": "The channel's id (its `webhook_url` holds both).",
         "schema": {"type": "string"}}
    ]);
    let mut post_parameters = path_parameters.clone();
    // Only Meta channels verify by GET (others answer 405).
    let mut get_parameters = path_parameters.clone();
    get_parameters[0]["schema"] = json!({"type": "string", "enum": ["whatsapp_meta"]});
    if let Some(list) = post_parameters.as_array_mut() {
        for (name, description) in [
            (
                "X-Telegram-Bot-Api-Secret-Token",
                "Telegram: the channel's `webhook_secret`.",
            ),
            ("Authorization", "Green API: `Bearer <webhook_secret>`."),
            (
                "X-Hub-Signature-256",
                "Meta: `sha256=<HMAC-SHA256 of the body with the app secret>`.",
            ),
        ] {
            list.push(json!({"name": name, "in": "header", "required": false,
                "description": description, "schema": {"type": "string"}}));
        }
    }
    let unavailable = {
        let mut response = error(
            "The delivery could not be stored now; the provider retries it.",
            "service_unavailable",
            "the delivery could not be stored now; retry shortly",
        );
        response["headers"] = json!({"Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer"}}});
        response
    };
    let item = json!({
        "post": {
            "tags": ["Webhooks"],
            "summary": "Receive a provider's webhook delivery.",
            "description": "Where Telegram, Green API and Meta deliver a channel's events. The \
                delivery is authenticated with the channel's secret (the header its medium uses), \
                stored once (a repeated delivery is a `duplicate`) and answered at once; the \
                worker handles it afterwards. Every delivery is in `GET /v1/logs/webhooks`.",
            "operationId": "receive_webhook",
            "parameters": post_parameters,
            "requestBody": {"required": true, "description": "The provider's payload, as it sends it (at most 256 KiB).",
                "content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {
                "200": {"description": "Taken: stored, or known not to need handling.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookReceipt"},
                        "example": {"ok": true, "outcome": "accepted"}}}},
                "400": error("The payload could not be parsed.", "invalid_body", "the payload could not be parsed"),
                "401": error("The secret or signature does not match the channel's.", "unauthorized",
                    "the delivery's signature or token does not match the channel's secret"),
                "404": error("No channel with this id and medium.", "not_found", "no channel with this id and medium"),
                "408": error("The payload did not arrive in time.", "request_timeout",
                    "the request body did not arrive in time"),
                "413": error("The payload is larger than 256 KiB.", "payload_too_large", "the payload is too large"),
                "500": error("An unexpected failure on our side.", "internal_error",
                    "internal error; quote the request id to support"),
                "503": unavailable,
            }
        },
        "get": {
            "tags": ["Webhooks"],
            "summary": "Answer Meta's webhook verification.",
            "description": "Meta calls it when the webhook is set up in the App Dashboard: the \
                answer is `hub.challenge` when `hub.verify_token` is the channel's `verify_token`. \
                Only WhatsApp Cloud API (Meta) channels verify this way.",
            "operationId": "verify_webhook",
            "parameters": get_parameters.as_array().into_iter().flatten().cloned()
                .chain([
                    json!({"name": "hub.mode", "in": "query", "required": true,
                        "description": "Always `subscribe`.", "schema": {"type": "string"}}),
                    json!({"name": "hub.verify_token", "in": "query", "required": true,
                        "description": "The channel's `verify_token`.", "schema": {"type": "string"}}),
                    json!({"name": "hub.challenge", "in": "query", "required": true,
                        "description": "What to echo back.", "schema": {"type": "string"}}),
                ]).collect::<Vec<_>>(),
            "responses": {
                "200": {"description": "The challenge, echoed.",
                    "content": {"text/plain": {"schema": {"type": "string"}, "example": "1158201444"}}},
                "403": error("The verify token does not match.", "forbidden", "verification failed"),
                "404": error("No channel with this id and medium.", "not_found", "no channel with this id and medium"),
                "405": error("Only Meta channels verify by GET.", "method_not_allowed", "only Meta channels verify by GET"),
                "500": error("An unexpected failure on our side.", "internal_error",
                    "internal error; quote the request id to support"),
                "503": error("The channel could not be read now.", "service_unavailable", "retry shortly"),
            }
        }
    });
    let receipt = json!({
        "type": "object",
        "title": "WebhookReceipt",
        "description": "The answer to a delivery that was taken.",
        "required": ["ok", "outcome"],
        "properties": {
            "ok": {"type": "boolean", "description": "Always true."},
            "outcome": {"$ref": "#/components/schemas/WebhookOutcome"}
        }
    });
    (item, receipt)
}

/// Adds the ingress to `document`.
pub fn describe(document: &mut Value) {
    let (item, receipt) = ingress();
    let (Ok(item), Ok(receipt)) = (serde_yaml::to_value(item), serde_yaml::to_value(receipt))
    else {
        return;
    };
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) {
        paths.insert(Value::from("/webhooks/{medium}/{channel_id}"), item);
    }
    if let Some(schemas) = document
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_mapping_mut)
    {
        schemas.insert(Value::from("WebhookReceipt"), receipt);
    }
    if let Some(tags) = document.get_mut("tags").and_then(Value::as_sequence_mut) {
        if let Ok(tag) = serde_yaml::to_value(json!({"name": "Webhooks",
            "description": "Where providers deliver customers' messages."}))
        {
            tags.push(tag);
        }
    }
}
