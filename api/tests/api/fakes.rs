//! The shared fakes (`panelrelay_api::fakes`) scripted per test, exercised through the real
//! reqwest adapters: failure scripts, order timelines, latency and the request log.

use panelrelay_adapters::messaging::{HttpClient, TelegramBot};
use panelrelay_adapters::panels::{PanelKind, PanelSettings, Tz, connect};
use panelrelay_api::fakes::panel_admin_v1::PanelAdminV1;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::reseller_v2::ResellerV2;
use panelrelay_api::fakes::telegram::Telegram;
use panelrelay_api::fakes::{Answer, Fake, Rule, serve};
use panelrelay_core::ports::{Messenger, OutboundText, PanelApi, PanelError, SendError};
use panelrelay_core::rules::OrderStatus;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

const KEY: &str = "k-fakes-0123456789";

fn client(kind: PanelKind, url: &str, timeout: Duration) -> Arc<dyn PanelApi> {
    connect(&PanelSettings {
        kind,
        base_url: url.to_string(),
        api_key: KEY.to_string(),
        timezone: Tz::UTC,
        timeout,
        requests_per_second: 100,
    })
    .unwrap()
}

fn order(id: u64, status: &str) -> serde_json::Value {
    json!({"id": id, "user": "alice", "service_id": 1, "service_name": "Followers [Refill: 30 Days]",
        "status": status, "provider": "provider-one.com", "external_id": "7450284",
        "created": "2026-01-02 03:04:05"})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scripted_server_error_is_retried_then_the_order_is_read() {
    let panel = PanelAdminV2::new(KEY);
    panel.put_order(order(2274209, "completed"));
    let panel = serve(panel).await.unwrap();
    panel
        .controls()
        .fail_next("/orders/2274209", 1, Answer::Status(500));
    let api = client(
        PanelKind::PerfectPanelV2,
        panel.url(),
        Duration::from_secs(5),
    );

    let orders = api.fetch_orders(&[2274209]).await.unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status, OrderStatus::Completed);
    let asked = panel.controls().requests_to("/adminapi/v2/orders/2274209");
    assert_eq!(asked.len(), 2, "one 500, then the retry");
    assert_eq!(asked[1].method, "GET");
    assert_eq!(asked[1].header("x-api-key"), Some(KEY));

    // The script is used up: the next fetch is answered at once.
    api.fetch_orders(&[2274209]).await.unwrap();
    assert_eq!(panel.controls().requests().len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_timeline_is_seen_on_the_next_fetch() {
    let panel = PanelAdminV2::new(KEY);
    panel.put_order(order(2274209, "pending"));
    let panel = serve(panel).await.unwrap();
    let api = client(
        PanelKind::PerfectPanelV2,
        panel.url(),
        Duration::from_secs(5),
    );

    let read = |api: Arc<dyn PanelApi>| async move {
        api.fetch_orders(&[2274209]).await.unwrap()[0]
            .status
            .clone()
    };
    assert_eq!(read(api.clone()).await, OrderStatus::Pending);
    assert!(panel.set_status(2274209, "in_progress"));
    assert_eq!(read(api.clone()).await, OrderStatus::InProgress);
    panel.put_order(order(2274209, "completed"));
    assert_eq!(read(api.clone()).await, OrderStatus::Completed);
    panel.remove_order(2274209);
    assert!(api.fetch_orders(&[2274209]).await.unwrap().is_empty());
    assert!(!panel.set_status(1, "completed"), "no such order");
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_json_latency_and_a_wrong_key_are_reported() {
    let panel = serve(PanelAdminV2::new(KEY)).await.unwrap();
    panel
        .controls()
        .fail_next("/adminapi/v2/users", 1, Answer::InvalidJson);
    let api = client(
        PanelKind::PerfectPanelV2,
        panel.url(),
        Duration::from_millis(300),
    );
    assert!(matches!(
        api.find_user("alice").await,
        Err(PanelError::Decode(_))
    ));
    assert_eq!(api.find_user("alice").await.unwrap(), None);

    // Slower than the client's timeout, every time (retries included).
    panel.controls().set_latency(Duration::from_secs(2));
    assert_eq!(
        api.fetch_orders(&[1]).await.unwrap_err(),
        PanelError::Timeout
    );
    panel.controls().set_latency(Duration::ZERO);

    let wrong = connect(&PanelSettings {
        kind: PanelKind::PerfectPanelV2,
        base_url: panel.url().to_string(),
        api_key: "not-the-key".into(),
        timezone: Tz::UTC,
        timeout: Duration::from_secs(5),
        requests_per_second: 100,
    })
    .unwrap();
    assert_eq!(
        wrong.fetch_orders(&[1]).await.unwrap_err(),
        PanelError::BadKey
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_action_based_panels_answer_from_their_data() {
    let v1 = PanelAdminV1::new(KEY);
    v1.put_order(
        json!({"id": 5, "username": "alice", "order_status": "Partial",
        "service": "Views", "date": "2026-01-02 03:04:05", "current_date": "2026-01-03 03:04:05"}),
    );
    v1.put_user(json!({"username": "alice", "balance": "3.50"}));
    let v1 = serve(v1).await.unwrap();
    let api = client(PanelKind::AdminV1, v1.url(), Duration::from_secs(5));
    let orders = api.fetch_orders(&[5, 6]).await.unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status, OrderStatus::Partial);
    assert!(api.find_user("alice").await.unwrap().is_some());
    assert!(api.find_user("ghost").await.unwrap().is_none());
    let form = v1.controls().requests()[0].text();
    assert!(form.contains("action=getOrders-by-id"), "{form}");
    assert!(form.contains(&format!("key={KEY}")), "{form}");

    let reseller = ResellerV2::new(KEY);
    reseller.put_status(7, json!({"status": "In progress", "remains": "40"}));
    let reseller = serve(reseller).await.unwrap();
    let api = client(
        PanelKind::ResellerV2,
        reseller.url(),
        Duration::from_secs(5),
    );
    let orders = api.fetch_orders(&[7, 8]).await.unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status, OrderStatus::InProgress);
    assert_eq!(orders[0].remains, Some(40));
}

#[tokio::test(flavor = "multi_thread")]
async fn telegram_sends_are_recorded_and_scripted_refusals_come_first() {
    let telegram = serve(Telegram::new("123:ABC")).await.unwrap();
    telegram.controls().script(
        Rule::on(
            "/sendMessage",
            Answer::Json(
                429,
                json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3}}),
            ),
        )
        .body_contains("\"chat_id\":-1001,")
        .times(1),
    );
    let bot = TelegramBot::new(
        HttpClient::new(Duration::from_secs(5)).unwrap(),
        telegram.url(),
        "123:ABC",
    );
    let text = |chat_id: &str, text: &str| OutboundText {
        chat_id: chat_id.into(),
        topic_id: None,
        text: text.into(),
    };

    assert_eq!(
        bot.send_text(&text("-1001", "7450284 refill")).await,
        Err(SendError::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        })
    );
    let sent = bot
        .send_text(&text("-1001", "7450284 refill"))
        .await
        .unwrap();
    assert!(sent.provider_message_id.is_some());
    bot.send_text(&text("555", "Order 2274209: refill requested."))
        .await
        .unwrap();

    assert_eq!(
        telegram.send_requests(),
        [
            ("-1001".to_string(), "7450284 refill".to_string()),
            ("-1001".to_string(), "7450284 refill".to_string()),
            (
                "555".to_string(),
                "Order 2274209: refill requested.".to_string()
            ),
        ]
    );
    assert_eq!(
        telegram.sent().len(),
        2,
        "the refused one was not delivered"
    );
    assert_eq!(
        telegram.sent().messages()[1]["text"],
        "Order 2274209: refill requested."
    );

    // A wrong token is refused like the real Bot API does.
    let stranger = TelegramBot::new(
        HttpClient::new(Duration::from_secs(5)).unwrap(),
        telegram.url(),
        "999:XYZ",
    );
    assert_eq!(
        stranger.send_text(&text("555", "hi")).await,
        Err(SendError::AuthFailed)
    );
}
