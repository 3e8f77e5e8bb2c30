//! `GET /v1/health`: channels with their errors and webhook outcomes, queue depth, the
//! background loops' heartbeats, per workspace.

use crate::support::TestApp;
use chrono::{Duration, Utc};
use panelrelay_adapters::storage::channels::ChannelFields;
use panelrelay_adapters::storage::flow::{NewInboxEvent, WebhookRecord, stamp};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use poem::http::StatusCode;
use serde_json::json;

fn runner<'a>(body: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    body["runners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["runner"] == name)
        .unwrap_or_else(|| panic!("no {name} in {body}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn health_shows_a_failing_channel_the_backlog_and_the_loops() {
    let app = TestApp::new().await;
    let a = app.workspace("A").await;
    let b = app.workspace("B").await;
    let (_, viewer) = app.key(&a.owner_key, "viewer").await;
    let workspace = WorkspaceId::parse(&a.id).unwrap();
    let fields = ChannelFields {
        name: "support bot".into(),
        config: json!({}),
        secrets_sealed: app.state.secrets.seal("{}").unwrap(),
        secret_hints: Default::default(),
    };
    let channels = app.state.db.channels(workspace);
    let channel = channels
        .create(Medium::Telegram, fields, Utc::now())
        .await
        .unwrap();
    channels
        .record_validation(
            channel.id,
            false,
            Some("401 Unauthorized: bad bot token"),
            Utc::now(),
        )
        .await
        .unwrap();
    for (outcome, status) in [("bad_signature", 401), ("accepted", 200)] {
        let (id, received_at) = stamp(Utc::now());
        let record = WebhookRecord {
            id,
            workspace_id: Some(a.id.clone()),
            channel_id: channel.id.to_string(),
            medium: "telegram".into(),
            status_code: status,
            outcome: outcome.into(),
            dedupe_key: None,
            payload: "{}".into(),
            detail: None,
            received_at,
        };
        app.state.db.log_webhook(record).await.unwrap();
    }
    let queued_at = Utc::now() - Duration::seconds(30);
    for key in ["tg:1", "tg:2"] {
        let event = NewInboxEvent {
            workspace_id: a.id.clone(),
            channel_id: channel.id.to_string(),
            dedupe_key: key.into(),
            medium: "telegram".into(),
            chat_id: "555".into(),
            sender_id: "555".into(),
            text: "2274209 refill".into(),
            is_group: false,
            topic_id: None,
        };
        assert!(app.state.db.inbox_insert(&event, queued_at).await.unwrap());
    }

    let reply = app.get("/v1/health", &viewer).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = &reply.body;
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["access"]["status"], "active");
    assert_eq!(body["panel"]["status"], "not_connected");
    let ch = &body["channels"][0];
    assert_eq!(ch["id"], channel.id.to_string());
    assert_eq!(ch["status"], "error");
    assert_eq!(ch["last_error"], "401 Unauthorized: bad bot token");
    assert!(ch["last_validated_at"].is_string());
    assert_eq!(ch["last_webhook_outcome"], "accepted");
    assert_eq!(ch["last_refused_webhook_outcome"], "bad_signature");
    assert_eq!(body["modules"]["channels"], 1);
    assert_eq!(body["modules"]["validated_channels"], 0);
    assert_eq!(body["modules"]["panel_connected"], false);
    assert_eq!(body["modules"]["log_retention_days"], 30);
    assert_eq!(body["inbox"]["pending"], 2);
    assert!(
        body["inbox"]["oldest_pending_age_seconds"]
            .as_i64()
            .unwrap()
            >= 29,
        "{body}"
    );
    assert_eq!(body["outbox"]["pending"], 0);
    for name in ["worker", "sender", "maintenance"] {
        assert_eq!(runner(body, name)["status"], "never_seen", "{name}");
    }

    // Another workspace's health holds none of it.
    let other = app.get("/v1/health", &b.owner_key).await;
    assert_eq!(other.body["channels"], json!([]));
    assert_eq!(other.body["inbox"]["pending"], 0);

    // The real loops beat; a long-gone process is reported stale.
    app.state
        .db
        .beat(
            "maintenance",
            "old-host:1",
            Utc::now() - Duration::hours(1),
            None,
        )
        .await
        .unwrap();
    let stale = app.get("/v1/health", &viewer).await;
    assert_eq!(runner(&stale.body, "maintenance")["status"], "stale");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let loops = panelrelay_api::jobs::runner::spawn(app.state.clone(), stopped);
    let mut body = serde_json::Value::Null;
    for _ in 0..100 {
        body = app.get("/v1/health", &viewer).await.body;
        if ["worker", "sender", "maintenance"]
            .iter()
            .all(|name| runner(&body, name)["status"] == "running")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = stop.send(true);
    for handle in loops {
        handle.await.unwrap();
    }
    for name in ["worker", "sender", "maintenance"] {
        assert_eq!(runner(&body, name)["status"], "running", "{name}: {body}");
    }
    assert_eq!(
        runner(&body, "maintenance")["instances"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "this process and the old one"
    );
    // The worker drained the queue.
    let after = app.get("/v1/health", &viewer).await;
    assert_eq!(after.body["inbox"]["pending"], 0, "{}", after.body);
}
