//! `POST /v1/commands/simulate`: what a real message would do, without doing any of it.

use crate::scenario::{customer_says, fake_panel, fake_telegram, telegram_sent, wire};
use crate::support::{Reply, TestApp};
use panelrelay_core::ids::WorkspaceId;
use poem::http::{Method, StatusCode};
use serde_json::json;

async fn simulate(app: &TestApp, key: &str, text: &str) -> Reply {
    app.post(
        "/v1/commands/simulate",
        key,
        json!({"medium": "telegram", "sender_id": "555", "text": text}),
    )
    .await
}

/// Asserts nothing of the workspace's flow was written: no inbox event, no command, no
/// dispatch, no cooldown, no outgoing message, no conversation.
async fn assert_nothing_logged(app: &TestApp, workspace: WorkspaceId) {
    let db = &app.state.db;
    assert!(db.webhook_log(workspace, 10).await.unwrap().is_empty());
    assert!(db.command_log(workspace, 10).await.unwrap().is_empty());
    assert!(db.dispatch_log(workspace, 10).await.unwrap().is_empty());
    assert!(db.cooldown_log(workspace, 10).await.unwrap().is_empty());
    assert!(db.outbox_of(workspace, 10).await.unwrap().is_empty());
    assert!(db.outbound_log(workspace, 10).await.unwrap().is_empty());
    assert!(
        db.conversation(workspace, "555", 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_simulated_refill_equals_the_real_run_and_leaves_no_trace() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let webhook = wire(&app, &ws, panel.url(), telegram.url()).await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;

    let simulated = simulate(&app, &agent, "2274209 refill").await;
    assert_eq!(simulated.status, StatusCode::OK, "{}", simulated.body);
    let body = &simulated.body;
    assert_eq!(body["sender"], "linked");
    assert_eq!(body["username"], "alice");
    assert_eq!(
        body["command"],
        json!({"action": "refill", "order_ids": [2274209]})
    );
    let dispatches = body["dispatches"].as_array().unwrap();
    assert_eq!(dispatches.len(), 1);
    let dispatch = &dispatches[0];
    assert_eq!(dispatch["chat_id"], "-1001");
    assert_eq!(dispatch["medium"], "telegram");
    assert_eq!(dispatch["text"], "7450284 refill");
    assert_eq!(dispatch["action"], "refill");
    assert_eq!(dispatch["order_ids"], json!([2274209]));
    assert_eq!(dispatch["external_ids"], json!(["7450284"]));
    assert!(dispatch["route_id"].is_string() && dispatch["channel_id"].is_string());
    assert_eq!(body["outcomes"][0]["order_id"], 2274209);
    assert_eq!(body["outcomes"][0]["reason"], "accepted");
    let reply = body["reply"].as_str().unwrap().to_string();
    assert!(reply.contains("2274209"), "{reply}");

    // Nothing was sent or written, and the cooldown is still free.
    assert_nothing_logged(&app, workspace).await;
    assert!(telegram_sent(&telegram).is_empty());
    let twice = simulate(&app, &agent, "2274209 refill").await;
    assert_eq!(twice.body, simulated.body, "a simulation changes nothing");

    // The real message does exactly what the simulation showed.
    customer_says(&app, &webhook, 7, "2274209 refill").await;
    let mut sent = telegram_sent(&telegram);
    sent.sort();
    assert_eq!(
        sent,
        vec![
            (
                "-1001".to_string(),
                dispatch["text"].as_str().unwrap().to_string()
            ),
            ("555".to_string(), reply),
        ]
    );
    let commands = app.state.db.command_log(workspace, 10).await.unwrap();
    assert_eq!(commands.len(), 1);
    assert!(
        commands[0].outcomes.contains("accepted"),
        "{}",
        commands[0].outcomes
    );

    // Now the real run holds the cooldown, and a simulation says so.
    let after = simulate(&app, &agent, "2274209 refill").await;
    assert_eq!(after.body["outcomes"][0]["reason"], "in_cooldown");
    assert!(after.body["outcomes"][0]["at"].is_string());
    assert_eq!(after.body["dispatches"], json!([]));
    assert_eq!(
        app.state.db.command_log(workspace, 10).await.unwrap().len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn simulation_uses_the_vocabulary_roles_and_validates_its_input() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    wire(&app, &ws, panel.url(), telegram.url()).await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;

    let denied = simulate(&app, &viewer, "help").await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(denied.error_code(), "forbidden");
    assert_eq!(
        simulate(&app, &ws.owner_key, "help").await.status,
        StatusCode::OK
    );

    // The workspace's alias, custom command and template are what a simulation uses.
    for (path, body) in [
        (
            "/v1/command-aliases",
            json!({"phrase": "ulang", "action": "refill"}),
        ),
        (
            "/v1/custom-commands",
            json!({"trigger": "payment", "reply": "Pay by card at https://panel.example/pay"}),
        ),
    ] {
        let created = app.post(path, &ws.owner_key, body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    }
    let template = app
        .call(
            poem::http::Method::PUT,
            "/v1/templates/refill_requested",
            Some(&ws.owner_key),
            Some(json!({"text": "Refill of {order_id} is on its way."})),
        )
        .await;
    assert_eq!(template.status, StatusCode::OK);
    let alias = simulate(&app, &agent, "ulang 2274209").await;
    assert_eq!(alias.body["command"]["action"], "refill");
    assert_eq!(alias.body["reply"], "Refill of 2274209 is on its way.");
    let custom = simulate(&app, &agent, "Payment").await;
    assert_eq!(custom.body["command"]["action"], "payment");
    assert_eq!(
        custom.body["reply"],
        "Pay by card at https://panel.example/pay"
    );
    assert_eq!(custom.body["dispatches"], json!([]));

    // Chatter: help in private, silence in groups; an unknown sender gets the link prompt.
    let chatter = simulate(&app, &agent, "I paid 500 rs yesterday").await;
    assert!(chatter.body["command"].is_null());
    assert!(
        chatter.body["reply"]
            .as_str()
            .unwrap()
            .starts_with("Send your order id")
    );
    let group = app
        .post(
            "/v1/commands/simulate",
            &agent,
            json!({"medium": "telegram", "sender_id": "555", "chat_id": "-1009",
                "text": "I paid 500 rs yesterday", "is_group": true}),
        )
        .await;
    assert_eq!(group.status, StatusCode::OK);
    assert!(group.body["reply"].is_null());
    let stranger = app
        .post(
            "/v1/commands/simulate",
            &agent,
            json!({"medium": "telegram", "sender_id": "999", "text": "2274209 refill"}),
        )
        .await;
    assert_eq!(stranger.body["sender"], "unknown");
    assert!(stranger.body["username"].is_null());
    assert!(
        stranger.body["reply"]
            .as_str()
            .unwrap()
            .contains("not linked"),
        "{}",
        stranger.body
    );
    assert_eq!(stranger.body["dispatches"], json!([]));

    // Bad input is a 400.
    for body in [
        json!({"medium": "telegram", "sender_id": "555", "text": "  "}),
        json!({"medium": "telegram", "sender_id": "", "text": "help"}),
        json!({"medium": "fax", "sender_id": "555", "text": "help"}),
        json!({"medium": "telegram", "text": "help"}),
    ] {
        let reply = app.post("/v1/commands/simulate", &agent, body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        assert_eq!(reply.error_code(), "invalid_body");
    }
    assert_nothing_logged(&app, workspace).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reading_settings_decide_short_ids_and_intents() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    wire(&app, &ws, panel.url(), telegram.url()).await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    let command = |reply: &Reply| reply.body["command"].clone();

    let defaults = app.get("/v1/settings", &ws.owner_key).await.body;
    assert_eq!(defaults["min_order_id_digits"], 4);
    assert_eq!(
        defaults["intents"],
        json!({"not_started": "speed", "where_is": "details", "dropped": "refill",
            "wrong_link": "cancel"})
    );
    let reply = simulate(&app, &agent, "hi admin, 2274209 not started yet 🙏").await;
    assert_eq!(
        command(&reply),
        json!({"action": "speed", "order_ids": [2274209]})
    );
    assert!(command(&simulate(&app, &agent, "227 refill").await).is_null());

    let mut changed = defaults.clone();
    changed["min_order_id_digits"] = json!(1);
    changed["intents"]["not_started"] = json!("off");
    let put = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(changed),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert!(command(&simulate(&app, &agent, "2274209 not started yet").await).is_null());
    assert_eq!(
        command(&simulate(&app, &agent, "227 refill").await),
        json!({"action": "refill", "order_ids": [227]})
    );

    // An older client's PUT without the new fields leaves them as they are.
    let mut old_client = defaults.clone();
    old_client
        .as_object_mut()
        .unwrap()
        .remove("min_order_id_digits");
    old_client.as_object_mut().unwrap().remove("intents");
    let put = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(old_client),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["min_order_id_digits"], 1);
    assert_eq!(put.body["intents"]["not_started"], "off");

    for (field, value) in [
        ("min_order_id_digits", json!(0)),
        ("min_order_id_digits", json!(13)),
        (
            "intents",
            json!({"not_started": "balance", "where_is": "details",
            "dropped": "refill", "wrong_link": "cancel"}),
        ),
    ] {
        let mut body = defaults.clone();
        body[field] = value;
        let reply = app
            .call(Method::PUT, "/v1/settings", Some(&ws.owner_key), Some(body))
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{field}");
    }
}
