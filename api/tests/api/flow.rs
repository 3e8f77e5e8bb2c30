//! The worker: inbox events through the engine into the outbox, exactly once, with a fake
//! panel at the HTTP level.

use crate::support::{TestApp, TestWorkspace};
use chrono::Utc;
use panelrelay_adapters::storage::channels::ChannelFields;
use panelrelay_adapters::storage::flow::{
    MessageKind, NewInboxEvent, OutboxStatus, OutboxUpdate, Settlement,
};
use panelrelay_adapters::storage::provider_routes::RouteFields;
use panelrelay_api::fakes::panel_admin_v1::PanelAdminV1;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::reseller_v2::ResellerV2;
use panelrelay_api::fakes::{Running, serve};
use panelrelay_api::flow::worker;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use panelrelay_core::routing::DispatchTemplates;
use poem::http::Method;
use serde_json::json;

fn order(id: u64, user: &str, status: &str, provider: &str) -> serde_json::Value {
    let created = (Utc::now() - chrono::Duration::days(2))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    json!({"id": id, "user": user, "service_id": 1, "service_name": "Followers [Refill: 30 Days]",
        "status": status, "provider": provider, "external_id": format!("ext{id}"), "created": created,
        "last_update": created, "remains": "0", "start_count": "10"})
}

/// A fake Perfect Panel with alice's orders at two providers and bob's one order.
pub async fn panel() -> Running<PanelAdminV2> {
    let panel = PanelAdminV2::new("k-123456");
    for (id, user, status, provider) in [
        (2274209, "alice", "completed", "provider-one.com"),
        (2274210, "alice", "completed", "provider-two.com"),
        (2274211, "alice", "completed", "provider-one.com"),
        (3000001, "bob", "completed", "provider-one.com"),
    ] {
        panel.put_order(order(id, user, status, provider));
    }
    serve(panel).await.unwrap()
}

pub struct Setup {
    pub workspace: WorkspaceId,
    channel: String,
}

/// A workspace with the panel connected, one Telegram channel, a route per provider and
/// alice linked to chat 555.
pub async fn setup(app: &TestApp, ws: &TestWorkspace, panel_url: &str) -> Setup {
    let body = json!({"type": "perfect_panel_v2", "base_url": panel_url, "api_key": "k-123456"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
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
    for (name, domain, chat) in [
        ("one", "provider-one.com", "-1001"),
        ("two", "provider-two.com", "-1002"),
    ] {
        let fields = RouteFields {
            name: name.into(),
            channel_id: channel.id,
            provider_domains: vec![domain.into()],
            alias: None,
            target_chat_id: chat.into(),
            target_topic_id: None,
            templates: DispatchTemplates::default(),
            enabled: true,
            is_fallback: false,
        };
        app.state
            .db
            .provider_routes(workspace)
            .create(fields, now)
            .await
            .unwrap()
            .unwrap();
    }
    app.state
        .db
        .identities(workspace)
        .link(Medium::Telegram, "555", "alice", now)
        .await
        .unwrap();
    Setup {
        workspace,
        channel: channel.id.to_string(),
    }
}

pub fn event(setup: &Setup, key: &str, text: &str) -> NewInboxEvent {
    NewInboxEvent {
        workspace_id: setup.workspace.to_string(),
        channel_id: setup.channel.clone(),
        dedupe_key: key.into(),
        medium: "telegram".into(),
        chat_id: "555".into(),
        sender_id: "555".into(),
        text: text.into(),
        is_group: false,
        topic_id: None,
    }
}

pub async fn drain(app: &TestApp) -> usize {
    let mut total = 0;
    loop {
        let handled = worker::run_once(&app.state, 16).await.unwrap();
        if handled == 0 {
            return total;
        }
        total += handled;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_refill_splits_by_provider_and_replies_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let stored = app
        .state
        .db
        .inbox_insert(
            &event(&setup, "tg:1", "2274209, 2274210, 2274211 refill"),
            Utc::now(),
        )
        .await;
    assert!(stored.unwrap());
    assert_eq!(drain(&app).await, 1);

    let outbox = app.state.db.outbox_of(setup.workspace, 50).await.unwrap();
    let mut dispatches: Vec<(String, String)> = outbox
        .iter()
        .filter(|m| m.kind == MessageKind::Dispatch)
        .map(|m| (m.chat_id.clone(), m.text.clone()))
        .collect();
    dispatches.sort();
    assert_eq!(
        dispatches,
        [
            (
                "-1001".to_string(),
                "ext2274209,ext2274211 refill".to_string()
            ),
            ("-1002".to_string(), "ext2274210 refill".to_string())
        ],
        "two providers, two messages, never mixed"
    );
    let replies: Vec<&str> = outbox
        .iter()
        .filter(|m| m.kind == MessageKind::Reply)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(
        replies[0].matches("2274209").count() + replies[0].matches("2274210").count(),
        2,
        "{}",
        replies[0]
    );
    assert!(
        !replies[0].contains("provider-one.com"),
        "provider domains are never shown to customers"
    );

    let commands = app.state.db.command_log(setup.workspace, 10).await.unwrap();
    assert_eq!(commands.len(), 1);
    assert_eq!(commands[0].action.as_deref(), Some("refill"));
    assert!(
        commands[0].outcomes.contains("\"reason\":\"accepted\""),
        "{}",
        commands[0].outcomes
    );
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        2
    );
    let conversation = app
        .state
        .db
        .conversation(setup.workspace, "555", 10)
        .await
        .unwrap();
    assert_eq!(
        conversation
            .iter()
            .map(|c| c.direction.as_str())
            .collect::<Vec<_>>(),
        ["in", "out"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicates_cooldowns_and_foreign_orders() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let now = Utc::now();
    assert!(
        app.state
            .db
            .inbox_insert(&event(&setup, "tg:7", "2274209 refill"), now)
            .await
            .unwrap()
    );
    for _ in 0..5 {
        assert!(
            !app.state
                .db
                .inbox_insert(&event(&setup, "tg:7", "2274209 refill"), now)
                .await
                .unwrap(),
            "durable dedupe"
        );
    }
    // A new request for the same order: refused by the cooldown. Bob's order: not hers.
    app.state
        .db
        .inbox_insert(&event(&setup, "tg:8", "2274209 refill"), now)
        .await
        .unwrap();
    app.state
        .db
        .inbox_insert(&event(&setup, "tg:9", "3000001 refill"), now)
        .await
        .unwrap();
    assert_eq!(drain(&app).await, 3);
    let dispatches = app
        .state
        .db
        .dispatch_log(setup.workspace, 10)
        .await
        .unwrap();
    assert_eq!(dispatches.len(), 1, "one dispatch per (order, action)");
    let commands = app.state.db.command_log(setup.workspace, 10).await.unwrap();
    let reasons: Vec<String> = commands.iter().rev().map(|c| c.outcomes.clone()).collect();
    assert!(reasons[0].contains("accepted"));
    assert!(reasons[1].contains("in_cooldown"), "{}", reasons[1]);
    assert!(reasons[2].contains("not_yours"), "{}", reasons[2]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panel_outage_dispatches_nothing_and_consumes_no_cooldown() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let setup = setup(&app, &ws, &format!("http://{closed}")).await;
    app.state
        .db
        .inbox_insert(&event(&setup, "tg:1", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    drain(&app).await;
    let outbox = app.state.db.outbox_of(setup.workspace, 10).await.unwrap();
    assert_eq!(outbox.len(), 1, "a reply and nothing else");
    assert_eq!(outbox[0].kind, MessageKind::Reply);
    assert!(
        !outbox[0].text.to_lowercase().contains("error 5"),
        "a safe message: {}",
        outbox[0].text
    );
    assert!(
        !outbox[0].text.contains("127.0.0.1"),
        "no technical details: {}",
        outbox[0].text
    );

    // The panel comes back: the same order is accepted, its cooldown was never taken.
    let fake = panel().await;
    let body = json!({"type": "perfect_panel_v2", "base_url": fake.url(), "api_key": "k-123456"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    app.state
        .db
        .inbox_insert(&event(&setup, "tg:2", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    drain(&app).await;
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_event_claimed_by_a_crashed_worker_is_handled_once_after_its_lease() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    app.state
        .db
        .inbox_insert(&event(&setup, "tg:1", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    // A worker claims the event and handles it (claiming the cooldown) but dies before
    // committing.
    let claimed = app
        .state
        .db
        .inbox_claim(10, worker::INBOX_LEASE, Utc::now(), &[])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let _lost = worker::handle(&app.state, &claimed[0]).await.unwrap();
    assert_eq!(
        worker::run_once(&app.state, 10).await.unwrap(),
        0,
        "leased: nobody else takes it"
    );
    // After the lease, another worker takes it over and its own cooldown claim still holds.
    let later = Utc::now() + worker::INBOX_LEASE + chrono::Duration::seconds(1);
    let retaken = app
        .state
        .db
        .inbox_claim(10, worker::INBOX_LEASE, later, &[])
        .await
        .unwrap();
    assert_eq!(retaken.len(), 1);
    assert_eq!(retaken[0].attempts, 2);
    let completion = worker::handle(&app.state, &retaken[0]).await.unwrap();
    app.state
        .db
        .inbox_complete(&retaken[0].id, completion, later)
        .await
        .unwrap();
    let dispatches = app
        .state
        .db
        .dispatch_log(setup.workspace, 10)
        .await
        .unwrap();
    assert_eq!(dispatches.len(), 1, "dispatched after the restart");
    assert_eq!(dispatches[0].text, "ext2274209 refill");
    // The first worker's late completion changes nothing.
    let stale = worker::handle(&app.state, &claimed[0]).await.unwrap();
    assert!(
        app.state
            .db
            .inbox_complete(&claimed[0].id, stale.clone(), later)
            .await
            .is_err()
    );
    // Through the worker's group commit it is reported as already completed, not as a
    // failure, and the event stays done.
    let writer =
        panelrelay_api::flow::completion_writer::CompletionWriter::start(app.state.db.clone());
    assert_eq!(writer.complete(&claimed[0].id, stale).await, Ok(false));
    assert_eq!(
        app.state
            .db
            .inbox_claim(
                10,
                worker::INBOX_LEASE,
                later + worker::INBOX_LEASE * 2,
                &[]
            )
            .await
            .unwrap()
            .len(),
        0,
        "done events are never claimed again"
    );
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn run_text(app: &TestApp, setup: &Setup, key: &str, text: &str) {
    app.state
        .db
        .inbox_insert(&event(setup, key, text), Utc::now())
        .await
        .unwrap();
    drain(app).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_drive_cooldowns_and_the_service_rules_mode() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;

    // Cooldowns off: the same order may be asked twice.
    let mut settings = app.get("/v1/settings", &ws.owner_key).await.body;
    assert_eq!(settings["rules_mode"], "quick");
    assert_eq!(settings["cooldowns"]["refill_seconds"], 43200);
    settings["cooldowns"]["refill_seconds"] = json!(0);
    let put = app
        .call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(put.status, poem::http::StatusCode::OK, "{}", put.body);
    run_text(&app, &setup, "tg:1", "2274209 refill").await;
    run_text(&app, &setup, "tg:2", "2274209 refill").await;
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        2
    );

    // A manual override saying "no refill" applies in advanced mode only.
    app.state
        .db
        .service_rules(setup.workspace)
        .refresh(
            &[
                panelrelay_adapters::storage::service_rules::RefreshedService {
                    service_id: "1".into(),
                    name: "Followers [Refill: 30 Days]".into(),
                    category: None,
                    refill: panelrelay_core::service_rules::RefillPolicy::Days(30),
                    start: Default::default(),
                },
            ],
            Utc::now(),
        )
        .await
        .unwrap();
    let manual = json!({"refill": "none"});
    assert_eq!(
        app.call(
            Method::PUT,
            "/v1/service-rules/1",
            Some(&ws.owner_key),
            Some(manual)
        )
        .await
        .status,
        poem::http::StatusCode::OK
    );
    run_text(&app, &setup, "tg:3", "2274209 refill").await;
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        3,
        "quick mode: the name's 30 days apply"
    );
    settings["rules_mode"] = json!("advanced");
    app.call(
        Method::PUT,
        "/v1/settings",
        Some(&ws.owner_key),
        Some(settings),
    )
    .await;
    run_text(&app, &setup, "tg:4", "2274209 refill").await;
    assert_eq!(
        app.state
            .db
            .dispatch_log(setup.workspace, 10)
            .await
            .unwrap()
            .len(),
        3,
        "advanced mode: the override refuses"
    );
    let last = &app.state.db.command_log(setup.workspace, 1).await.unwrap()[0];
    assert!(
        last.outcomes.contains("refill_not_offered"),
        "{}",
        last.outcomes
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_are_validated_owned_and_isolated() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let defaults = app.get("/v1/settings", &ws.owner_key).await.body;
    assert_eq!(
        defaults["status_matrix"]["completed"],
        json!({"speed": false, "cancel": false, "refill": true})
    );
    assert_eq!(defaults["max_order_ids"], 100);
    for (field, value) in [
        ("max_order_ids", json!(0)),
        ("compact_threshold", json!(1000)),
        ("log_retention_days", json!(0)),
        ("lifetime_days", json!(-1)),
    ] {
        let mut body = defaults.clone();
        body[field] = value;
        let reply = app
            .call(Method::PUT, "/v1/settings", Some(&ws.owner_key), Some(body))
            .await;
        assert_eq!(reply.status, poem::http::StatusCode::BAD_REQUEST, "{field}");
    }
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    let mut changed = defaults.clone();
    changed["lifetime_days"] = json!(365);
    assert_eq!(
        app.call(
            Method::PUT,
            "/v1/settings",
            Some(&agent),
            Some(changed.clone())
        )
        .await
        .status,
        poem::http::StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            Method::PUT,
            "/v1/settings",
            Some(&ws.owner_key),
            Some(changed)
        )
        .await
        .body["lifetime_days"],
        365
    );
    assert!(
        app.get("/v1/settings", &other.owner_key).await.body["lifetime_days"].is_null(),
        "B keeps its own settings"
    );
}

/// A fake rental-style admin API v1 answering alice's order.
async fn admin_v1_panel() -> Running<PanelAdminV1> {
    let now = Utc::now();
    let date = (now - chrono::Duration::days(1))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let current = now.format("%Y-%m-%d %H:%M:%S").to_string();
    let panel = PanelAdminV1::new("k-123456");
    panel.put_order(
        json!({"id": 2274209, "username": "alice", "order_status": "Completed",
        "service": "Followers [Refill: 30 Days]", "provider": "provider-one.com",
        "external_id": "V1-9", "date": date, "current_date": current}),
    );
    serve(panel).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_engine_verifies_orders_through_the_admin_v1_and_reseller_adapters() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let v1 = admin_v1_panel().await;
    let setup = setup(&app, &ws, "http://127.0.0.1:9").await;
    let body = json!({"type": "admin_v1", "base_url": v1.url(), "api_key": "k-123456"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    run_text(&app, &setup, "tg:1", "2274209 refill").await;
    let dispatches = app
        .state
        .db
        .dispatch_log(setup.workspace, 10)
        .await
        .unwrap();
    assert_eq!(dispatches.len(), 1);
    assert_eq!(dispatches[0].text, "V1-9 refill");

    // Reseller API: no owners, so a linked customer is refused and an admin chat is served
    // (status details; nothing to forward without external ids).
    let reseller = ResellerV2::new("k-123456");
    reseller.put_status(
        2274209,
        json!({"charge": "1.2", "start_count": "10", "status": "In progress", "remains": "40",
            "currency": "USD"}),
    );
    let reseller = serve(reseller).await.unwrap();
    let body = json!({"type": "reseller_v2", "base_url": reseller.url(), "api_key": "k-123456"});
    app.call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    run_text(&app, &setup, "tg:2", "2274209 details").await;
    let linked = &app.state.db.command_log(setup.workspace, 1).await.unwrap()[0];
    assert!(linked.outcomes.contains("not_yours"), "{}", linked.outcomes);
    app.state
        .db
        .identities(setup.workspace)
        .add_admin(
            Medium::Telegram,
            "777",
            "ops",
            panelrelay_core::sender::AdminPermissions::default(),
            Utc::now(),
        )
        .await
        .unwrap();
    let mut admin = event(&setup, "tg:3", "2274209 details");
    admin.chat_id = "777".into();
    admin.sender_id = "777".into();
    app.state.db.inbox_insert(&admin, Utc::now()).await.unwrap();
    drain(&app).await;
    let served = &app.state.db.command_log(setup.workspace, 1).await.unwrap()[0];
    assert_eq!(served.sender_role, "admin");
    assert!(served.outcomes.contains("accepted"), "{}", served.outcomes);
    assert!(
        served
            .reply
            .as_deref()
            .unwrap_or("")
            .to_lowercase()
            .contains("progress"),
        "{:?}",
        served.reply
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn batched_writes_store_each_delivery_once_and_complete_each_event_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let db = &app.state.db;
    let now = Utc::now();
    // A repeat inside the batch and a repeat of an earlier batch are both reported as not new.
    let first = vec![
        event(&setup, "tg:1", "2274209 refill"),
        event(&setup, "tg:2", "hello"),
        event(&setup, "tg:1", "2274209 refill"),
    ];
    assert_eq!(
        db.inbox_insert_batch(&first, now).await.unwrap(),
        [true, true, false]
    );
    let second = vec![event(&setup, "tg:2", "hello"), event(&setup, "tg:3", "hi")];
    assert_eq!(
        db.inbox_insert_batch(&second, now).await.unwrap(),
        [false, true]
    );
    // A batch longer than one multi-row statement (500 rows) is stored whole.
    let many: Vec<NewInboxEvent> = (0..1_203)
        .map(|i| event(&setup, &format!("tg:bulk:{i}"), "hi"))
        .collect();
    let stored = db.inbox_insert_batch(&many, now).await.unwrap();
    assert_eq!(stored.iter().filter(|new| **new).count(), 1_203);
    assert_eq!(db.inbox_depth(now).await.unwrap().0, 3 + 1_203);

    // Two completions of the same event in one batch (two workers after a lease ran out):
    // the first is written, the second is reported as already completed and writes nothing.
    let claimed = db
        .inbox_claim(2_000, worker::INBOX_LEASE, now, &[])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3 + 1_203);
    let refill = claimed.iter().find(|e| e.dedupe_key == "tg:1").unwrap();
    let once = worker::handle(&app.state, refill).await.unwrap();
    let twice = worker::handle(&app.state, refill).await.unwrap();
    assert_eq!(once.outbox.len(), 2, "a provider message and a reply");
    let batch = vec![(refill.id.clone(), once), (refill.id.clone(), twice)];
    assert_eq!(
        db.inbox_complete_batch(&batch, now).await.unwrap(),
        [true, false]
    );
    assert_eq!(db.dispatch_log(setup.workspace, 10).await.unwrap().len(), 1);
    assert_eq!(db.outbox_of(setup.workspace, 10).await.unwrap().len(), 2);
    assert_eq!(db.command_log(setup.workspace, 10).await.unwrap().len(), 1);

    // Settling: the sent messages are marked in one statement, each with its own provider
    // id (or none) and time; a retry is kept apart.
    let messages = db
        .outbox_claim(10, chrono::Duration::seconds(30), now, &[])
        .await
        .unwrap();
    assert_eq!(messages.len(), 2);
    let sent_at = now + chrono::Duration::seconds(1);
    let (first, second) = (messages[0].id.clone(), messages[1].id.clone());
    let sent = |id: &str, provider_message_id: Option<&str>| Settlement {
        outbox_id: id.to_owned(),
        update: OutboxUpdate::Sent {
            provider_message_id: provider_message_id.map(str::to_owned),
            at: sent_at,
        },
        attempt: None,
    };
    db.outbox_settle(&[sent(&first, Some("m-1")), sent(&second, None)])
        .await
        .unwrap();
    let stored = db.outbox_of(setup.workspace, 10).await.unwrap();
    let find = |id: &str| stored.iter().find(|m| m.id == id).unwrap().clone();
    let (first, second) = (find(&first), find(&second));
    assert_eq!(first.status, OutboxStatus::Sent);
    assert_eq!(first.provider_message_id.as_deref(), Some("m-1"));
    assert_eq!(second.status, OutboxStatus::Sent);
    assert_eq!(second.provider_message_id, None);
    for message in [&first, &second] {
        assert_eq!(message.claimed_until, None);
        assert_eq!(
            message.sent_at.map(|at| at.and_utc().timestamp()),
            Some(sent_at.timestamp())
        );
    }
    assert_eq!(db.outbox_depth(now).await.unwrap().0, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn claims_take_lapsed_leases_first_and_keep_to_their_limit() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let db = &app.state.db;
    let now = Utc::now();
    let events: Vec<NewInboxEvent> = (0..12)
        .map(|i| event(&setup, &format!("tg:{i}"), "hi"))
        .collect();
    db.inbox_insert_batch(&events, now).await.unwrap();
    let first = db
        .inbox_claim(5, worker::INBOX_LEASE, now, &[])
        .await
        .unwrap();
    assert_eq!(first.len(), 5);
    // Within the lease nothing of the first claim comes back.
    let second = db
        .inbox_claim(3, worker::INBOX_LEASE, now, &[])
        .await
        .unwrap();
    assert_eq!(second.len(), 3);
    assert!(second.iter().all(|e| first.iter().all(|f| f.id != e.id)));
    // After it, the lapsed events come first, and the limit holds for both kinds together.
    let later = now + worker::INBOX_LEASE + chrono::Duration::seconds(1);
    let third = db
        .inbox_claim(6, worker::INBOX_LEASE, later, &[])
        .await
        .unwrap();
    assert_eq!(third.len(), 6);
    assert!(
        third.iter().all(|e| e.attempts == 2),
        "the 8 lapsed come before the 4 never claimed"
    );
    let rest = db
        .inbox_claim(100, worker::INBOX_LEASE, later, &[])
        .await
        .unwrap();
    assert_eq!(
        rest.len(),
        2 + 4,
        "the other 2 lapsed and the 4 never claimed"
    );
}
