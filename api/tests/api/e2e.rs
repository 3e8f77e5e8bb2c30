//! End to end over HTTP: a customer's webhook through ingress, the worker and the sender to
//! fake Telegram, Green API and Meta APIs, with a fake panel behind.

use crate::scenario::{
    SECRET, configure, fake_panel, fake_telegram, sent_by_chat, telegram_update,
};
use crate::support::TestApp;
use chrono::Utc;
use panelrelay_adapters::storage::flow::{MessageKind, OutboxStatus};
use panelrelay_api::fakes::greenapi::GreenApi;
use panelrelay_api::fakes::meta::Meta;
use panelrelay_api::fakes::{Answer, Fake, Rule, serve};
use panelrelay_api::flow::{sender, worker};
use panelrelay_core::cooldown::{cooldown_key, loaded_marker_key};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::rules::OrderAction;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn deliver(
    app: &TestApp,
    url: &str,
    headers: &[(&str, &str)],
    body: &Value,
) -> crate::support::Reply {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    app.call_raw(Method::POST, url, &all, poem::Body::from(body.to_string()))
        .await
}

async fn run_flow(app: &TestApp) {
    while worker::run_once(&app.state, 16).await.unwrap() > 0 {}
    while sender::run_once(&app.state, 16).await.unwrap() > 0 {}
}

#[tokio::test(flavor = "multi_thread")]
async fn telegram_refill_reaches_the_provider_group_and_the_customer_once() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "name": "support bot", "bot_token": "123:ABC",
        "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let url = format!("/webhooks/telegram/{id}");

    // The provider delivers the same update 20 times, concurrently.
    let update = telegram_update(884215001, 555, "2274209 refill");
    let mut deliveries = Vec::new();
    for _ in 0..20 {
        let (app, url, update) = (app.clone(), url.clone(), update.clone());
        deliveries.push(tokio::spawn(async move {
            deliver(
                &app,
                &url,
                &[("x-telegram-bot-api-secret-token", SECRET)],
                &update,
            )
            .await
            .status
        }));
    }
    for delivery in deliveries {
        assert_eq!(delivery.await.unwrap(), StatusCode::OK);
    }
    run_flow(&app).await;
    let sent = sent_by_chat(&telegram);
    assert_eq!(
        sent.len(),
        2,
        "one provider command and one reply: {sent:?}"
    );
    assert_eq!(sent[0], ("-1001".to_string(), "7450284 refill".to_string()));
    assert_eq!(sent[1].0, "555");
    assert!(sent[1].1.contains("2274209"), "{}", sent[1].1);
    assert!(!sent[1].1.contains("provider-one.com"));

    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    app.state.webhook_log.flush().await;
    let webhooks = app.state.db.webhook_log(workspace, 50).await.unwrap();
    assert_eq!(
        webhooks.iter().filter(|w| w.outcome == "accepted").count(),
        1
    );
    assert_eq!(
        webhooks.iter().filter(|w| w.outcome == "duplicate").count(),
        19
    );
    assert_eq!(
        app.state.db.command_log(workspace, 10).await.unwrap().len(),
        1
    );
    let outbound = app.state.db.outbound_log(workspace, 10).await.unwrap();
    assert_eq!(outbound.len(), 2);
    assert!(
        outbound
            .iter()
            .all(|o| o.ok && !o.response.contains("123:ABC")),
        "token redacted"
    );
    let channel = app.get(&format!("/v1/channels/{id}"), &ws.owner_key).await;
    assert!(channel.body["last_event_at"].is_string());
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_secrets_malformed_and_oversize_deliveries_are_refused_and_logged() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let url = format!("/webhooks/telegram/{id}");
    let update = telegram_update(1, 555, "2274209 refill");
    assert_eq!(
        deliver(&app, &url, &[], &update).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        deliver(
            &app,
            &url,
            &[("x-telegram-bot-api-secret-token", "wrong")],
            &update
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let malformed = app
        .call_raw(
            Method::POST,
            &url,
            &[("x-telegram-bot-api-secret-token", SECRET)],
            poem::Body::from("{not json"),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let huge = format!(
        "{{\"update_id\": 1, \"pad\": \"{}\"}}",
        "x".repeat(300 * 1024)
    );
    let oversize = app
        .call_raw(
            Method::POST,
            &url,
            &[("x-telegram-bot-api-secret-token", SECRET)],
            poem::Body::from(huge),
        )
        .await;
    assert_eq!(oversize.status, StatusCode::PAYLOAD_TOO_LARGE);
    let unknown = deliver(
        &app,
        "/webhooks/telegram/00000000-0000-7000-8000-000000000000",
        &[],
        &update,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    app.state.webhook_log.flush().await;
    let log = app.state.db.webhook_log(workspace, 10).await.unwrap();
    let outcomes: Vec<&str> = log.iter().map(|w| w.outcome.as_str()).collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "bad_signature").count(),
        2
    );
    assert!(outcomes.contains(&"malformed"));
    assert!(
        log.iter()
            .all(|w| !w.payload.contains("2274209") || w.outcome == "accepted"),
        "refused payloads are redacted"
    );
    run_flow(&app).await;
    assert_eq!(
        app.state.db.command_log(workspace, 10).await.unwrap().len(),
        0,
        "nothing refused was run"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_provider_429_is_retried_after_retry_after_and_delivered_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    telegram.controls().fail_next(
        "/sendMessage",
        1,
        Answer::Json(
            429,
            json!({"ok": false, "error_code": 429,
            "description": "Too Many Requests: retry after 1", "parameters": {"retry_after": 1}}),
        ),
    );
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let reply = deliver(
        &app,
        &format!("/webhooks/telegram/{id}"),
        &[("x-telegram-bot-api-secret-token", SECRET)],
        &telegram_update(5, 555, "help"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    run_flow(&app).await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let outbox = app.state.db.outbox_of(workspace, 10).await.unwrap();
    assert_eq!(
        outbox[0].status,
        OutboxStatus::Pending,
        "waiting for retry_after"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    run_flow(&app).await;
    let outbox = app.state.db.outbox_of(workspace, 10).await.unwrap();
    assert_eq!(outbox[0].status, OutboxStatus::Sent);
    let requests = telegram.controls().requests();
    assert_eq!(requests.len(), 2, "one refused attempt, one delivery");
    let outbound = app.state.db.outbound_log(workspace, 10).await.unwrap();
    assert_eq!(outbound.iter().filter(|o| o.ok).count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn greenapi_and_meta_messages_flow_end_to_end() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let green = serve(GreenApi::new("1101823456", "ga-token-999"))
        .await
        .unwrap();
    let channel = json!({"medium": "whatsapp_greenapi", "id_instance": "1101823456", "api_token": "ga-token-999",
        "webhook_secret": SECRET, "api_base_url": green.url()});
    let id = configure(&app, &ws, panel.url(), channel, "79991234567@c.us").await;
    let incoming = json!({"typeWebhook": "incomingMessageReceived",
        "instanceData": {"idInstance": 1101823456, "wid": "79990000000@c.us", "typeInstance": "whatsapp"},
        "timestamp": 1795505900, "idMessage": "3EB0C767D26A1D2E5A8B",
        "senderData": {"chatId": "79991234567@c.us", "sender": "79991234567@c.us", "senderName": "Ali"},
        "messageData": {"typeMessage": "textMessage", "textMessageData": {"textMessage": "2274209 refill"}}});
    let reply = deliver(
        &app,
        &format!("/webhooks/whatsapp_greenapi/{id}"),
        &[("authorization", &format!("Bearer {SECRET}"))],
        &incoming,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    run_flow(&app).await;
    let texts: Vec<Value> = green
        .controls()
        .requests_to("/sendMessage/")
        .iter()
        .map(|r| r.json())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t["chatId"] == "-1001" && t["message"] == "7450284 refill"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t["chatId"] == "79991234567@c.us"),
        "{texts:?}"
    );

    // Meta: the verification handshake and a signed delivery.
    let ws2 = app.workspace("B").await;
    let meta = serve(Meta::new("106540352242922", "EAAG-token"))
        .await
        .unwrap();
    let channel = json!({"medium": "whatsapp_meta", "phone_number_id": "106540352242922", "access_token": "EAAG-token",
        "app_secret": "app-secret-1", "verify_token": "verify-me", "api_base_url": meta.url()});
    let meta_id = configure(&app, &ws2, panel.url(), channel, "16505551234").await;
    let handshake = app
        .call_raw(Method::GET, &format!("/webhooks/whatsapp_meta/{meta_id}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"), &[], poem::Body::empty())
        .await;
    assert_eq!(handshake.status, StatusCode::OK);
    let refused = app
        .call_raw(Method::GET, &format!("/webhooks/whatsapp_meta/{meta_id}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"), &[], poem::Body::empty())
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
        "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Kerry"}, "wa_id": "16505551234"}],
        "messages": [{"from": "16505551234", "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
            "timestamp": "1749416383", "type": "text", "text": {"body": "2274209 refill"}}]}}]}]}).to_string();
    let signature = sign("app-secret-1", body.as_bytes());
    let bad = app
        .call_raw(
            Method::POST,
            &format!("/webhooks/whatsapp_meta/{meta_id}"),
            &[("x-hub-signature-256", "sha256=00")],
            poem::Body::from(body.clone()),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let good = app
        .call_raw(
            Method::POST,
            &format!("/webhooks/whatsapp_meta/{meta_id}"),
            &[("x-hub-signature-256", &signature)],
            poem::Body::from(body),
        )
        .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    run_flow(&app).await;
    let sent: Vec<Value> = meta
        .controls()
        .requests_to("/v26.0/106540352242922/messages")
        .iter()
        .map(|r| r.json())
        .collect();
    assert!(
        sent.iter()
            .any(|m| m["to"] == "-1001" && m["text"]["body"] == "7450284 refill"),
        "{sent:?}"
    );
    assert!(sent.iter().any(|m| m["to"] == "16505551234"), "{sent:?}");
}

fn sign(secret: &str, body: &[u8]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_claimed_by_a_crashed_sender_is_sent_once_after_its_lease() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let update = telegram_update(42, 555, "2274209 refill");
    deliver(
        &app,
        &format!("/webhooks/telegram/{id}"),
        &[("x-telegram-bot-api-secret-token", SECRET)],
        &update,
    )
    .await;
    while worker::run_once(&app.state, 16).await.unwrap() > 0 {}

    // A sender claims both messages and dies before sending them.
    let claimed = app
        .state
        .db
        .outbox_claim(16, sender::OUTBOX_LEASE, Utc::now(), &[])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    assert_eq!(
        sender::run_once(&app.state, 16).await.unwrap(),
        0,
        "leased: nobody else sends them"
    );
    assert!(telegram.controls().requests().is_empty());

    // After the lease another sender takes them over and sends each once.
    let later = Utc::now() + sender::OUTBOX_LEASE + chrono::Duration::seconds(1);
    let retaken = app
        .state
        .db
        .outbox_claim(16, sender::OUTBOX_LEASE, later, &[])
        .await
        .unwrap();
    assert_eq!(retaken.len(), 2);
    for message in &retaken {
        sender::deliver(&app.state, message).await.unwrap();
    }
    assert_eq!(
        sender::run_once(&app.state, 16).await.unwrap(),
        0,
        "nothing left to send"
    );
    let sent = sent_by_chat(&telegram);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0], ("-1001".to_string(), "7450284 refill".to_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_background_runner_handles_deliveries_without_help() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let loops = panelrelay_api::jobs::runner::spawn(app.state.clone(), stopped);
    let update = telegram_update(77, 555, "2274209 refill");
    deliver(
        &app,
        &format!("/webhooks/telegram/{id}"),
        &[("x-telegram-bot-api-secret-token", SECRET)],
        &update,
    )
    .await;
    let started = std::time::Instant::now();
    while sent_by_chat(&telegram).len() < 2 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the runner did not deliver"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    for handle in loops {
        handle.await.unwrap();
    }
    assert_eq!(
        sent_by_chat(&telegram)[0],
        ("-1001".to_string(), "7450284 refill".to_string())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn deliveries_spread_over_two_replicas_run_once() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    // A second replica: the same database and key-value store, its own caches and clients.
    let replica = app.replica();
    let clients = [
        std::sync::Arc::new(poem::test::TestClient::new(panelrelay_api::app::build_app(
            app.state.clone(),
        ))),
        std::sync::Arc::new(poem::test::TestClient::new(panelrelay_api::app::build_app(
            replica.clone(),
        ))),
    ];
    let body = telegram_update(9001, 555, "2274209 refill").to_string();
    let mut tasks = Vec::new();
    for i in 0..10 {
        let (client, body, url) = (
            clients[i % 2].clone(),
            body.clone(),
            format!("/webhooks/telegram/{id}"),
        );
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .header("content-type", "application/json")
                .header("x-telegram-bot-api-secret-token", SECRET)
                .body(body)
                .send()
                .await
                .0
                .status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::OK);
    }
    // Both replicas' workers and senders run at once.
    let states = [app.state.clone(), replica];
    let mut rounds = Vec::new();
    for state in states {
        rounds.push(tokio::spawn(async move {
            while worker::run_once(&state, 4).await.unwrap() > 0 {}
            while sender::run_once(&state, 4).await.unwrap() > 0 {}
        }));
    }
    for round in rounds {
        round.await.unwrap();
    }
    while sender::run_once(&app.state, 4).await.unwrap() > 0 {}
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    assert_eq!(
        app.state.db.command_log(workspace, 10).await.unwrap().len(),
        1
    );
    assert_eq!(
        app.state
            .db
            .dispatch_log(workspace, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let sent = sent_by_chat(&telegram);
    assert_eq!(
        sent.iter().filter(|(chat, _)| chat == "-1001").count(),
        1,
        "{sent:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_migrated_group_is_followed_and_a_blocked_customer_is_given_up() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    telegram.controls().script(
        Rule::on(
            "/sendMessage",
            Answer::Json(
                400,
                json!({"ok": false, "error_code": 400,
            "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": -1009876543210i64}}),
            ),
        )
        .body_contains(r#""chat_id":-1001,"#),
    );
    telegram.controls().script(
        Rule::on(
            "/sendMessage",
            Answer::Json(
                403,
                json!({"ok": false, "error_code": 403,
            "description": "Forbidden: bot was blocked by the user"}),
            ),
        )
        .body_contains(r#""chat_id":555,"#),
    );
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let update = telegram_update(31, 555, "2274209 refill");
    deliver(
        &app,
        &format!("/webhooks/telegram/{id}"),
        &[("x-telegram-bot-api-secret-token", SECRET)],
        &update,
    )
    .await;
    run_flow(&app).await;
    // The rate limiter spaces messages to one chat; let the retries come due.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    run_flow(&app).await;

    let sent = sent_by_chat(&telegram);
    assert!(
        sent.contains(&("-1009876543210".to_string(), "7450284 refill".to_string())),
        "{sent:?}"
    );
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let routes = app.state.db.provider_routes(workspace).all().await.unwrap();
    assert_eq!(
        routes[0].route.target.chat_id, "-1009876543210",
        "the route follows the group"
    );
    let outbox = app.state.db.outbox_of(workspace, 10).await.unwrap();
    let reply = outbox
        .iter()
        .find(|m| m.kind == MessageKind::Reply)
        .unwrap();
    assert_eq!(
        reply.status,
        OutboxStatus::Failed,
        "a blocked customer is not retried forever"
    );
    assert!(
        reply
            .last_error
            .as_deref()
            .unwrap_or("")
            .to_lowercase()
            .contains("blocked"),
        "{:?}",
        reply.last_error
    );
    let dispatch = outbox
        .iter()
        .find(|m| m.kind == MessageKind::Dispatch)
        .unwrap();
    assert_eq!(
        (dispatch.status, dispatch.chat_id.as_str()),
        (OutboxStatus::Sent, "-1009876543210")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_value_store_that_lost_its_data_forwards_nothing_twice() {
    let mut app = TestApp::new().await;
    // Two replies to one chat within a second: not this test's subject.
    app.state.send_rate_limits = false;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "name": "support bot", "bot_token": "123:ABC",
        "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let url = format!("/webhooks/telegram/{id}");
    let secret = [("x-telegram-bot-api-secret-token", SECRET)];

    let first = telegram_update(884216001, 555, "2274209 refill");
    assert_eq!(
        deliver(&app, &url, &secret, &first).await.status,
        StatusCode::OK
    );
    run_flow(&app).await;

    // The key-value store restarts without its data: the cooldown and the loaded marker go.
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let key = cooldown_key(workspace, OrderAction::Refill, 2274209);
    assert!(
        app.state.kv.delete(&key).await.unwrap(),
        "the claim was cached"
    );
    app.state
        .kv
        .delete(&loaded_marker_key(workspace))
        .await
        .unwrap();

    // A new message asking for the same refill.
    let second = telegram_update(884216002, 555, "2274209 refill");
    assert_eq!(
        deliver(&app, &url, &secret, &second).await.status,
        StatusCode::OK
    );
    run_flow(&app).await;

    let sent = sent_by_chat(&telegram);
    let to_group: Vec<&(String, String)> =
        sent.iter().filter(|(chat, _)| chat == "-1001").collect();
    assert_eq!(to_group.len(), 1, "forwarded once: {sent:?}");
    let replies: Vec<&str> = sent
        .iter()
        .filter(|(chat, _)| chat == "555")
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(replies.len(), 2, "{sent:?}");
    assert!(
        replies
            .iter()
            .any(|text| text.contains("already sent") && text.contains("2274209")),
        "the cooldown reply: {replies:?}"
    );
    let commands = app.state.db.command_log(workspace, 10).await.unwrap();
    assert!(
        commands[0].outcomes.contains("in_cooldown"),
        "{}",
        commands[0].outcomes
    );

    // An operator clears the cooldown; a later loss of the store does not bring it back.
    let cleared = app
        .call(
            Method::DELETE,
            "/v1/cooldowns/2274209/refill",
            Some(&ws.owner_key),
            None,
        )
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.body);
    app.state
        .kv
        .delete(&loaded_marker_key(workspace))
        .await
        .unwrap();
    let third = telegram_update(884216003, 555, "2274209 refill");
    assert_eq!(
        deliver(&app, &url, &secret, &third).await.status,
        StatusCode::OK
    );
    run_flow(&app).await;
    let sent = sent_by_chat(&telegram);
    let to_group = sent.iter().filter(|(chat, _)| chat == "-1001").count();
    assert_eq!(to_group, 2, "forwarded again once cleared: {sent:?}");
}
