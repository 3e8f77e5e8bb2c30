//! Replica roles, with the real binary: `serve --role api` and `serve --role worker` on one
//! database carry a command end to end between them, and two worker replicas never run one
//! job lease at once.

use crate::cli::{Server, free_port, http_get, panelrelay};
use crate::scenario::{
    SECRET, configure, fake_panel, fake_telegram, sent_by_chat, telegram_update,
};
use crate::support::{MASTER_KEY, TestApp};
use panelrelay_adapters::storage::job_leases::GLOBAL_SCOPE;
use panelrelay_adapters::testing::redis_url;
use panelrelay_core::ids::WorkspaceId;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Starts `serve --role ROLE` on the test app's database and waits for its `/healthz`.
fn start(app: &TestApp, role: &str, data_dir: &std::path::Path) -> (Server, u16) {
    let port = free_port();
    let mut command = panelrelay();
    command
        .args([
            "serve",
            "--role",
            role,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("PANELRELAY_DATA_DIR", data_dir)
        .env("DATABASE_URL", app.database_url())
        .env("PANELRELAY_MASTER_KEY", MASTER_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(url) = redis_url() {
        command.env("REDIS_URL", url);
    }
    let server = Server(command.spawn().unwrap());
    let started = Instant::now();
    while http_get(port, "/healthz", None).map(|(status, _)| status) != Some(200) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{role} did not come up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, port)
}

/// A raw HTTP/1.1 POST of a JSON body with extra headers; returns the status.
fn http_post(port: u16, path: &str, headers: &[(&str, &str)], body: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response.split(' ').nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_api_replica_and_a_worker_replica_carry_a_command_end_to_end() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let channel = json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET, "api_base_url": telegram.url()});
    let id = configure(&app, &ws, panel.url(), channel, "555").await;
    let data = tempfile::tempdir().unwrap();
    let (_api, api_port) = start(&app, "api", data.path());
    let delivery = telegram_update(9001, 555, "2274209 refill").to_string();
    let hook = format!("/webhooks/telegram/{id}");
    let secret = [("X-Telegram-Bot-Api-Secret-Token", SECRET)];
    assert_eq!(http_post(api_port, &hook, &secret, &delivery), 200);
    // The api replica stored the delivery and runs no job: nothing handled, nothing sent,
    // no loop's heartbeat.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let workspace = WorkspaceId::parse(&ws.id).unwrap();
    let db = &app.state.db;
    assert!(db.command_log(workspace, 10).await.unwrap().is_empty());
    assert!(sent_by_chat(&telegram).is_empty());
    assert!(db.heartbeats().await.unwrap().is_empty());

    let (_worker, worker_port) = start(&app, "worker", data.path());
    let started = Instant::now();
    while sent_by_chat(&telegram).len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the worker replica did not carry the command: {:?}",
            sent_by_chat(&telegram)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let sent = sent_by_chat(&telegram);
    assert_eq!(
        sent[0],
        ("-1001".into(), "7450284 refill".into()),
        "{sent:?}"
    );
    assert_eq!(sent[1].0, "555", "{sent:?}");
    assert_eq!(db.command_log(workspace, 10).await.unwrap().len(), 1);
    // The worker replica serves its probes and metrics, not the API or webhook ingress.
    for probe in ["/healthz", "/readyz", "/metrics"] {
        assert_eq!(
            http_get(worker_port, probe, None).unwrap().0,
            200,
            "{probe}"
        );
    }
    assert_eq!(
        http_get(worker_port, "/v1/workspaces", Some(&app.admin_key))
            .unwrap()
            .0,
        404
    );
    assert_eq!(http_post(worker_port, &hook, &secret, &delivery), 404);
    // And the api replica answers the API.
    assert_eq!(
        http_get(api_port, "/v1/workspaces", Some(&app.admin_key))
            .unwrap()
            .0,
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_worker_replicas_never_run_one_lease_at_once() {
    let app = TestApp::new().await;
    let data = tempfile::tempdir().unwrap();
    let _first = start(&app, "worker", data.path());
    let _second = start(&app, "worker", data.path());
    // Retention is due on both at start; wait until both replicas' job loops have looked
    // at it (each beats after its first look) and one has run it.
    let db = &app.state.db;
    let started = Instant::now();
    let lease = loop {
        let beats = db.heartbeats().await.unwrap();
        let looked = beats
            .iter()
            .filter(|beat| beat.runner == "maintenance")
            .count();
        let lease = db
            .job_leases()
            .get("maintenance", GLOBAL_SCOPE)
            .await
            .unwrap();
        if let Some(lease) = lease.filter(|lease| lease.runs > 0 && looked == 2) {
            break lease;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "both job loops should run: {beats:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // One replica ran it; the other found it held or not due (for ten minutes).
    assert_eq!(lease.runs, 1, "{lease:?}");
    assert!(lease.last_ok_at.is_some(), "{lease:?}");
}
