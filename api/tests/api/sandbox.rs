//! `panelrelay sandbox`: the fakes and the demo workspace, started in process; the printed
//! deliveries go through the application, the worker and the sender, and the fakes record
//! the provider command and the customer's reply.

use crate::support::TestApp;
use panelrelay_api::fakes::Recorder;
use panelrelay_api::flow::{sender, worker};
use panelrelay_api::sandbox::{self, Delivery, SandboxHandles};
use poem::http::{Method, StatusCode};
use serde_json::Value;

async fn deliver(app: &TestApp, delivery: &Delivery) -> crate::support::Reply {
    let mut headers = vec![("content-type", "application/json")];
    headers.extend(
        delivery
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    );
    app.call_raw(
        Method::POST,
        &delivery.path,
        &headers,
        poem::Body::from(delivery.body.clone()),
    )
    .await
}

/// Runs the worker and the sender until the fakes hold `telegram` and `customer` messages
/// (Telegram allows one message a second per chat, so a second command to the same group
/// waits in the outbox), or five seconds pass.
async fn run_flow(app: &TestApp, sandbox: &SandboxHandles, telegram: usize, customer: &Recorder) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        while worker::run_once(&app.state, 16).await.unwrap() > 0 {}
        while sender::run_once(&app.state, 16).await.unwrap() > 0 {}
        let done =
            sandbox.telegram_sent.messages().len() >= telegram && !customer.messages().is_empty();
        if done || std::time::Instant::now() > deadline {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

fn delivery<'a>(sandbox: &'a SandboxHandles, medium: &str) -> &'a Delivery {
    sandbox
        .deliveries
        .iter()
        .find(|d| d.medium == medium)
        .unwrap()
}

fn pairs(messages: &[Value]) -> Vec<(String, String)> {
    messages
        .iter()
        .map(|m| {
            (
                m["chat_id"].as_str().unwrap().to_string(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A real HTTP GET, as a newcomer's curl would make: the status line and the JSON body.
async fn http_get(url: &str, headers: &[(&str, &str)]) -> (String, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = url.strip_prefix("http://").unwrap();
    let (host, path) = url.split_once('/').unwrap();
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let mut request = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.lines().next().unwrap().to_string();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_deliveries_reach_the_provider_groups_and_the_customer() {
    let app = TestApp::new().await;
    let sandbox = sandbox::start(&app.state).await.unwrap();
    for expected in [
        sandbox.demo.owner_key.as_str(),
        "/docs",
        "X-Telegram-Bot-Api-Secret-Token",
        "Authorization: Bearer",
        "X-Hub-Signature-256: sha256=",
        "2274209 refill",
        "/sent",
    ] {
        assert!(sandbox.guide.contains(expected), "guide lacks {expected}");
    }
    for delivery in &sandbox.deliveries {
        assert!(
            sandbox
                .guide
                .contains(&sandbox::guide::curl(&app.state.public_url, delivery)),
            "the guide prints the exact {} delivery",
            delivery.medium
        );
    }

    // The owner key works and shows the three seeded channels.
    let channels = app.get("/v1/channels", &sandbox.demo.owner_key).await;
    assert_eq!(channels.status, StatusCode::OK);
    assert_eq!(channels.body["items"].as_array().unwrap().len(), 3);

    // Telegram: alice asks for a refill of 2274209 (provider-one.com -> group -1001).
    let reply = deliver(&app, delivery(&sandbox, "telegram")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    run_flow(&app, &sandbox, 2, &sandbox.telegram_sent).await;
    // The sender handles different chats concurrently: the group's message and alice's
    // reply arrive in either order.
    let mut telegram = pairs(&sandbox.telegram_sent.messages());
    assert_eq!(telegram.len(), 2, "{telegram:?}");
    telegram.sort();
    assert_eq!(
        telegram[0],
        ("-1001".to_string(), "7450284 refill".to_string())
    );
    assert_eq!(telegram[1].0, sandbox::seed::ALICE_TELEGRAM);
    assert!(telegram[1].1.contains("2274209"), "{}", telegram[1].1);
    assert!(!telegram[1].1.contains("provider-one.com"));

    // Green API: 2274212 (provider-two.com -> group -1002 through the Telegram channel).
    let reply = deliver(&app, delivery(&sandbox, "whatsapp_greenapi")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    run_flow(&app, &sandbox, 3, &sandbox.greenapi_sent).await;
    let telegram = pairs(&sandbox.telegram_sent.messages());
    assert_eq!(
        telegram[2],
        ("-1002".to_string(), "9120551 refill".to_string()),
        "{telegram:?}"
    );
    let green = pairs(&sandbox.greenapi_sent.messages());
    assert_eq!(green.len(), 1, "{green:?}");
    assert_eq!(green[0].0, sandbox::seed::ALICE_GREENAPI);
    assert!(green[0].1.contains("2274212"), "{}", green[0].1);

    // Meta: the signature is accepted; a forged one is not.
    let meta = delivery(&sandbox, "whatsapp_meta");
    let mut forged = meta.clone();
    forged.headers = vec![("X-Hub-Signature-256".into(), "sha256=00".into())];
    assert_eq!(
        deliver(&app, &forged).await.status,
        StatusCode::UNAUTHORIZED
    );
    let reply = deliver(&app, meta).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    run_flow(&app, &sandbox, 4, &sandbox.meta_sent).await;
    let telegram = pairs(&sandbox.telegram_sent.messages());
    let sent_meta = pairs(&sandbox.meta_sent.messages());
    assert_eq!(
        telegram.get(3).cloned().unwrap_or_default(),
        ("-1001".to_string(), "7450301 refill".to_string()),
        "{telegram:?} {sent_meta:?}"
    );
    assert_eq!(sent_meta.len(), 1, "{sent_meta:?}");
    assert_eq!(sent_meta[0].0, sandbox::seed::ALICE_META);
    assert!(sent_meta[0].1.contains("2274213"), "{}", sent_meta[0].1);

    // What `curl <fake>/sent` shows.
    let (_, listed) = http_get(&format!("{}/sent", sandbox.urls.telegram), &[]).await;
    assert_eq!(listed.as_array().unwrap().len(), 4);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["request"]["chat_id"] == -1001),
        "{listed}"
    );
    let (_, listed) = http_get(&format!("{}/sent", sandbox.urls.meta), &[]).await;
    assert_eq!(listed[0]["request"]["messaging_product"], "whatsapp");
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_fakes_validate_like_the_real_providers() {
    let app = TestApp::new().await;
    let sandbox = sandbox::start(&app.state).await.unwrap();
    let key = &sandbox.demo.owner_key;
    for id in [
        sandbox.demo.telegram,
        sandbox.demo.greenapi,
        sandbox.demo.meta,
    ] {
        let validated = app
            .post(
                &format!("/v1/channels/{id}/validate"),
                key,
                serde_json::json!({}),
            )
            .await;
        assert_eq!(validated.status, StatusCode::OK, "{}", validated.body);
        assert_eq!(validated.body["ok"], true, "{}", validated.body);
    }
    let panel = app
        .call(Method::POST, "/v1/panel/test", Some(key), None)
        .await;
    assert_eq!(panel.status, StatusCode::OK, "{}", panel.body);
    // The fake panel: key checked, the envelope, a 404 envelope for unknown orders.
    let panel_key = [(
        "X-Api-Key",
        panelrelay_api::fakes::panel_admin_v2::PANEL_API_KEY,
    )];
    let base = format!("{}/adminapi/v2", sandbox.urls.panel);
    let (status, order) = http_get(&format!("{base}/orders/2274209"), &panel_key).await;
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(order["error_code"], 0);
    assert_eq!(order["data"]["external_id"], "7450284");
    assert_eq!(order["data"]["provider"], "provider-one.com");
    let (status, missing) = http_get(&format!("{base}/orders/1"), &panel_key).await;
    assert!(status.contains(" 404 "), "{status}");
    assert_ne!(missing["error_code"], 0);
    let (status, _) = http_get(&format!("{base}/orders/2274209"), &[]).await;
    assert!(status.contains(" 401 "), "{status}");
    let (_, users) = http_get(&format!("{base}/users?username=alice"), &panel_key).await;
    assert_eq!(users["data"]["count"], 1);
    assert_eq!(users["data"]["list"][0]["username"], "alice");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sandbox_panel_serves_a_service_refresh() {
    let app = TestApp::new().await;
    let sandbox = sandbox::start(&app.state).await.unwrap();
    let key = sandbox.demo.owner_key.as_str();
    let refreshed = app
        .call(Method::POST, "/v1/service-rules/refresh", Some(key), None)
        .await;
    assert_eq!(refreshed.status, StatusCode::OK, "{}", refreshed.body);
    assert_eq!(refreshed.body["source"], "recent_orders");
    assert!(
        refreshed.body["services"].as_i64().unwrap() >= 2,
        "{}",
        refreshed.body
    );
    let rules = app.get("/v1/service-rules", key).await;
    assert_eq!(rules.status, StatusCode::OK);
    assert!(!rules.body["items"].as_array().unwrap().is_empty());
}
