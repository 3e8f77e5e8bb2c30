//! The customer scenario most flow tests share: alice's completed order 2274209 on a fake
//! Perfect Panel, bought from provider-one.com (external id 7450284) and inside its 30-day
//! refill window; a channel; a route of provider-one.com to group -1001; a customer linked
//! to alice. Everything is wired through the API, as an integrator would.

use crate::support::{TestApp, TestWorkspace};
use chrono::Utc;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::telegram::Telegram;
use panelrelay_api::fakes::{Running, serve};
use panelrelay_api::flow::{sender, worker};
use panelrelay_core::ids::ChannelId;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

/// The webhook secret of every scenario channel.
pub const SECRET: &str = "hook-secret-123";

/// A fake Perfect Panel (key `k-123456`) with alice's order 2274209.
pub async fn fake_panel() -> Running<PanelAdminV2> {
    let created = (Utc::now() - chrono::Duration::days(2))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let panel = PanelAdminV2::new("k-123456");
    panel.put_order(json!({"id": 2274209, "user": "alice", "service_id": 1,
        "service_name": "Followers [Refill: 30 Days]", "status": "completed",
        "provider": "provider-one.com", "external_id": "7450284", "created": created}));
    serve(panel).await.unwrap()
}

/// A fake Telegram Bot API for the bot `123:ABC`, accepting every message.
pub async fn fake_telegram() -> Running<Telegram> {
    serve(Telegram::new("123:ABC")).await.unwrap()
}

/// Connects the panel, creates `channel`, routes provider-one.com to group -1001 through it
/// and links the channel's `customer` to alice. Returns the channel's id.
pub async fn configure(
    app: &TestApp,
    ws: &TestWorkspace,
    panel: &str,
    channel: Value,
    customer: &str,
) -> ChannelId {
    let key = Some(ws.owner_key.as_str());
    let panel = json!({"type": "perfect_panel_v2", "base_url": panel, "api_key": "k-123456"});
    let reply = app.call(Method::PUT, "/v1/panel", key, Some(panel)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let channel = app.post("/v1/channels", &ws.owner_key, channel).await;
    assert_eq!(channel.status, StatusCode::CREATED, "{}", channel.body);
    let channel_id = channel.body["id"].as_str().unwrap();
    let route = json!({"name": "provider one", "channel_id": channel_id,
        "provider_domains": ["provider-one.com"], "alias": "Main", "target_chat_id": "-1001"});
    let route = app.post("/v1/provider-routes", &ws.owner_key, route).await;
    assert_eq!(route.status, StatusCode::CREATED, "{}", route.body);
    let link = json!({"medium": channel.body["medium"], "identity": customer, "username": "alice"});
    let link = app.post("/v1/linked-users", &ws.owner_key, link).await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    ChannelId::parse(channel_id).unwrap()
}

/// [`configure`] with a Telegram channel on the fake `telegram` and customer 555. Returns the
/// channel's webhook path.
pub async fn wire(app: &TestApp, ws: &TestWorkspace, panel: &str, telegram: &str) -> String {
    let channel = json!({"medium": "telegram", "name": "support bot", "bot_token": "123:ABC",
        "webhook_secret": SECRET, "api_base_url": telegram});
    let id = configure(app, ws, panel, channel, "555").await;
    format!("/webhooks/telegram/{id}")
}

/// A private Telegram message from `chat`.
pub fn telegram_update(update_id: u64, chat: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {"message_id": update_id,
        "from": {"id": chat, "is_bot": false, "first_name": "Aziz"},
        "chat": {"id": chat, "first_name": "Aziz", "type": "private"}, "date": 1795505900,
        "text": text}})
}

/// Delivers a private Telegram message from customer 555 and runs the worker and the sender
/// until every message is out (Telegram allows one message per second to a chat, so a
/// second reply waits for its slot).
pub async fn customer_says(app: &TestApp, webhook: &str, update_id: u64, text: &str) {
    let update = telegram_update(update_id, 555, text);
    let reply = app
        .call_raw(
            Method::POST,
            webhook,
            &[
                ("content-type", "application/json"),
                ("x-telegram-bot-api-secret-token", SECRET),
            ],
            poem::Body::from(update.to_string()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    while worker::run_once(&app.state, 16).await.unwrap() > 0 {}
    for _ in 0..50 {
        while sender::run_once(&app.state, 16).await.unwrap() > 0 {}
        if app.state.db.outbox_depth(Utc::now()).await.unwrap().0 == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the outbox did not drain");
}

/// The (chat id, text) pairs the fake Telegram received, in arrival order.
pub fn telegram_sent(telegram: &Telegram) -> Vec<(String, String)> {
    telegram.send_requests()
}

/// The (chat id, text) pairs the fake Telegram received, sorted by chat id: the provider
/// group's message and the customer's reply leave in either order.
pub fn sent_by_chat(telegram: &Telegram) -> Vec<(String, String)> {
    let mut sent = telegram_sent(telegram);
    sent.sort();
    sent
}
