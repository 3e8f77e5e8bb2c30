//! Webhook ingress under faults: nothing acknowledged is dropped, outages answer 503 (never
//! 404), refusals come in the error envelope, suspended workspaces process nothing, and
//! edits never run a command twice.

use crate::flow::{drain, event, panel, setup};
use crate::support::{Reply, TestApp};
use chrono::Utc;
use panelrelay_adapters::messaging::inbound::parse_telegram;
use panelrelay_adapters::storage::Database;
use panelrelay_adapters::storage::flow::MessageKind;
use panelrelay_api::app::build_app;
use panelrelay_api::state::{AppState, StateParts};
use poem::EndpointExt;
use poem::http::{Method, StatusCode};
use poem::test::TestClient;
use serde_json::{Value, json};
use std::time::Duration;

const SECRET: &str = "hook-secret-1";

fn update(update_id: u64, message_id: u64, text: &str, edited: bool) -> Value {
    let message = json!({"message_id": message_id, "from": {"id": 555, "is_bot": false, "first_name": "Aziz"},
        "chat": {"id": 555, "first_name": "Aziz", "type": "private"}, "date": 1795505900, "text": text});
    if edited {
        let mut message = message;
        message["edit_date"] = json!(1795505990);
        json!({"update_id": update_id, "edited_message": message})
    } else {
        json!({"update_id": update_id, "message": message})
    }
}

async fn post(app: &TestApp, channel: &str, secret: &str, body: &Value) -> Reply {
    let headers = [
        ("content-type", "application/json"),
        ("x-telegram-bot-api-secret-token", secret),
    ];
    app.call_raw(
        Method::POST,
        &format!("/webhooks/telegram/{channel}"),
        &headers,
        poem::Body::from(body.to_string()),
    )
    .await
}

async fn telegram_channel(app: &TestApp, owner_key: &str) -> String {
    let body = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET});
    let created = app.post("/v1/channels", owner_key, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.body["id"].as_str().unwrap().to_string()
}

/// A key-value entry for a delivery whose inbox row never committed (the crash window of a
/// fast-path dedupe) must not turn the provider's retry into a dropped delivery.
#[tokio::test(flavor = "multi_thread")]
async fn a_dedupe_entry_without_its_inbox_row_drops_nothing() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let channel = telegram_channel(&app, &ws.owner_key).await;
    let body = update(41, 41, "2274209 refill", false);
    let key = parse_telegram(body.to_string().as_bytes()).unwrap()[0]
        .dedupe_key
        .clone();
    app.state
        .kv
        .set_if_absent(
            &format!("dedupe:{channel}:{key}"),
            "1",
            Duration::from_secs(600),
        )
        .await
        .unwrap();
    let reply = post(&app, &channel, SECRET, &body).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["outcome"], "accepted", "{}", reply.body);
    assert_eq!(drain(&app).await, 1, "the delivery reached the inbox");
    let again = post(&app, &channel, SECRET, &body).await;
    assert_eq!(again.body["outcome"], "duplicate", "{}", again.body);
}

/// With the database unreachable a delivery to an existing channel is answered 503 with
/// `Retry-After` in the error envelope (providers retry 5xx; a 404 may stop them for good).
#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_database_answers_503_never_404() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let channel = telegram_channel(&app, &ws.owner_key).await;
    // The same application on a database that refuses connections.
    let dead = Database::open("postgres://postgres@127.0.0.1:1/unreachable", 1).unwrap();
    let state = AppState::new(StateParts {
        db: dead,
        ..app.parts.clone()
    })
    .unwrap();
    let client = TestClient::new(build_app(state).boxed());
    let response = client
        .post(format!("/webhooks/telegram/{channel}"))
        .header("content-type", "application/json")
        .header("x-telegram-bot-api-secret-token", SECRET)
        .body(update(42, 42, "2274209 refill", false).to_string())
        .send()
        .await;
    response.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    response.assert_header("retry-after", "5");
    let body: Value = response.0.into_body().into_json().await.unwrap();
    assert_eq!(body["error"]["code"], "service_unavailable", "{body}");
    assert!(
        body["error"]["request_id"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );
}

/// Refused deliveries use the error envelope every other route uses.
#[tokio::test(flavor = "multi_thread")]
async fn refusals_use_the_error_envelope() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let channel = telegram_channel(&app, &ws.owner_key).await;
    let good = update(43, 43, "2274209 refill", false);
    let wrong_secret = post(&app, &channel, "not-the-secret", &good).await;
    assert_eq!(wrong_secret.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_secret.error_code(), "unauthorized");
    let unknown = post(&app, "01890000-0000-7000-8000-000000000000", SECRET, &good).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error_code(), "not_found");
    let malformed = post(&app, &channel, SECRET, &json!({"no": "update"})).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.error_code(), "invalid_body");
}

/// A suspended workspace's deliveries are acknowledged and logged `workspace_suspended`,
/// not stored; after reactivation new deliveries are handled again.
#[tokio::test(flavor = "multi_thread")]
async fn a_suspended_workspace_processes_nothing() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let channel = telegram_channel(&app, &ws.owner_key).await;
    // The channel is opened (and cached) before the suspension.
    let first = post(&app, &channel, SECRET, &update(50, 50, "balance", false)).await;
    assert_eq!(first.body["outcome"], "accepted");
    drain(&app).await;
    let suspend = format!("/v1/workspaces/{}/suspend", ws.id);
    let suspended = app.post(&suspend, &app.admin_key, json!({})).await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.body);

    let reply = post(
        &app,
        &channel,
        SECRET,
        &update(51, 51, "2274209 refill", false),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.body["outcome"], "workspace_suspended",
        "{}",
        reply.body
    );
    assert_eq!(drain(&app).await, 0, "nothing was stored");
    app.state.webhook_log.flush().await;
    let owner = &ws.owner_key;
    let logged = app
        .get("/v1/logs/webhooks?outcome=workspace_suspended", owner)
        .await;
    assert_eq!(
        logged.status,
        StatusCode::FORBIDDEN,
        "the owner's key is refused too"
    );
    let reactivate = format!("/v1/workspaces/{}/reactivate", ws.id);
    let reactivated = app.post(&reactivate, &app.admin_key, json!({})).await;
    assert_eq!(reactivated.status, StatusCode::OK);
    let logged = app
        .get("/v1/logs/webhooks?outcome=workspace_suspended", owner)
        .await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    assert_eq!(logged.body["items"].as_array().unwrap().len(), 1);

    let after = post(&app, &channel, SECRET, &update(52, 52, "balance", false)).await;
    assert_eq!(after.body["outcome"], "accepted", "{}", after.body);
    assert_eq!(drain(&app).await, 1);
}

/// An event stored just before its workspace was suspended is completed without a reply
/// or a dispatch.
#[tokio::test(flavor = "multi_thread")]
async fn events_stored_before_a_suspension_send_nothing() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    let stored = app
        .state
        .db
        .inbox_insert(&event(&setup, "tg:1", "2274209 refill"), Utc::now())
        .await;
    assert!(stored.unwrap());
    let suspend = format!("/v1/workspaces/{}/suspend", ws.id);
    assert_eq!(
        app.post(&suspend, &app.admin_key, json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(drain(&app).await, 1, "the event was claimed and completed");
    let outbox = app.state.db.outbox_of(setup.workspace, 10).await.unwrap();
    assert!(outbox.is_empty(), "nothing to send: {outbox:?}");
    assert_eq!(drain(&app).await, 0, "and it is not retried");
}

/// Concurrent inbox batches holding the same deliveries in different orders (a provider's
/// retries landing in two group commits) all succeed, and each delivery is stored once: on
/// PostgreSQL, rows written in arrival order would deadlock on the unique index.
#[tokio::test(flavor = "multi_thread")]
async fn concurrent_batches_of_the_same_deliveries_store_each_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let fake = panel().await;
    let setup = setup(&app, &ws, fake.url()).await;
    // Batches above one statement's rows, each starting at a different point of the same
    // keys: in arrival order each would hold rows another one waits for.
    let per_batch = 1_000;
    for round in 0..4 {
        let keys: Vec<String> = (0..per_batch).map(|n| format!("tg:{round}:{n}")).collect();
        let mut tasks = tokio::task::JoinSet::new();
        for start in [0, per_batch / 4, per_batch / 2, 3 * per_batch / 4] {
            let mut batch: Vec<_> = keys
                .iter()
                .map(|key| event(&setup, key, "2274209 refill"))
                .collect();
            batch.rotate_left(start);
            let db = app.state.db.clone();
            tasks.spawn(async move { db.inbox_insert_batch(&batch, Utc::now()).await });
        }
        let mut stored = 0;
        while let Some(joined) = tasks.join_next().await {
            let answers = joined.unwrap().expect("no batch fails");
            stored += answers.into_iter().filter(|new| *new).count();
        }
        assert_eq!(
            stored, per_batch,
            "round {round}: each delivery stored once"
        );
    }
}

/// An edit that leaves the text unchanged does nothing; one that changes it is handled
/// once, however often it is redelivered.
#[tokio::test(flavor = "multi_thread")]
async fn edits_are_handled_once_and_only_when_the_text_changed() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let channel = telegram_channel(&app, &ws.owner_key).await;
    let outcome = |reply: Reply| reply.body["outcome"].as_str().unwrap_or("").to_string();
    let original = update(60, 7, "2274209 refill", false);
    assert_eq!(
        outcome(post(&app, &channel, SECRET, &original).await),
        "accepted"
    );
    let unchanged = update(61, 7, "2274209 refill", true);
    assert_eq!(
        outcome(post(&app, &channel, SECRET, &unchanged).await),
        "duplicate"
    );
    let changed = update(62, 7, "2274290 refill", true);
    assert_eq!(
        outcome(post(&app, &channel, SECRET, &changed).await),
        "accepted"
    );
    let redelivered = update(63, 7, "2274290 refill", true);
    assert_eq!(
        outcome(post(&app, &channel, SECRET, &redelivered).await),
        "duplicate"
    );
    assert_eq!(
        drain(&app).await,
        2,
        "the message and its one real correction"
    );
}

/// One workspace's hung panel does not hold up another's: the worker claims continuously,
/// a workspace holds at most its share of the slots, and what a claim takes beyond it is put
/// back, so an event that arrives behind another workspace's hung backlog is handled at once.
#[tokio::test(flavor = "multi_thread")]
async fn a_hung_panel_does_not_delay_another_workspace() {
    use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
    use panelrelay_api::fakes::{Fake, serve};
    use panelrelay_api::flow::scheduler::{self, Slots};
    use panelrelay_api::flow::worker::Inbox;

    let app = TestApp::new().await;
    let hung = PanelAdminV2::new("k-123456");
    hung.controls().set_latency(Duration::from_secs(120));
    let hung = serve(hung).await.unwrap();
    let slow_ws = app.workspace("Slow").await;
    let slow = setup(&app, &slow_ws, hung.url()).await;
    let fake = panel().await;
    let fast_ws = app.workspace("Fast").await;
    let fast = setup(&app, &fast_ws, fake.url()).await;

    let db = &app.state.db;
    // A backlog of the slow workspace's events, older than anything else: more than the
    // worker's slots, so it would head every claim.
    for n in 0..24 {
        let key = format!("tg:slow-{n}");
        db.inbox_insert(&event(&slow, &key, "2274209 refill"), Utc::now())
            .await
            .unwrap();
    }
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(scheduler::run(
        std::sync::Arc::new(Inbox::new(app.state.clone())),
        Slots::new(16),
        app.state.clone(),
        stopped,
    ));
    // The slow workspace's event is claimed and waits on its panel.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!hung.controls().requests().is_empty());
    db.inbox_insert(&event(&fast, "tg:fast", "2274209 refill"), Utc::now())
        .await
        .unwrap();
    app.state.wake.notify_waiters();
    let started = std::time::Instant::now();
    let replied = loop {
        let outbox = db.outbox_of(fast.workspace, 10).await.unwrap();
        if outbox.iter().any(|m| m.kind == MessageKind::Reply) {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the other workspace's reply waited for the hung panel"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(
        db.outbox_of(slow.workspace, 10).await.unwrap().is_empty(),
        "the hung workspace is still waiting"
    );
    let _ = stop.send(true);
    worker.abort();
    eprintln!("reply while another workspace's panel hung: {replied:?}");
}

/// Meta's verify token is the owner's to paste into Meta's dashboard: it reads back whole.
#[tokio::test(flavor = "multi_thread")]
async fn a_meta_verify_token_reads_back_whole() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let body = json!({"medium": "whatsapp_meta", "phone_number_id": "1099", "access_token": "EAAG-secret-token",
        "app_secret": "app-secret-123456"});
    let created = app.post("/v1/channels", &ws.owner_key, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let token = created.body["verify_token"].as_str().unwrap().to_string();
    assert!(token.len() >= 16, "a generated token: {token}");
    let id = created.body["id"].as_str().unwrap();
    let read = app.get(&format!("/v1/channels/{id}"), &ws.owner_key).await;
    assert_eq!(read.body["verify_token"], token.as_str());
    assert!(
        !read.body.to_string().contains("EAAG-secret-token"),
        "the access token stays write-only"
    );
    // The handshake passes with the token read back.
    let challenge = app
        .call_raw(
            Method::GET,
            &format!("/webhooks/whatsapp_meta/{id}?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=4242"),
            &[],
            poem::Body::empty(),
        )
        .await;
    assert_eq!(challenge.status, StatusCode::OK);
}
