//! Logs, cooldowns, conversations and retention: keyset pages that hold still while rows are
//! written, filters, secrets kept out, the real flow's cooldown cleared, tenants apart.

use crate::support::{TestApp, TestWorkspace};
use chrono::{DateTime, Duration, Utc};
use panelrelay_adapters::storage::channels::ChannelFields;
use panelrelay_adapters::storage::flow::{
    CommandRecord, ConversationRecord, NewInboxEvent, WebhookRecord,
};
use panelrelay_adapters::storage::provider_routes::RouteFields;
use panelrelay_adapters::storage::to_db_time;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::{Running, serve};
use panelrelay_api::flow::worker;
use panelrelay_api::jobs::maintenance;
use panelrelay_api::services::settings::SettingsDocument;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use panelrelay_core::routing::DispatchTemplates;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn workspace_id(ws: &TestWorkspace) -> WorkspaceId {
    WorkspaceId::parse(&ws.id).unwrap()
}

fn webhook(
    ws: &TestWorkspace,
    channel: &str,
    medium: &str,
    outcome: &str,
    at: DateTime<Utc>,
) -> WebhookRecord {
    WebhookRecord {
        id: new_id(),
        workspace_id: Some(ws.id.clone()),
        channel_id: channel.into(),
        medium: medium.into(),
        status_code: if outcome == "bad_signature" { 401 } else { 200 },
        outcome: outcome.into(),
        dedupe_key: None,
        payload: "{}".into(),
        detail: None,
        received_at: to_db_time(at),
    }
}

fn command(
    ws: &TestWorkspace,
    chat: &str,
    orders: &[i64],
    reason: &str,
    at: DateTime<Utc>,
) -> CommandRecord {
    let outcomes: Vec<Value> = orders
        .iter()
        .map(|id| json!({"order_id": id, "action": "refill", "reason": reason, "at": null, "detail": null}))
        .collect();
    CommandRecord {
        id: new_id(),
        workspace_id: ws.id.clone(),
        inbox_event_id: new_id(),
        channel_id: new_id(),
        medium: "telegram".into(),
        chat_id: chat.into(),
        sender_id: chat.into(),
        sender_role: "linked".into(),
        text: "refill".into(),
        action: Some("refill".into()),
        order_ids: serde_json::to_string(orders).unwrap(),
        outcomes: serde_json::to_string(&outcomes).unwrap(),
        reply: None,
        created_at: to_db_time(at),
    }
}

/// Every id of a list, following `next_cursor`, calling `between` after each page.
async fn page_through<F, Fut>(app: &TestApp, key: &str, first: &str, mut between: F) -> Vec<String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut ids = Vec::new();
    let mut url = first.to_string();
    loop {
        let reply = app.get(&url, key).await;
        assert_eq!(reply.status, StatusCode::OK, "{url}: {}", reply.body);
        for item in reply.body["items"].as_array().unwrap() {
            ids.push(item["id"].as_str().unwrap().to_string());
        }
        match reply.body["next_cursor"].as_str() {
            Some(cursor) => {
                between().await;
                let sep = if first.contains('?') { '&' } else { '?' };
                url = format!("{first}{sep}cursor={cursor}");
            }
            None => return ids,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_hold_still_while_rows_are_written() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let base = Utc::now() - Duration::minutes(10);
    let channel = new_id();
    // Eight deliveries and commands; three of each share one timestamp (the id breaks ties).
    let mut hooks = Vec::new();
    let mut commands = Vec::new();
    for i in 0..8i64 {
        let at = if (3..6).contains(&i) {
            base
        } else {
            base + Duration::seconds(i)
        };
        hooks.push(webhook(&ws, &channel, "telegram", "accepted", at));
        commands.push(command(&ws, "555", &[i + 1], "accepted", at));
    }
    for (hook, cmd) in hooks.iter().zip(&commands) {
        app.state.db.log_webhook(hook.clone()).await.unwrap();
        let completion = panelrelay_adapters::storage::flow::Completion {
            command: Some(cmd.clone()),
            ..Default::default()
        };
        app.state
            .db
            .inbox_complete("no-such-event", completion, Utc::now())
            .await
            .unwrap();
    }
    let mut expected_hooks = hooks.clone();
    expected_hooks.sort_by(|a, b| (b.received_at, &b.id).cmp(&(a.received_at, &a.id)));
    let expected: Vec<String> = expected_hooks.into_iter().map(|h| h.id).collect();

    // Between pages, new deliveries arrive: now, and at the time of the newest row (already
    // read) with a greater id.
    let newest = base + Duration::seconds(7);
    let db = app.state.db.clone();
    let (ws_ref, channel_ref) = (&ws, &channel);
    let mut round = 0;
    let seen = page_through(&app, &ws.owner_key, "/v1/logs/webhooks?limit=3", || {
        round += 1;
        let db = db.clone();
        let fresh = [
            webhook(ws_ref, channel_ref, "telegram", "accepted", Utc::now()),
            webhook(ws_ref, channel_ref, "telegram", "accepted", newest),
        ];
        async move {
            for hook in fresh {
                db.log_webhook(hook).await.unwrap();
            }
        }
    })
    .await;
    assert_eq!(seen, expected, "every row that existed, once, newest first");
    assert_eq!(round, 2, "three pages of three");

    let mut expected_commands = commands.clone();
    expected_commands.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    let expected: Vec<String> = expected_commands.into_iter().map(|c| c.id).collect();
    let seen = page_through(&app, &ws.owner_key, "/v1/logs/commands?limit=2", || {
        let db = db.clone();
        let fresh = command(ws_ref, "555", &[99], "accepted", newest);
        async move {
            let completion = panelrelay_adapters::storage::flow::Completion {
                command: Some(fresh),
                ..Default::default()
            };
            db.inbox_complete("none", completion, Utc::now())
                .await
                .unwrap();
        }
    })
    .await;
    assert_eq!(seen, expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_narrow_and_bad_values_are_refused() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let key = ws.owner_key.clone();
    let now = Utc::now();
    let (tg, ga) = (new_id(), new_id());
    let old = now - Duration::days(3);
    for record in [
        webhook(&ws, &tg, "telegram", "accepted", old),
        webhook(&ws, &tg, "telegram", "bad_signature", now),
        webhook(&ws, &ga, "whatsapp_greenapi", "accepted", now),
    ] {
        app.state.db.log_webhook(record).await.unwrap();
    }
    for record in [
        command(&ws, "555", &[2274209, 2274210], "accepted", now),
        command(&ws, "555", &[12274209], "in_cooldown", now),
        command(&ws, "777", &[2274209], "not_yours", old),
    ] {
        let completion = panelrelay_adapters::storage::flow::Completion {
            command: Some(record),
            ..Default::default()
        };
        app.state
            .db
            .inbox_complete("x", completion, now)
            .await
            .unwrap();
    }
    let count = |reply: crate::support::Reply| {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.body["items"].as_array().unwrap().len()
    };
    let since = (now - Duration::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let until = (now - Duration::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(count(app.get("/v1/logs/webhooks", &key).await), 3);
    assert_eq!(
        count(
            app.get(&format!("/v1/logs/webhooks?from={since}"), &key)
                .await
        ),
        2
    );
    assert_eq!(
        count(
            app.get(&format!("/v1/logs/webhooks?to={until}"), &key)
                .await
        ),
        1
    );
    assert_eq!(
        count(
            app.get("/v1/logs/webhooks?medium=whatsapp_greenapi", &key)
                .await
        ),
        1
    );
    assert_eq!(
        count(
            app.get(&format!("/v1/logs/webhooks?channel_id={tg}"), &key)
                .await
        ),
        2
    );
    let refused = app
        .get("/v1/logs/webhooks?outcome=bad_signature", &key)
        .await;
    assert_eq!(refused.body["items"][0]["status_code"], 401);
    assert_eq!(count(refused), 1);

    assert_eq!(
        count(app.get("/v1/logs/commands?order_id=2274209", &key).await),
        2,
        "whole ids only"
    );
    assert_eq!(
        count(app.get("/v1/logs/commands?order_id=2274210", &key).await),
        1
    );
    assert_eq!(
        count(app.get("/v1/logs/commands?outcome=in_cooldown", &key).await),
        1
    );
    assert_eq!(
        count(app.get("/v1/logs/commands?chat_id=777", &key).await),
        1
    );
    assert_eq!(
        count(
            app.get(
                &format!("/v1/logs/commands?chat_id=555&from={since}&order_id=2274209"),
                &key
            )
            .await
        ),
        1
    );
    let one = app.get("/v1/logs/commands?outcome=not_yours", &key).await;
    assert_eq!(one.body["items"][0]["order_ids"], json!([2274209]));
    assert_eq!(one.body["items"][0]["outcomes"][0]["reason"], "not_yours");

    for url in [
        "/v1/logs/webhooks?from=yesterday",
        "/v1/logs/webhooks?to=2026-13-01T00:00:00Z",
        &format!("/v1/logs/webhooks?from={since}&to=2020-01-01T00:00:00Z"),
        "/v1/logs/webhooks?medium=sms",
        "/v1/logs/webhooks?outcome=great",
        "/v1/logs/webhooks?channel_id=nope",
        "/v1/logs/commands?order_id=abc",
        "/v1/logs/commands?order_id=-4",
        "/v1/logs/commands?outcome=great",
        "/v1/logs/outbound?outcome=sent",
        "/v1/logs/dispatches?outcome=ok",
        "/v1/conversations?medium=fax",
        "/v1/cooldowns?action=dance",
        "/v1/logs/commands?limit=0",
    ] {
        let reply = app.get(url, &key).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{url}: {}",
            reply.body
        );
        assert_eq!(reply.error_code(), "invalid_parameter", "{url}");
    }
    for url in [
        "/v1/logs/webhooks?cursor=garbage",
        "/v1/logs/outbound?cursor=djE6bm90LWEta2V5",
        "/v1/conversations?cursor=djE6bm90LWEta2V5",
    ] {
        let reply = app.get(url, &key).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{url}");
        assert_eq!(reply.error_code(), "invalid_cursor", "{url}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn webhook_payloads_never_show_secrets() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let secrets =
        json!({"bot_token": "123456:AAHsecretBotToken", "webhook_secret": "whsec-0f9e8d7c"});
    let fields = ChannelFields {
        name: "bot".into(),
        config: json!({}),
        secrets_sealed: app.state.secrets.seal(&secrets.to_string()).unwrap(),
        secret_hints: Default::default(),
    };
    let channel = app
        .state
        .db
        .channels(workspace_id(&ws))
        .create(Medium::Telegram, fields, Utc::now())
        .await
        .unwrap();
    let mut record = webhook(
        &ws,
        &channel.id.to_string(),
        "telegram",
        "accepted",
        Utc::now(),
    );
    record.payload = r#"{"update_id":5,"message":{"text":"hi whsec-0f9e8d7c"},"apiTokenInstance":"ga-tok-998877","token":"abc"}"#.into();
    app.state.db.log_webhook(record).await.unwrap();
    let reply = app.get("/v1/logs/webhooks", &ws.owner_key).await;
    let payload = reply.body["items"][0]["payload"].as_str().unwrap();
    for secret in ["whsec-0f9e8d7c", "ga-tok-998877", "\"abc\""] {
        assert!(!payload.contains(secret), "{secret} shown: {payload}");
    }
    assert!(payload.contains("\"update_id\":5"), "{payload}");
    assert!(payload.contains("<redacted>"), "{payload}");
}

/// A fake Perfect Panel with alice's completed refillable order 2274209.
async fn panel() -> Running<PanelAdminV2> {
    let created = (Utc::now() - Duration::days(2))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let panel = PanelAdminV2::new("k-123456");
    panel.put_order(json!({"id": 2274209, "user": "alice", "service_id": 1,
        "service_name": "Followers [Refill: 30 Days]", "status": "completed",
        "provider": "provider-one.com", "external_id": "ext2274209", "created": created,
        "last_update": created, "remains": "0", "start_count": "10"}));
    serve(panel).await.unwrap()
}

/// Connects the panel, adds a Telegram channel, a route and links alice to chat 555.
async fn setup_flow(app: &TestApp, ws: &TestWorkspace, panel_url: &str) -> String {
    let body = json!({"type": "perfect_panel_v2", "base_url": panel_url, "api_key": "k-123456"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    let workspace = workspace_id(ws);
    let now = Utc::now();
    let fields = ChannelFields {
        name: "bot".into(),
        config: json!({}),
        secrets_sealed: app.state.secrets.seal("{}").unwrap(),
        secret_hints: Default::default(),
    };
    let channel = app
        .state
        .db
        .channels(workspace)
        .create(Medium::Telegram, fields, now)
        .await
        .unwrap();
    let route = RouteFields {
        name: "one".into(),
        channel_id: channel.id,
        provider_domains: vec!["provider-one.com".into()],
        alias: None,
        target_chat_id: "-1001".into(),
        target_topic_id: None,
        templates: DispatchTemplates::default(),
        enabled: true,
        is_fallback: false,
    };
    app.state
        .db
        .provider_routes(workspace)
        .create(route, now)
        .await
        .unwrap()
        .unwrap();
    app.state
        .db
        .identities(workspace)
        .link(Medium::Telegram, "555", "alice", now)
        .await
        .unwrap();
    channel.id.to_string()
}

/// Stores a customer message and lets the worker handle it.
async fn ask(app: &TestApp, ws: &TestWorkspace, channel: &str, key: &str, text: &str) {
    let event = NewInboxEvent {
        workspace_id: ws.id.clone(),
        channel_id: channel.into(),
        dedupe_key: key.into(),
        medium: "telegram".into(),
        chat_id: "555".into(),
        sender_id: "555".into(),
        text: text.into(),
        is_group: false,
        topic_id: None,
    };
    assert!(app.state.db.inbox_insert(&event, Utc::now()).await.unwrap());
    assert_eq!(worker::run_once(&app.state, 8).await.unwrap(), 1);
}

/// The reason of the newest command.
async fn last_reason(app: &TestApp, key: &str) -> String {
    let reply = app.get("/v1/logs/commands?limit=1", key).await;
    reply.body["items"][0]["outcomes"][0]["reason"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cleared_cooldown_lets_the_next_refill_through() {
    let app = TestApp::new().await;
    let a = app.workspace("A").await;
    let b = app.workspace("B").await;
    let (_, viewer) = app.key(&a.owner_key, "viewer").await;
    let (_, agent) = app.key(&a.owner_key, "agent").await;
    let fake = panel().await;
    let channel = setup_flow(&app, &a, fake.url()).await;

    ask(&app, &a, &channel, "tg:1", "2274209 refill").await;
    assert_eq!(last_reason(&app, &viewer).await, "accepted");
    ask(&app, &a, &channel, "tg:2", "2274209 refill").await;
    assert_eq!(last_reason(&app, &viewer).await, "in_cooldown");

    let listed = app
        .get("/v1/cooldowns?order_id=2274209&action=refill", &viewer)
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", listed.body);
    assert_eq!(items[0]["action"], "refill");
    let until: DateTime<Utc> = serde_json::from_value(items[0]["until"].clone()).unwrap();
    assert!(until > Utc::now() + Duration::hours(11), "a 12 h cooldown");
    assert_eq!(
        app.get("/v1/cooldowns?action=speed", &viewer).await.body["items"],
        json!([])
    );

    // A viewer may not clear it; another workspace does not find it.
    let refused = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/refill",
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "forbidden");
    let foreign = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/refill",
            Some(&b.owner_key),
            None,
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);
    assert_eq!(
        app.get("/v1/cooldowns", &b.owner_key).await.body["items"],
        json!([])
    );
    let bad = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/dance",
            Some(&agent),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    ask(&app, &a, &channel, "tg:3", "2274209 refill").await;
    assert_eq!(
        last_reason(&app, &viewer).await,
        "in_cooldown",
        "still running"
    );

    let cleared = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/refill",
            Some(&agent),
            None,
        )
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.body);
    assert_eq!(cleared.body["order_id"], 2274209);
    assert!(cleared.body["cleared_at"].is_string());
    assert_eq!(
        app.get("/v1/cooldowns", &viewer).await.body["items"],
        json!([])
    );
    let again = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/refill",
            Some(&agent),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "nothing left to clear");

    ask(&app, &a, &channel, "tg:4", "2274209 refill").await;
    assert_eq!(
        last_reason(&app, &viewer).await,
        "accepted",
        "accepted again"
    );
    assert_eq!(
        app.get("/v1/cooldowns", &viewer).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The same run, through the other logs.
    let dispatches = app
        .get("/v1/logs/dispatches?order_id=2274209", &viewer)
        .await;
    let items = dispatches.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{}", dispatches.body);
    assert_eq!(items[0]["external_ids"], json!(["ext2274209"]));
    assert_eq!(items[0]["status"], "pending");
    assert_eq!(items[0]["channel_id"], channel.as_str());
    assert_eq!(
        app.get("/v1/logs/dispatches?outcome=sent", &viewer)
            .await
            .body["items"],
        json!([])
    );
    assert_eq!(
        app.get("/v1/logs/dispatches?chat_id=-1001", &viewer)
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        app.get("/v1/logs/commands?outcome=in_cooldown", &viewer)
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let chats = app.get("/v1/conversations?medium=telegram", &viewer).await;
    assert_eq!(chats.status, StatusCode::OK, "{}", chats.body);
    let chat = &chats.body["items"][0];
    assert_eq!(chats.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(chat["chat_id"], "555");
    assert_eq!(chat["medium"], "telegram");
    assert_eq!(chat["message_count"], 8, "four asks, four replies");
    assert_eq!(chat["last_direction"], "out");
    assert_eq!(
        app.get("/v1/conversations?medium=whatsapp_meta", &viewer)
            .await
            .body["items"],
        json!([])
    );

    let url = format!("/v1/conversations/{channel}/555/messages?limit=3");
    let mut directions = Vec::new();
    let mut next = url.clone();
    loop {
        let page = app.get(&next, &viewer).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for item in page.body["items"].as_array().unwrap() {
            directions.push(item["direction"].as_str().unwrap().to_string());
        }
        match page.body["next_cursor"].as_str() {
            Some(cursor) => next = format!("{url}&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(
        directions,
        ["in", "out", "in", "out", "in", "out", "in", "out"]
    );

    // Workspace B sees none of it.
    for url in [
        "/v1/logs/commands",
        "/v1/logs/dispatches",
        "/v1/logs/webhooks",
        "/v1/logs/outbound",
        "/v1/conversations",
        "/v1/cooldowns",
    ] {
        let reply = app.get(url, &b.owner_key).await;
        assert_eq!(reply.status, StatusCode::OK, "{url}");
        assert_eq!(reply.body["items"], json!([]), "{url}");
    }
    let foreign = app
        .get(
            &format!("/v1/conversations/{channel}/555/messages"),
            &b.owner_key,
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_viewer_reads_every_log_and_outbound_attempts_are_listed() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let (ok, failed) = (new_id(), new_id());
    for (id, good) in [(&ok, true), (&failed, false)] {
        let record = panelrelay_adapters::storage::flow::OutboundRecord {
            id: id.clone(),
            workspace_id: ws.id.clone(),
            outbox_id: new_id(),
            channel_id: new_id(),
            ok: good,
            response: if good {
                "{\"ok\":true}".into()
            } else {
                String::new()
            },
            error: (!good).then(|| "blocked by the user".to_string()),
            created_at: to_db_time(Utc::now()),
        };
        app.state.db.log_outbound(record).await.unwrap();
    }
    for url in [
        "/v1/logs/webhooks",
        "/v1/logs/outbound",
        "/v1/logs/commands",
        "/v1/logs/dispatches",
        "/v1/conversations",
        "/v1/cooldowns",
        "/v1/health",
    ] {
        let reply = app.get(url, &viewer).await;
        assert_eq!(reply.status, StatusCode::OK, "{url}: {}", reply.body);
    }
    let failures = app.get("/v1/logs/outbound?outcome=failed", &viewer).await;
    assert_eq!(failures.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(failures.body["items"][0]["id"], failed.as_str());
    assert_eq!(failures.body["items"][0]["error"], "blocked by the user");
    let none = app.call(Method::GET, "/v1/logs/commands", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
}

fn conversation(ws: &TestWorkspace, chat: &str, at: DateTime<Utc>) -> ConversationRecord {
    ConversationRecord {
        id: new_id(),
        workspace_id: ws.id.clone(),
        channel_id: new_id(),
        chat_id: chat.into(),
        direction: "in".into(),
        text: "hello".into(),
        ref_id: new_id(),
        created_at: to_db_time(at),
    }
}

async fn retention_days(app: &TestApp, ws: &TestWorkspace, days: u32) {
    let doc = SettingsDocument {
        log_retention_days: days,
        ..SettingsDocument::default()
    };
    app.state
        .db
        .settings(workspace_id(ws))
        .put(&serde_json::to_string(&doc).unwrap(), Utc::now())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn retention_deletes_what_each_workspace_no_longer_keeps() {
    let app = TestApp::new().await;
    let short = app.workspace("short").await;
    let long = app.workspace("long").await;
    retention_days(&app, &short, 7).await;
    retention_days(&app, &long, 60).await;
    let now = Utc::now();
    let (old, recent) = (now - Duration::days(10), now - Duration::days(1));
    for ws in [&short, &long] {
        for at in [old, recent] {
            app.state
                .db
                .log_webhook(webhook(ws, &new_id(), "telegram", "accepted", at))
                .await
                .unwrap();
            let completion = panelrelay_adapters::storage::flow::Completion {
                command: Some(command(ws, "555", &[1], "accepted", at)),
                conversation: vec![conversation(ws, "555", at)],
                ..Default::default()
            };
            app.state
                .db
                .inbox_complete("x", completion, now)
                .await
                .unwrap();
        }
    }
    // More old rows than one batch holds, to see the batches repeat.
    let many = usize::try_from(maintenance::BATCH).unwrap() + 5;
    for _ in 0..many {
        app.state
            .db
            .log_webhook(webhook(&short, &new_id(), "telegram", "duplicate", old))
            .await
            .unwrap();
    }
    let deleted = maintenance::run_once(&app.state, now).await.unwrap();
    assert_eq!(
        deleted,
        many + 3,
        "short's old webhooks, command and message"
    );

    let count = |reply: crate::support::Reply| reply.body["items"].as_array().unwrap().len();
    assert_eq!(
        count(
            app.get("/v1/logs/webhooks?limit=200", &short.owner_key)
                .await
        ),
        1
    );
    assert_eq!(
        count(app.get("/v1/logs/commands", &short.owner_key).await),
        1
    );
    assert_eq!(
        count(app.get("/v1/conversations", &short.owner_key).await),
        1
    );
    assert_eq!(
        count(app.get("/v1/logs/webhooks", &long.owner_key).await),
        2
    );
    assert_eq!(
        count(app.get("/v1/logs/commands", &long.owner_key).await),
        2
    );
    let chats = app.get("/v1/conversations", &long.owner_key).await;
    assert_eq!(count(chats), 2, "two chats (one channel id each)");
    assert_eq!(
        maintenance::run_once(&app.state, now).await.unwrap(),
        0,
        "nothing left"
    );
}
