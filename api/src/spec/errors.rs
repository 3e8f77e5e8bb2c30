//! Which error statuses each operation declares, with a realistic example for each.
//!
//! poem-openapi gives every operation every status of `ApiError`. Each operation keeps only
//! those it can return, by these rules:
//! - `500` always; `503` (storage unreachable) everywhere but the liveness probe;
//! - `400` when it takes parameters or a body; `408`, `413` and `415` when it takes a body;
//! - `401`, `403` and `429` (repeated failed authentications) when it needs a key;
//! - `404` when its path names a resource, and for the few lookups of the caller's own
//!   workspace, its panel or a template key in the body;
//! - `409` for writes (a conflict with stored state, a request still in progress under the
//!   same `Idempotency-Key`, a panel not connected yet);
//! - `422` with an `Idempotency-Key` (reused with another body) and for the validations of
//!   template texts, phrases and verified usernames;
//! - `502` where the panel is asked and its failure is the answer.
//!
//! The API tests check every answer they get against the committed spec, so a status an
//! operation returns but does not declare fails the suite.

use serde_yaml::{Mapping, Value};

/// Operations without a path parameter that can still answer 404.
const ALSO_NOT_FOUND: [&str; 4] = [
    "get_own_workspace",
    "get_panel",
    "get_runtime_health",
    "preview_template",
];

/// Operations that answer 422 for what they validate, beside idempotency-key reuse.
const ALSO_UNPROCESSABLE: [&str; 5] = [
    "put_template",
    "preview_template",
    "put_command_alias",
    "put_custom_command",
    "update_linked_user",
];

/// Operations that answer 502 when the panel fails.
const PANEL_ERRORS: [&str; 3] = [
    "refresh_service_rules",
    "create_linked_user",
    "update_linked_user",
];

/// An example error for each status: (code, message).
fn example(status: &str) -> Option<(&'static str, &'static str)> {
    Some(match status {
        "400" => ("invalid_parameter", "limit must be between 1 and 200"),
        "401" => ("unauthorized", "missing or invalid API key"),
        "403" => ("forbidden", "this operation needs the owner role"),
        "404" => ("not_found", "channel not found"),
        "408" => ("request_timeout", "the request body did not arrive in time"),
        "409" => ("conflict", "conflicts with an existing resource"),
        "413" => (
            "payload_too_large",
            "the request body is larger than 1048576 bytes",
        ),
        "415" => (
            "unsupported_media_type",
            "send the body as application/json",
        ),
        "422" => (
            "idempotency_key_reused",
            "this Idempotency-Key was used with a different request",
        ),
        "429" => (
            "too_many_auth_failures",
            "too many failed authentications; retry after 60 seconds",
        ),
        "500" => (
            "internal_error",
            "internal error; quote the request id to support",
        ),
        "502" => ("panel_error", "the panel did not answer within 10 seconds"),
        "503" => ("service_unavailable", "database unavailable; retry shortly"),
        _ => return None,
    })
}

/// An example error envelope (`{"error": {code, message, request_id}}`).
pub(super) fn example_envelope(code: &str, message: &str) -> serde_json::Value {
    serde_json::json!({"error": {"code": code, "message": message,
        "request_id": "0b7c8f0e-5d1a-4c3e-9a61-2f4d8e9b1c27"}})
}

/// Prunes each operation's error statuses to those it can return and adds an example to
/// each that stays.
pub fn declare(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) else {
        return;
    };
    for (_, item) in paths.iter_mut() {
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            let method = method.as_str().unwrap_or_default().to_string();
            if let Some(operation) = operation.as_mapping_mut() {
                prune(&method, operation);
            }
        }
    }
}

fn prune(method: &str, operation: &mut Mapping) {
    let id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let parameters: Vec<(String, String)> = operation
        .get("parameters")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some((
                p.get("in")?.as_str()?.to_string(),
                p.get("name")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let has_body = operation.contains_key("requestBody");
    let secured = operation.contains_key("security");
    let idempotent = parameters.iter().any(|(_, name)| name == "Idempotency-Key");
    let write = method != "get";
    let keeps = |status: &str| match status {
        "500" => true,
        "503" => id != "get_healthz",
        "400" => has_body || !parameters.is_empty(),
        "408" | "413" | "415" => has_body,
        "401" | "403" | "429" => secured,
        "404" => {
            parameters.iter().any(|(at, _)| at == "path") || ALSO_NOT_FOUND.contains(&id.as_str())
        }
        "409" => write,
        "422" => idempotent || ALSO_UNPROCESSABLE.contains(&id.as_str()),
        "502" => PANEL_ERRORS.contains(&id.as_str()),
        _ => false,
    };
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    responses.retain(|status, _| {
        let status = status.as_str().unwrap_or_default();
        status.starts_with('2') || status.starts_with('3') || keeps(status)
    });
    for (status, response) in responses.iter_mut() {
        let Some((code, message)) = status.as_str().and_then(example) else {
            continue;
        };
        let content = response.get_mut("content").and_then(Value::as_mapping_mut);
        for (_, media) in content.into_iter().flatten() {
            if let (Some(media), Ok(envelope)) = (
                media.as_mapping_mut(),
                serde_yaml::to_value(example_envelope(code, message)),
            ) {
                media.insert(Value::from("example"), envelope);
            }
        }
    }
}
