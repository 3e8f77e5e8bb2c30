//! `/metrics` tells what the flow did: webhooks by medium and outcome, commands by action
//! and outcome, sends, panel requests, the queues and the process, with bounded labels.

use crate::scenario::{SECRET, customer_says, fake_panel, fake_telegram, telegram_update, wire};
use crate::support::TestApp;
use poem::http::{Method, StatusCode};

async fn metrics(app: &TestApp) -> String {
    let response = app.client.get("/metrics").send().await;
    response.assert_status_is_ok();
    response.0.into_body().into_string().await.unwrap()
}

/// The value of the sample `name{labels}` (labels in Prometheus' sorted order).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_flow_is_counted_by_medium_action_and_outcome() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let webhook = wire(&app, &ws, panel.url(), telegram.url()).await;

    let before = metrics(&app).await;
    assert_eq!(
        sample(&before, r#"panelrelay_queue_depth{queue="inbox"}"#),
        Some(0.0),
        "{before}"
    );
    assert_eq!(
        sample(
            &before,
            r#"panelrelay_webhooks_received_total{medium="telegram",outcome="accepted"}"#
        ),
        None
    );

    // One refused delivery (wrong secret), then alice's refill, then one of bob's orders.
    let refused = app
        .call_raw(
            Method::POST,
            &webhook,
            &[
                ("content-type", "application/json"),
                ("x-telegram-bot-api-secret-token", "wrong"),
            ],
            poem::Body::from(telegram_update(1, 555, "2274209 refill").to_string()),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    customer_says(&app, &webhook, 2, "2274209 refill").await;
    customer_says(&app, &webhook, 3, "help").await;

    let text = metrics(&app).await;
    let count = |series: &str| sample(&text, series).unwrap_or(0.0);
    assert_eq!(
        count(r#"panelrelay_webhooks_received_total{medium="telegram",outcome="accepted"}"#),
        2.0,
        "{text}"
    );
    assert_eq!(
        count(r#"panelrelay_webhooks_received_total{medium="telegram",outcome="bad_signature"}"#),
        1.0,
        "{text}"
    );
    assert_eq!(
        count(r#"panelrelay_commands_total{action="refill",outcome="accepted"}"#),
        1.0,
        "{text}"
    );
    assert_eq!(
        count(r#"panelrelay_commands_total{action="help",outcome="no_orders"}"#),
        1.0,
        "{text}"
    );
    // The provider's command, the refill's reply and the help text.
    assert_eq!(
        count(r#"panelrelay_sends_total{medium="telegram",outcome="sent"}"#),
        3.0,
        "{text}"
    );
    assert_eq!(
        count(r#"panelrelay_send_duration_seconds_count{medium="telegram"}"#),
        3.0
    );
    assert!(
        count(
            r#"panelrelay_panel_requests_total{call="fetch_orders",outcome="ok",panel_type="perfect_panel_v2"}"#
        ) >= 1.0,
        "{text}"
    );
    assert_eq!(
        sample(&text, r#"panelrelay_queue_depth{queue="outbox"}"#),
        Some(0.0)
    );
    assert!(text.contains("\nprocess_cpu_seconds_total "), "{text}");
    assert!(text.contains("\nprocess_open_fds "), "{text}");
    assert!(text.contains("\nprocess_resident_memory_bytes "), "{text}");
    // Bounded labels: no workspace, channel or chat id in any series.
    let channel_id = webhook.rsplit('/').next().unwrap();
    for line in text.lines().filter(|line| line.contains('{')) {
        assert!(
            !line.contains(&ws.id) && !line.contains(channel_id) && !line.contains("\"555\""),
            "{line}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn queued_customer_messages_show_as_depth_and_age() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let webhook = wire(&app, &ws, panel.url(), telegram.url()).await;
    // Delivered but not handled: no worker runs here.
    for update_id in [10, 11] {
        let reply = app
            .call_raw(
                Method::POST,
                &webhook,
                &[
                    ("content-type", "application/json"),
                    ("x-telegram-bot-api-secret-token", SECRET),
                ],
                poem::Body::from(telegram_update(update_id, 555, "2274209 refill").to_string()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    // The inbox writer commits in the background; wait for both rows.
    let mut text = String::new();
    for _ in 0..50 {
        text = metrics(&app).await;
        if sample(&text, r#"panelrelay_queue_depth{queue="inbox"}"#) == Some(2.0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        sample(&text, r#"panelrelay_queue_depth{queue="inbox"}"#),
        Some(2.0),
        "{text}"
    );
    assert!(
        sample(
            &text,
            r#"panelrelay_queue_oldest_age_seconds{queue="inbox"}"#
        )
        .is_some()
    );
}
