//! The committed openapi.yaml is the contract: it must equal what the code generates.

use crate::support::TestApp;
use panelrelay_api::app::{DEFAULT_PUBLIC_URL, spec_yaml};

const COMMITTED: &str = include_str!("../../../openapi.yaml");

#[test]
fn committed_spec_is_up_to_date() {
    let generated = spec_yaml(DEFAULT_PUBLIC_URL);
    assert!(
        generated == COMMITTED,
        "openapi.yaml is stale: run `cargo run -p panelrelay-api -- openapi > openapi.yaml` and commit it"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn served_specs_match_the_committed_file() {
    let app = TestApp::new().await;
    let yaml = app
        .client
        .get("/openapi.yaml")
        .send()
        .await
        .0
        .into_body()
        .into_string()
        .await
        .unwrap();
    assert_eq!(yaml, spec_yaml(&app.state.public_url));
    let json = app
        .client
        .get("/openapi.json")
        .send()
        .await
        .0
        .into_body()
        .into_string()
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["info"]["title"], "panelrelay");
    assert_eq!(json["servers"][0]["url"], app.state.public_url.as_str());
    assert_eq!(json["info"]["license"]["name"], "Apache-2.0");
}

#[test]
fn every_operation_documents_its_own_errors_and_follows_conventions() {
    let spec: serde_json::Value = serde_yaml::from_str(COMMITTED).unwrap();
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id} is not verb_resource"
            );
            assert_eq!(
                op["tags"].as_array().map(Vec::len),
                Some(1),
                "{id}: one tag per operation"
            );
            let summary = op["summary"].as_str().unwrap_or_default();
            assert!(
                !summary.contains('\n') && summary.len() <= 80,
                "{id}: a short summary, prose in the description: {summary:?}"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{id} does not document 500");
            if op["tags"][0] == "Webhooks" {
                // Providers authenticate with the channel's secret, not an API key.
                assert!(responses.contains_key("401") || method == "get", "{id}");
                continue;
            }
            assert!(
                !responses.contains_key("405"),
                "{id}: 405 is the router's, not the operation's"
            );
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            for status in ["401", "403", "429"] {
                assert_eq!(responses.contains_key(status), secured, "{id}: {status}");
            }
            let has_body = op.get("requestBody").is_some();
            for status in ["408", "413", "415"] {
                assert_eq!(responses.contains_key(status), has_body, "{id}: {status}");
            }
            if method == "get" {
                assert!(
                    !responses.contains_key("409"),
                    "{id}: reads do not conflict"
                );
            }
            for (status, response) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    let example = response["content"]
                        .as_object()
                        .and_then(|content| content.values().next())
                        .map(|media| &media["example"]["error"]["code"]);
                    assert!(
                        example.is_some_and(|code| code.is_string()),
                        "{id} {status}: an example error"
                    );
                }
            }
            if method == "post" && responses.contains_key("201") {
                let params = op["parameters"].as_array().unwrap();
                assert!(
                    params.iter().any(|p| p["name"] == "Idempotency-Key"),
                    "{id}: creates take Idempotency-Key"
                );
            }
            if method == "get" && id.starts_with("list_") {
                let params = op["parameters"].as_array().unwrap();
                for name in ["limit", "cursor"] {
                    assert!(
                        params.iter().any(|p| p["name"] == name),
                        "{id}: lists take {name}"
                    );
                }
            }
        }
    }
    assert!(operations >= 11, "only {operations} operations");
}

/// Closed sets are enums and page sizes bounded, in the spec and in what the server takes.
#[tokio::test(flavor = "multi_thread")]
async fn closed_sets_and_bounds_are_declared_and_enforced() {
    let spec: serde_json::Value = serde_yaml::from_str(COMMITTED).unwrap();
    let params = spec["paths"]["/v1/logs/webhooks"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let param = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(param("limit")["schema"]["minimum"], 1.0);
    assert_eq!(param("limit")["schema"]["maximum"], 200.0);
    let outcome = &param("outcome")["schema"];
    let outcome = match outcome.get("$ref").and_then(|r| r.as_str()) {
        Some(reference) => &spec["components"]["schemas"][reference.rsplit('/').next().unwrap()],
        None => outcome,
    };
    let outcomes: Vec<&str> = outcome["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(outcomes.contains(&"bad_signature"), "{outcomes:?}");
    let channel = &spec["components"]["schemas"]["Channel"]["properties"];
    assert!(
        channel["status"]["$ref"].is_string(),
        "{}",
        channel["status"]
    );
    assert!(
        channel["medium"]["$ref"].is_string(),
        "{}",
        channel["medium"]
    );

    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    for query in [
        "/v1/logs/webhooks?outcome=nope",
        "/v1/logs/webhooks?limit=201",
        "/v1/logs/commands?outcome=accepted_maybe",
        "/v1/conversations?medium=fax",
        "/v1/cooldowns?action=refund",
    ] {
        let reply = app.get(query, &ws.owner_key).await;
        assert_eq!(reply.status, poem::http::StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.body["error"]["code"], "invalid_parameter", "{query}");
    }
    for query in [
        "/v1/logs/webhooks?outcome=bad_signature&limit=200",
        "/v1/logs/commands?outcome=not_yours",
        "/v1/conversations?medium=whatsapp_meta",
        "/v1/cooldowns?action=refill",
    ] {
        let reply = app.get(query, &ws.owner_key).await;
        assert_eq!(
            reply.status,
            poem::http::StatusCode::OK,
            "{query}: {}",
            reply.body
        );
    }
}
