//! Every request example in the committed spec is a request the server accepts: each is
//! sent, as a client copying it from Swagger UI would, to a live app, in the order a new
//! workspace is set up (ids the examples name are replaced by the ones just created).

use crate::support::TestApp;
use chrono::Utc;
use panelrelay_adapters::storage::service_rules::RefreshedService;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::service_rules::RefillPolicy;
use poem::http::{Method, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;

const COMMITTED: &str = include_str!("../../../openapi.yaml");

/// The service whose rule the `put_service_rule` example overrides.
const SERVICE_ID: &str = "1042";

/// The request examples of the spec, by operation id (a union gives one per branch).
fn examples(spec: &Value) -> Vec<(String, Value)> {
    let schemas = &spec["components"]["schemas"];
    let resolve = |schema: &Value| -> Value {
        let mut schema = schema.clone();
        while let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
            schema = schemas[name].clone();
        }
        schema
    };
    let mut found = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap().to_string();
            let Some(json) = operation["requestBody"]["content"]["application/json; charset=utf-8"]
                .as_object()
                .or(operation["requestBody"]["content"]["application/json"].as_object())
            else {
                continue;
            };
            let schema = resolve(&json["schema"]);
            match schema["oneOf"].as_array() {
                Some(branches) => found.extend(
                    branches
                        .iter()
                        .filter_map(|b| resolve(b).get("example").cloned())
                        .map(|example| (id.clone(), example)),
                ),
                None => found.extend(schema.get("example").cloned().map(|e| (id.clone(), e))),
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn every_request_example_in_the_spec_is_accepted() {
    let spec: Value = serde_yaml::from_str(COMMITTED).unwrap();
    let examples = examples(&spec);
    let app = TestApp::new().await;
    let ws = app.workspace("Examples").await;
    let key = Some(ws.owner_key.as_str());
    let mut sent = BTreeSet::new();
    let mut ids: std::collections::HashMap<&str, String> = Default::default();
    // A service the panel listed, for the rule override.
    app.state
        .db
        .service_rules(WorkspaceId::parse(&ws.id).unwrap())
        .refresh(
            &[RefreshedService {
                service_id: SERVICE_ID.into(),
                name: "Instagram Followers [Refill: 30 Days]".into(),
                category: None,
                refill: RefillPolicy::Days(30),
                start: Default::default(),
            }],
            Utc::now(),
        )
        .await
        .unwrap();

    // The order a new workspace is set up in; each operation's examples in turn.
    let order = [
        "create_workspace",
        "update_workspace",
        "create_api_key",
        "put_panel",
        "put_settings",
        "create_channel",
        "update_channel",
        "create_provider_route",
        "put_provider_route",
        "create_linked_user",
        "update_linked_user",
        "import_linked_users",
        "create_admin_chat",
        "update_admin_chat",
        "put_service_rule",
        "put_template",
        "preview_template",
        "create_command_alias",
        "put_command_alias",
        "create_custom_command",
        "put_custom_command",
        "simulate_command",
    ];
    for operation in order {
        for (_, example) in examples.iter().filter(|(id, _)| id == operation) {
            let mut body = example.clone();
            if body.get("channel_id").is_some() {
                body["channel_id"] = Value::from(ids["channel"].clone());
            }
            let (method, path, key, expected) = match operation {
                "create_workspace" => (
                    Method::POST,
                    "/v1/workspaces".to_string(),
                    Some(app.admin_key.as_str()),
                    StatusCode::CREATED,
                ),
                "update_workspace" => (
                    Method::PATCH,
                    format!("/v1/workspaces/{}", ws.id),
                    Some(app.admin_key.as_str()),
                    StatusCode::OK,
                ),
                "create_api_key" => (
                    Method::POST,
                    "/v1/api-keys".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "put_panel" => (Method::PUT, "/v1/panel".into(), key, StatusCode::OK),
                "put_settings" => (Method::PUT, "/v1/settings".into(), key, StatusCode::OK),
                "update_channel" => (
                    Method::PATCH,
                    format!("/v1/channels/{}", ids["channel"]),
                    key,
                    StatusCode::OK,
                ),
                "create_channel" => (
                    Method::POST,
                    "/v1/channels".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "create_provider_route" => (
                    Method::POST,
                    "/v1/provider-routes".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "put_provider_route" => (
                    Method::PUT,
                    format!("/v1/provider-routes/{}", ids["route"]),
                    key,
                    StatusCode::OK,
                ),
                "create_linked_user" => (
                    Method::POST,
                    "/v1/linked-users".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "update_linked_user" => (
                    Method::PATCH,
                    format!("/v1/linked-users/{}", ids["linked_user"]),
                    key,
                    StatusCode::OK,
                ),
                "import_linked_users" => (
                    Method::POST,
                    "/v1/linked-users/import".into(),
                    key,
                    StatusCode::OK,
                ),
                "update_admin_chat" => (
                    Method::PATCH,
                    format!("/v1/admin-chats/{}", ids["admin_chat"]),
                    key,
                    StatusCode::OK,
                ),
                "put_service_rule" => (
                    Method::PUT,
                    format!("/v1/service-rules/{SERVICE_ID}"),
                    key,
                    StatusCode::OK,
                ),
                "preview_template" => (
                    Method::POST,
                    "/v1/templates/preview".into(),
                    key,
                    StatusCode::OK,
                ),
                "create_admin_chat" => (
                    Method::POST,
                    "/v1/admin-chats".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "put_template" => (
                    Method::PUT,
                    "/v1/templates/refill_requested".into(),
                    key,
                    StatusCode::OK,
                ),
                "create_command_alias" => (
                    Method::POST,
                    "/v1/command-aliases".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "put_command_alias" => (
                    Method::PUT,
                    format!("/v1/command-aliases/{}", ids["alias"]),
                    key,
                    StatusCode::OK,
                ),
                "create_custom_command" => (
                    Method::POST,
                    "/v1/custom-commands".into(),
                    key,
                    StatusCode::CREATED,
                ),
                "put_custom_command" => (
                    Method::PUT,
                    format!("/v1/custom-commands/{}", ids["custom"]),
                    key,
                    StatusCode::OK,
                ),
                "simulate_command" => (
                    Method::POST,
                    "/v1/commands/simulate".into(),
                    key,
                    StatusCode::OK,
                ),
                other => unreachable!("{other}"),
            };
            let reply = app.call(method, &path, key, Some(body.clone())).await;
            assert_eq!(reply.status, expected, "{operation} {body}: {}", reply.body);
            let created = reply.body["id"].as_str().map(str::to_string);
            match (operation, created) {
                ("create_channel", Some(id)) if body["medium"] == "telegram" => {
                    ids.insert("channel", id);
                }
                ("create_provider_route", Some(id)) => {
                    ids.insert("route", id);
                }
                ("create_command_alias", Some(id)) => {
                    ids.insert("alias", id);
                }
                ("create_custom_command", Some(id)) => {
                    ids.insert("custom", id);
                }
                ("create_linked_user", Some(id)) => {
                    ids.insert("linked_user", id);
                }
                ("create_admin_chat", Some(id)) => {
                    ids.insert("admin_chat", id);
                }
                _ => {}
            }
            sent.insert(operation.to_string());
        }
    }
    // Every operation with an example was exercised: a new example needs its place above.
    let with_examples: BTreeSet<String> = examples.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(sent, with_examples);
    assert_eq!(
        examples
            .iter()
            .filter(|(id, _)| id == "create_channel")
            .count(),
        3,
        "one create_channel example per medium"
    );
}
