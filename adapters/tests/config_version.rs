//! A workspace's configuration version: every write to what the flow's configuration or
//! panel client is built from bumps it in the write's transaction, and nothing else does.
//! Runs on SQLite, and on PostgreSQL when `PANELRELAY_TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use panelrelay_adapters::storage::Database;
use panelrelay_adapters::storage::StorageError;
use panelrelay_adapters::storage::api_keys::NewApiKey;
use panelrelay_adapters::storage::channels::ChannelFields;
use panelrelay_adapters::storage::custom_commands::CustomCommandFields;
use panelrelay_adapters::storage::panel_connections::PanelConnection;
use panelrelay_adapters::storage::provider_routes::RouteFields;
use panelrelay_adapters::storage::service_rules::RefreshedService;
use panelrelay_adapters::testing::TestDatabase;
use panelrelay_core::access::Role;
use panelrelay_core::command::Action;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::medium::Medium;
use panelrelay_core::replies::TemplateKey;
use panelrelay_core::routing::DispatchTemplates;
use panelrelay_core::service_rules::{RefillPolicy, StartWindow};

async fn workspace(db: &Database, name: &str) -> WorkspaceId {
    let key = NewApiKey {
        name: "owner".into(),
        role: Role::Owner,
        prefix: format!("prefix-{name}"),
        secret_hash: format!("hash-{name}"),
    };
    db.workspaces()
        .create(name, key, Utc::now())
        .await
        .unwrap()
        .0
        .id
}

/// Follows one workspace's version from write to write.
struct Version<'a> {
    db: &'a Database,
    workspace: WorkspaceId,
    last: i64,
}

impl Version<'_> {
    async fn current(&self) -> i64 {
        self.db
            .workspaces()
            .config_version(self.workspace)
            .await
            .unwrap()
            .expect("the workspace exists")
    }

    /// Asserts the last write moved the version on.
    async fn bumped(&mut self, write: &str) {
        let now = self.current().await;
        assert!(now > self.last, "{write} left the version at {now}");
        self.last = now;
    }

    /// Asserts the last write left the version alone.
    async fn unchanged(&self, write: &str) {
        assert_eq!(self.current().await, self.last, "{write} moved the version");
    }
}

fn route(channel: panelrelay_core::ids::ChannelId, chat: &str) -> RouteFields {
    RouteFields {
        name: "one".into(),
        channel_id: channel,
        provider_domains: vec!["provider-one.com".into()],
        alias: None,
        target_chat_id: chat.into(),
        target_topic_id: None,
        templates: DispatchTemplates::default(),
        enabled: true,
        is_fallback: false,
    }
}

fn connection(base_url: &str) -> PanelConnection {
    let now = Utc::now();
    PanelConnection {
        kind: "perfect_panel_v2".into(),
        base_url: base_url.into(),
        timezone: "UTC".into(),
        api_key_sealed: "sealed".into(),
        api_key_last4: "3456".into(),
        requests_per_second: 5,
        timeout_ms: 10_000,
        last_test_at: None,
        last_test_ok: None,
        last_test_summary: None,
        created_at: now,
        updated_at: now,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_configuration_write_bumps_the_version() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let ws = workspace(db, "A").await;
    let other = workspace(db, "B").await;
    let now = Utc::now();
    let mut version = Version {
        db,
        workspace: ws,
        last: 0,
    };
    version.unchanged("creating the workspace").await;

    db.settings(ws).put("{}", now).await.unwrap();
    version.bumped("settings put").await;

    db.reply_templates(ws)
        .put(TemplateKey::RefillRequested, "sent", now)
        .await
        .unwrap();
    version.bumped("template put").await;
    assert!(
        db.reply_templates(ws)
            .delete(TemplateKey::RefillRequested)
            .await
            .unwrap()
    );
    version.bumped("template delete").await;

    let alias = db
        .command_aliases(ws)
        .create("ulang", &Action::Refill, now)
        .await
        .unwrap();
    version.bumped("alias create").await;
    let refused = db
        .command_aliases(ws)
        .create("ulang", &Action::Speed, now)
        .await;
    assert!(matches!(refused, Err(StorageError::Conflict(_))));
    version.unchanged("a refused alias create").await;
    db.command_aliases(ws)
        .update(alias.id, "isi", &Action::Refill, now)
        .await
        .unwrap()
        .unwrap();
    version.bumped("alias update").await;
    assert!(db.command_aliases(ws).delete(alias.id).await.unwrap());
    version.bumped("alias delete").await;

    let fields = |trigger: &str| CustomCommandFields {
        trigger: trigger.into(),
        reply: "see the price list".into(),
        enabled: true,
    };
    let command = db
        .custom_commands(ws)
        .create(fields("prices"), now)
        .await
        .unwrap();
    version.bumped("custom command create").await;
    db.custom_commands(ws)
        .update(command.id, fields("price list"), now)
        .await
        .unwrap()
        .unwrap();
    version.bumped("custom command update").await;
    assert!(db.custom_commands(ws).delete(command.id).await.unwrap());
    version.bumped("custom command delete").await;

    let channel = db
        .channels(ws)
        .create(
            Medium::Telegram,
            ChannelFields {
                name: "bot".into(),
                config: serde_json::json!({}),
                secrets_sealed: "sealed".into(),
                secret_hints: Default::default(),
            },
            now,
        )
        .await
        .unwrap();
    version.unchanged("channel create").await;
    let stored = db
        .provider_routes(ws)
        .create(route(channel.id, "-1001"), now)
        .await
        .unwrap()
        .unwrap();
    version.bumped("route create").await;
    db.provider_routes(ws)
        .update(stored.route.id, route(channel.id, "-1002"), now)
        .await
        .unwrap()
        .unwrap();
    version.bumped("route update").await;
    let moved = db
        .provider_routes(ws)
        .retarget(channel.id, "-1002", "-1003", now)
        .await
        .unwrap();
    assert_eq!(moved, 1);
    version.bumped("route retarget").await;
    assert!(
        db.provider_routes(ws)
            .delete(stored.route.id)
            .await
            .unwrap()
    );
    version.bumped("route delete").await;

    let service = RefreshedService {
        service_id: "1".into(),
        name: "Followers [Refill: 30 Days]".into(),
        category: None,
        refill: RefillPolicy::Days(30),
        start: StartWindow::default(),
    };
    db.service_rules(ws)
        .refresh(std::slice::from_ref(&service), now)
        .await
        .unwrap();
    version
        .unchanged("service refresh (keeps manual rules)")
        .await;
    db.service_rules(ws)
        .set_manual(
            "1",
            Some((RefillPolicy::Lifetime, StartWindow::default())),
            now,
        )
        .await
        .unwrap()
        .unwrap();
    version.bumped("manual rule set").await;
    db.service_rules(ws).refresh(&[service], now).await.unwrap();
    version
        .unchanged("service refresh after a manual rule")
        .await;
    db.service_rules(ws)
        .set_manual("1", None, now)
        .await
        .unwrap()
        .unwrap();
    version.bumped("manual rule cleared").await;

    db.panel_connection(ws)
        .put(connection("https://panel.example"), now)
        .await
        .unwrap();
    version.bumped("panel connect").await;
    db.panel_connection(ws)
        .put(connection("https://other-panel.example"), now)
        .await
        .unwrap();
    version.bumped("panel reconnect").await;
    db.panel_connection(ws)
        .record_test(true, "ok", now)
        .await
        .unwrap();
    version.unchanged("panel test result").await;

    assert_eq!(
        db.workspaces().config_version(other).await.unwrap(),
        Some(0),
        "another workspace's writes leave this one alone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn versions_of_a_batch_are_read_at_once() {
    let test = TestDatabase::new().await;
    let db = &test.db;
    let (a, b) = (workspace(db, "A").await, workspace(db, "B").await);
    let now = Utc::now();
    db.settings(a).put("{}", now).await.unwrap();
    db.settings(a).put("{}", now).await.unwrap();
    db.settings(b).put("{}", now).await.unwrap();
    let missing = WorkspaceId::new();
    let versions = db
        .workspaces()
        .config_versions(&[a, b, missing])
        .await
        .unwrap();
    assert_eq!(versions.len(), 2, "a missing workspace is left out");
    assert_eq!(versions[&a], 2);
    assert_eq!(versions[&b], 1);
    assert_eq!(db.workspaces().config_version(missing).await.unwrap(), None);
}
