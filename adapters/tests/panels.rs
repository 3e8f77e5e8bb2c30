//! The three panel clients against HTTP-level fakes (wiremock): happy paths, the quirks of
//! the reference, every error class, slow panels, partial batches, and no key in any log.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use panelrelay_adapters::panels::{self, PanelKind, PanelSettings, Tz};
use panelrelay_core::ports::panel::{NewTicket, PanelApi, PanelError};
use panelrelay_core::rules::OrderStatus;
use serde_json::json;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "pp-admin-key-s3cr3t-4f9a";

/// Every log line of this test binary, to prove the key never appears in one.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || LogWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn settings(kind: PanelKind, base_url: &str) -> PanelSettings {
    captured_logs();
    PanelSettings {
        kind,
        base_url: base_url.to_string(),
        api_key: KEY.to_string(),
        timezone: "Asia/Kolkata".parse::<Tz>().unwrap(),
        timeout: Duration::from_millis(800),
        requests_per_second: 1000,
    }
}

fn client(kind: PanelKind, server: &MockServer) -> Arc<dyn PanelApi> {
    panels::connect(&settings(kind, &server.uri())).unwrap()
}

fn v2_order(id: u64, user: &str, status: &str) -> serde_json::Value {
    json!({"data": {"id": id, "user": user, "service_id": 3463,
        "service_name": "Instagram Followers [Refill: 30 Days] [Start: 0-1 Hour]",
        "link": "https://instagram.com/x", "quantity": 1000, "start_count": "850", "remains": "0",
        "status": status, "charge": {"value": "1.20", "currency_code": "USD", "formatted": "$1.20"},
        "provider": "someprovider.com", "external_id": format!("74{id}"),
        "created": "2025-01-02 10:11:12", "last_update": "2025-01-02 14:00:00"},
        "error_code": 0, "error_message": ""})
}

async fn v2_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders/2274209"))
        .and(header("X-Api-Key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(v2_order(
            2274209,
            "alice",
            "completed",
        )))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn perfect_panel_reads_orders_with_owner_provider_and_external_id() {
    let server = v2_server().await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders/555"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": null, "error_code": 404, "error_message": "Order not found"}),
        ))
        .mount(&server)
        .await;
    let panel = client(PanelKind::PerfectPanelV2, &server);
    let orders = panel.fetch_orders(&[2274209, 555]).await.unwrap();
    assert_eq!(orders.len(), 1, "the unknown order is absent, not an error");
    let order = &orders[0];
    assert_eq!(order.id, 2274209);
    assert_eq!(order.user, "alice");
    assert_eq!(order.status, OrderStatus::Completed);
    assert_eq!(order.raw_status, "completed");
    assert_eq!(order.provider.as_deref(), Some("someprovider.com"));
    assert_eq!(order.external_id.as_deref(), Some("742274209"));
    assert_eq!(order.service_id.as_deref(), Some("3463"));
    assert_eq!(order.start_count, Some(850));
    assert_eq!(order.remains, Some(0));
    assert_eq!(order.charge.as_deref(), Some("1.20"));
    // Zone-less panel dates are read in the panel's timezone (Asia/Kolkata, UTC+5:30).
    assert_eq!(
        order.created_at.unwrap().to_rfc3339(),
        "2025-01-02T04:41:12+00:00"
    );
    assert_eq!(
        order.updated_at.unwrap().to_rfc3339(),
        "2025-01-02T08:30:00+00:00"
    );
}

#[tokio::test]
async fn perfect_panel_tolerates_loose_types_and_spellings() {
    let server = MockServer::start().await;
    let body = json!({"data": {"id": "77", "User": "Bob", "service_id": "12", "service_name": "Likes",
        "status": "In progress", "remains": "Unknown", "start_count": 5, "charge": 0.08011655652,
        "provider": "p.example", "external_id": 991, "created_timestamp": 1735812672}, "error_code": "0"});
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders/77"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let order = client(PanelKind::PerfectPanelV2, &server)
        .fetch_orders(&[77])
        .await
        .unwrap()
        .remove(0);
    assert_eq!(order.user, "Bob");
    assert_eq!(order.status, OrderStatus::InProgress);
    assert_eq!(order.remains, None, "\"Unknown\" remains is absent");
    assert_eq!(order.charge.as_deref(), Some("0.08011655652"));
    assert_eq!(order.external_id.as_deref(), Some("991"));
    assert_eq!(
        order.created_at.unwrap().to_rfc3339(),
        "2025-01-02T10:11:12+00:00"
    );
}

#[tokio::test]
async fn one_bad_id_among_a_hundred_leaves_the_other_ninety_nine() {
    let server = MockServer::start().await;
    for id in 1000..1100u64 {
        let response = if id == 1050 {
            ResponseTemplate::new(404).set_body_json(
                json!({"data": null, "error_code": 100, "error_message": "Incorrect order ID"}),
            )
        } else {
            ResponseTemplate::new(200).set_body_json(v2_order(id, "carol", "partial"))
        };
        Mock::given(method("GET"))
            .and(path(format!("/adminapi/v2/orders/{id}")))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    let ids: Vec<u64> = (1000..1100).collect();
    let orders = client(PanelKind::PerfectPanelV2, &server)
        .fetch_orders(&ids)
        .await
        .unwrap();
    assert_eq!(orders.len(), 99);
    assert!(
        orders
            .iter()
            .all(|o| o.id != 1050 && o.status == OrderStatus::Partial)
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        100,
        "one call per order, no retries"
    );
}

#[tokio::test]
async fn error_classes_are_told_apart() {
    let server = MockServer::start().await;
    let cases = [
        (
            "/adminapi/v2/orders/1",
            ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized"})),
        ),
        (
            "/adminapi/v2/orders/2",
            ResponseTemplate::new(200).set_body_json(
                json!({"data": null, "error_code": 1, "error_message": "Invalid API key"}),
            ),
        ),
        (
            "/adminapi/v2/orders/3",
            ResponseTemplate::new(200).set_body_json(
                json!({"data": null, "error_code": 7, "error_message": "Maintenance"}),
            ),
        ),
        (
            "/adminapi/v2/orders/4",
            ResponseTemplate::new(403)
                .insert_header("content-type", "text/html")
                .set_body_string("<!DOCTYPE html><html><title>Just a moment...</title></html>"),
        ),
        (
            "/adminapi/v2/orders/5",
            ResponseTemplate::new(200).set_body_string("<html><body>cf challenge</body></html>"),
        ),
        (
            "/adminapi/v2/orders/6",
            ResponseTemplate::new(502).set_body_string("bad gateway"),
        ),
        (
            "/adminapi/v2/orders/7",
            ResponseTemplate::new(200).set_body_string("{not json"),
        ),
        ("/adminapi/v2/orders/8", ResponseTemplate::new(429)),
    ];
    for (route, response) in cases {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    let panel = client(PanelKind::PerfectPanelV2, &server);
    assert_eq!(panel.fetch_orders(&[1]).await, Err(PanelError::BadKey));
    assert_eq!(panel.fetch_orders(&[2]).await, Err(PanelError::BadKey));
    assert_eq!(
        panel.fetch_orders(&[3]).await,
        Err(PanelError::Api {
            code: 7,
            message: "Maintenance".into()
        })
    );
    assert_eq!(
        panel.fetch_orders(&[4]).await,
        Err(PanelError::ChallengePage)
    );
    assert_eq!(
        panel.fetch_orders(&[5]).await,
        Err(PanelError::ChallengePage)
    );
    assert_eq!(panel.fetch_orders(&[6]).await, Err(PanelError::Http(502)));
    assert!(matches!(
        panel.fetch_orders(&[7]).await,
        Err(PanelError::Decode(_))
    ));
    assert_eq!(panel.fetch_orders(&[8]).await, Err(PanelError::RateLimited));
    // Reads are retried twice on 5xx and 429: three calls each; the others once.
    let requests = server.received_requests().await.unwrap();
    let count = |p: &str| requests.iter().filter(|r| r.url.path() == p).count();
    assert_eq!(count("/adminapi/v2/orders/6"), 3);
    assert_eq!(count("/adminapi/v2/orders/8"), 3);
    assert_eq!(count("/adminapi/v2/orders/1"), 1);
    assert_eq!(count("/adminapi/v2/orders/4"), 1);
}

#[tokio::test]
async fn slow_refused_and_tls_failures() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders/1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(v2_order(1, "a", "pending"))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let panel = client(PanelKind::PerfectPanelV2, &server);
    assert_eq!(panel.fetch_orders(&[1]).await, Err(PanelError::Timeout));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "timeouts on reads are retried"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let refused = panels::connect(&settings(
        PanelKind::PerfectPanelV2,
        &format!("http://{closed}"),
    ))
    .unwrap();
    assert_eq!(
        refused.fetch_orders(&[1]).await,
        Err(PanelError::Unreachable)
    );

    // Speaking TLS to a plain-HTTP server fails the handshake.
    let tls = panels::connect(&settings(
        PanelKind::PerfectPanelV2,
        &server.uri().replace("http://", "https://"),
    ))
    .unwrap();
    assert_eq!(tls.fetch_orders(&[1]).await, Err(PanelError::Tls));
}

#[tokio::test]
async fn perfect_panel_users_services_and_tickets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/users"))
        .and(query_param("username", "alice"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"count": 2, "list": [
            {"id": 1, "username": "alice2", "balance": "1.00"},
            {"id": 2, "username": "Alice", "balance": "12.50", "currency": "USD"}]}, "error_code": 0})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"count": 3, "list": [
            {"id": 1, "service_id": 10, "service_name": "Followers [Refill: 30 Days]"},
            {"id": 2, "service_id": 11, "service_name": "Likes [No Refill]"},
            {"id": 3, "service_id": 10, "service_name": "Followers [Refill: 30 Days]"}]}, "error_code": 0})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/adminapi/v2/tickets/add"))
        .and(body_string_contains("\"username\":\"alice\""))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"ticket_id": 4411}, "error_code": 0})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/tickets/4411"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"id": 4411, "subject": "Code", "status": "pending",
            "messages": [{"message": "Your code is 123456", "created": "2025-01-02 10:00:00"}]}, "error_code": 0})))
        .mount(&server)
        .await;
    let panel = client(PanelKind::PerfectPanelV2, &server);
    let user = panel.find_user("alice").await.unwrap().unwrap();
    assert_eq!(
        user.username, "Alice",
        "exact (case-insensitive) match, not the prefix match"
    );
    assert_eq!(user.balance.as_deref(), Some("12.50"));
    let services = panel.list_services().await.unwrap();
    assert_eq!(
        services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["10", "11"]
    );
    let ticket = NewTicket {
        username: "alice".into(),
        subject: "Code".into(),
        message: "Your code is 123456".into(),
    };
    assert_eq!(panel.open_ticket(&ticket).await.unwrap(), "4411");
    let read = panel.get_ticket("4411").await.unwrap().unwrap();
    assert_eq!(read.messages[0].text, "Your code is 123456");
    assert!(panel.capabilities().ownership && panel.capabilities().tickets.open);
}

#[tokio::test]
async fn admin_v1_reads_a_batch_in_one_call_with_the_key_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/adminapi/v1"))
        .and(body_string_contains("action=getOrders-by-id"))
        .and(body_string_contains("orders=10%2C11%2C12"))
        .and(body_string_contains(format!("key={KEY}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "sucess", "orders": [
            {"id": "10", "username": "dave", "order_status": "Completed", "service": "Views [Refill: 30D]",
             "provider": "Main Provider", "external_id": "A-10", "date": "2025-01-01 10:00:00",
             "current_date": "2025-01-03 10:00:00", "remains": "0"},
            {"id": 11, "username": "dave", "order_status": "Cancelled", "service": "Views", "external_id": "A-11"}]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/adminapi/v1"))
        .and(body_string_contains("action=getUser"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "fail", "error": "bad_auth"})),
        )
        .mount(&server)
        .await;
    let panel = client(PanelKind::AdminV1, &server);
    let orders = panel.fetch_orders(&[10, 11, 12]).await.unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].status, OrderStatus::Completed);
    assert_eq!(orders[1].status, OrderStatus::Canceled);
    assert_eq!(orders[0].external_id.as_deref(), Some("A-10"));
    // Age from the panel's own clock: two days old, whatever its timezone.
    let age = chrono::Utc::now() - orders[0].created_at.unwrap();
    assert!(
        (age - chrono::Duration::days(2)).num_seconds().abs() < 60,
        "{age}"
    );
    assert_eq!(panel.find_user("dave").await, Err(PanelError::BadKey));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert!(
        requests.iter().all(|r| !r.url.as_str().contains(KEY)),
        "the key never travels in a URL"
    );
}

#[tokio::test]
async fn reseller_v2_reads_statuses_and_services_but_no_owners() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2"))
        .and(body_string_contains("action=status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "1": {"charge": "0.27819", "start_count": "3572", "status": "Partial", "remains": "157", "currency": "USD"},
            "10": {"error": "Incorrect order ID"},
            "100": {"charge": 1.44219, "start_count": 234, "status": "In progress", "remains": "10"}})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v2"))
        .and(body_string_contains("action=services"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"service": 1, "name": "Followers [Refill: 30 Days]", "category": "Instagram", "rate": "0.90", "refill": true, "cancel": "0"},
            {"service": "2", "name": "Likes", "category": "Instagram", "rate": 1.5}])))
        .mount(&server)
        .await;
    let panel = client(PanelKind::ResellerV2, &server);
    let orders = panel.fetch_orders(&[1, 10, 100]).await.unwrap();
    assert_eq!(orders.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 100]);
    assert_eq!(orders[0].status, OrderStatus::Partial);
    assert_eq!(orders[0].remains, Some(157));
    assert_eq!(orders[1].charge.as_deref(), Some("1.44219"));
    assert!(
        orders
            .iter()
            .all(|o| o.user.is_empty() && o.external_id.is_none()),
        "no owners in this API"
    );
    let services = panel.list_services().await.unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(services[0].refill, Some(true));
    assert_eq!(services[0].cancel, Some(false));
    assert_eq!(panel.find_user("x").await, Err(PanelError::Unsupported));
    assert!(!panel.capabilities().ownership);
}

#[tokio::test]
async fn diagnosis_explains_without_the_key_and_no_log_line_holds_it() {
    let server = v2_server().await;
    Mock::given(method("GET"))
        .and(path("/adminapi/v2/orders/1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"data": null, "error_code": 404, "error_message": "Order not found"}),
        ))
        .mount(&server)
        .await;
    let diagnosis = panels::diagnose(client(PanelKind::PerfectPanelV2, &server).as_ref()).await;
    assert!(diagnosis.ok(), "{diagnosis:?}");
    assert!(diagnosis.summary.starts_with("Connected"));

    let wrong = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"error_code": 1, "error_message": "Invalid API key"})),
        )
        .mount(&wrong)
        .await;
    let diagnosis = panels::diagnose(client(PanelKind::PerfectPanelV2, &wrong).as_ref()).await;
    assert!(!diagnosis.ok() && diagnosis.reachable && !diagnosis.authenticated);
    assert_eq!(diagnosis.error_code, Some("panel_bad_key"));
    assert!(diagnosis.summary.contains("refused the API key"));
    assert!(!format!("{diagnosis:?}").contains(KEY));
    assert!(!format!("{:?}", settings(PanelKind::AdminV1, "http://x")).contains(KEY));

    // Every client above logged at TRACE level into the captured buffer: none of it holds the key.
    let logs = String::from_utf8(captured_logs().lock().unwrap().clone()).unwrap();
    assert!(!logs.is_empty(), "logs were captured");
    assert!(!logs.contains(KEY), "a log line holds the panel key");
}
