//! What a new user does with the SDK, against a live `panelrelay sandbox`: create a workspace,
//! connect the panel, add a channel per medium, route a provider, link a customer, simulate a
//! command, let real messages flow, page through the command log and get typed errors.
//!
//! The server binary comes from `PANELRELAY_BIN` (default: the workspace's debug build).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use panelrelay_sdk::progenitor_client::Error as SdkError;
use panelrelay_sdk::{Client, types};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const PANEL_API_KEY: &str = "sandbox-panel-admin-key";
const CUSTOMER: &str = "5123456789";
const WEBHOOK_SECRET: &str = "rust-sdk-hook-secret";

/// Kills the server when dropped, also when the test panics.
struct ServerGuard(Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.start_kill();
    }
}

/// What the sandbox printed: the admin key and the fakes' URLs and credentials.
#[derive(Debug, Default)]
struct Guide {
    admin_key: Option<String>,
    panel_url: Option<String>,
    telegram_url: Option<String>,
    telegram_bot_token: Option<String>,
    greenapi_url: Option<String>,
    greenapi_instance: Option<String>,
    greenapi_token: Option<String>,
    meta_url: Option<String>,
    meta_phone_number_id: Option<String>,
    meta_access_token: Option<String>,
}

impl Guide {
    fn complete(&self) -> bool {
        [
            &self.admin_key,
            &self.panel_url,
            &self.telegram_url,
            &self.telegram_bot_token,
            &self.greenapi_url,
            &self.greenapi_instance,
            &self.greenapi_token,
            &self.meta_url,
            &self.meta_phone_number_id,
            &self.meta_access_token,
        ]
        .iter()
        .all(|v| v.is_some())
    }

    /// Reads one stdout line, e.g.
    /// `  Fake Telegram    http://127.0.0.1:PORT   (bot token: 7345678901:AAxxxx)`.
    fn read_line(&mut self, line: &str) {
        let trimmed = line.trim();
        if trimmed.starts_with("pra_") && !trimmed.contains(char::is_whitespace) {
            self.admin_key.get_or_insert_with(|| trimmed.to_owned());
        } else if let Some(rest) = trimmed.strip_prefix("Fake panel") {
            if let Some((url, _)) = first_word(rest).split_once("/adminapi/v2") {
                self.panel_url = Some(url.to_owned());
            }
        } else if let Some(rest) = trimmed.strip_prefix("Fake Telegram") {
            self.telegram_url = Some(first_word(rest).to_owned());
            self.telegram_bot_token = labelled(rest, "bot token: ");
        } else if let Some(rest) = trimmed.strip_prefix("Fake Green API") {
            self.greenapi_url = Some(first_word(rest).to_owned());
            self.greenapi_instance = labelled(rest, "instance: ");
            self.greenapi_token = labelled(rest, "API token: ");
        } else if let Some(rest) = trimmed.strip_prefix("Fake Meta Graph") {
            self.meta_url = Some(first_word(rest).to_owned());
            self.meta_phone_number_id = labelled(rest, "phone number id: ");
            self.meta_access_token = labelled(rest, "access token: ");
        }
    }
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or_default()
}

/// The value after `label` up to the next `,` or `)`.
fn labelled(s: &str, label: &str) -> Option<String> {
    let start = s.find(label)? + label.len();
    let value = s[start..].split([',', ')']).next()?.trim();
    Some(value.to_owned())
}

struct Sandbox {
    base_url: String,
    admin_key: String,
    panel_url: String,
    telegram_url: String,
    telegram_bot_token: String,
    greenapi_url: String,
    greenapi_instance: String,
    greenapi_token: String,
    meta_url: String,
    meta_phone_number_id: String,
    meta_access_token: String,
    server: ServerGuard,
    _data_dir: tempfile::TempDir,
}

fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().port()
}

/// `PANELRELAY_BIN`, else the `panelrelay` binary of the target directory this test was built
/// in (what `cargo test --workspace` builds for the api crate's own tests, also with
/// `CARGO_TARGET_DIR` set), else `<workspace>/target/debug/panelrelay`.
fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("PANELRELAY_BIN") {
        return PathBuf::from(path);
    }
    // This test runs as `<target>/<profile>/deps/scenario-<hash>`.
    let sibling = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("panelrelay")));
    match sibling {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../target/debug/panelrelay"
        )),
    }
}

async fn start_sandbox() -> Sandbox {
    let binary = server_binary();
    assert!(
        binary.is_file(),
        "the panelrelay binary is missing at {}: run `cargo build -p panelrelay-api --bin panelrelay` \
         first, or point PANELRELAY_BIN at a built binary",
        binary.display()
    );
    let port = free_port();
    let data_dir = tempfile::Builder::new()
        .prefix("panelrelay-rs-")
        .tempdir()
        .unwrap();
    let mut child = Command::new(&binary)
        .arg("sandbox")
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(data_dir.path())
        // A clean environment, as a user's shell would not carry the CI's PANELRELAY_* settings
        // (database, Redis, config file) into the sandbox.
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("PANELRELAY_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let stdout = child.stdout.take().unwrap();
    let server = ServerGuard(child);

    // Read the guide, then keep draining stdout so the server never blocks on a full pipe.
    let (guide_tx, guide_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stdout).lines();
        let mut guide = Guide::default();
        let mut guide_tx = Some(guide_tx);
        while let Ok(Some(line)) = lines.next_line().await {
            if guide_tx.is_some() {
                guide.read_line(&line);
                if guide.complete()
                    && let Some(tx) = guide_tx.take()
                {
                    let _ = tx.send(std::mem::take(&mut guide));
                }
            }
        }
        // The server closed stdout: hand over what was read, complete or not.
        if let Some(tx) = guide_tx.take() {
            let _ = tx.send(guide);
        }
    });
    let guide = tokio::time::timeout(Duration::from_secs(60), guide_rx)
        .await
        .expect("the sandbox did not print its guide within 60 s")
        .expect("the stdout reader stopped");
    assert!(
        guide.complete(),
        "the sandbox exited before printing its whole guide: {guide:?}"
    );

    let base_url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = http.get(format!("{base_url}/healthz")).send().await
            && response.status() == 200
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the sandbox did not answer /healthz within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    Sandbox {
        base_url,
        admin_key: guide.admin_key.unwrap(),
        panel_url: guide.panel_url.unwrap(),
        telegram_url: guide.telegram_url.unwrap(),
        telegram_bot_token: guide.telegram_bot_token.unwrap(),
        greenapi_url: guide.greenapi_url.unwrap(),
        greenapi_instance: guide.greenapi_instance.unwrap(),
        greenapi_token: guide.greenapi_token.unwrap(),
        meta_url: guide.meta_url.unwrap(),
        meta_phone_number_id: guide.meta_phone_number_id.unwrap(),
        meta_access_token: guide.meta_access_token.unwrap(),
        server,
        _data_dir: data_dir,
    }
}

async fn new_workspace(sandbox: &Sandbox, name: &str) -> Client {
    let admin = Client::with_token(&sandbox.base_url, &sandbox.admin_key).unwrap();
    let created = admin
        .create_workspace()
        .body(types::CreateWorkspace {
            name: name.parse().unwrap(),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.workspace.name, name);
    assert!(created.owner_key.secret.starts_with("prk_"));
    Client::with_token(&sandbox.base_url, &created.owner_key.secret).unwrap()
}

/// The SDK's error for a documented error response: its status and the decoded envelope.
fn error_envelope<T: std::fmt::Debug>(
    result: Result<T, SdkError<types::ErrorEnvelope>>,
) -> (u16, types::ErrorEnvelope) {
    match result {
        Err(SdkError::ErrorResponse(response)) => {
            (response.status().as_u16(), response.into_inner())
        }
        other => panic!("expected an ErrorEnvelope response, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_sets_up_a_workspace_and_a_command_flows() {
    let sandbox = start_sandbox().await;
    let owner = new_workspace(&sandbox, "Rust SDK").await;
    let own = owner.get_own_workspace().send().await.unwrap();
    assert_eq!(own.name, "Rust SDK");

    let panel = owner
        .put_panel()
        .body(types::PutPanel {
            type_: types::PanelType::PerfectPanelV2,
            base_url: sandbox.panel_url.parse().unwrap(),
            api_key: Some(PANEL_API_KEY.parse().unwrap()),
            requests_per_second: None,
            timeout_seconds: None,
            timezone: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(panel.status(), 200);

    // One channel per medium; the oneOf body is an enum of the three inputs.
    let bodies: [types::CreateChannel; 3] = [
        types::CreateChannelTelegramChannelInput {
            medium: types::CreateChannelTelegramChannelInputMedium::Telegram,
            bot_token: sandbox.telegram_bot_token.parse().unwrap(),
            name: Some("support bot".parse().unwrap()),
            webhook_secret: Some(WEBHOOK_SECRET.parse().unwrap()),
            api_base_url: Some(sandbox.telegram_url.clone()),
        }
        .into(),
        types::CreateChannelGreenapiChannelInput {
            medium: types::CreateChannelGreenapiChannelInputMedium::WhatsappGreenapi,
            id_instance: sandbox.greenapi_instance.parse().unwrap(),
            api_token: sandbox.greenapi_token.parse().unwrap(),
            api_base_url: Some(sandbox.greenapi_url.clone()),
            name: None,
            webhook_secret: None,
        }
        .into(),
        types::CreateChannelMetaChannelInput {
            medium: types::CreateChannelMetaChannelInputMedium::WhatsappMeta,
            phone_number_id: sandbox.meta_phone_number_id.parse().unwrap(),
            access_token: sandbox.meta_access_token.parse().unwrap(),
            app_secret: "sdk-test-app-secret".parse().unwrap(),
            api_base_url: Some(sandbox.meta_url.clone()),
            graph_version: None,
            name: None,
            verify_token: None,
        }
        .into(),
    ];
    let mut channels = Vec::new();
    for body in bodies {
        let created = owner.create_channel().body(body).send().await.unwrap();
        assert_eq!(created.status(), 201);
        let location = created.headers().get("location").unwrap().to_str().unwrap();
        assert_eq!(location, format!("/v1/channels/{}", created.id));
        // Secrets are write-only: only hints come back.
        let shown = format!("{:?}", *created);
        for secret in [
            &sandbox.telegram_bot_token,
            &sandbox.greenapi_token,
            &sandbox.meta_access_token,
        ] {
            assert!(
                !shown.contains(secret.as_str()),
                "a secret came back: {shown}"
            );
        }
        channels.push(created.into_inner());
    }
    let mediums: Vec<_> = channels.iter().map(|c| c.medium).collect();
    assert_eq!(
        mediums,
        [
            types::MediumName::Telegram,
            types::MediumName::WhatsappGreenapi,
            types::MediumName::WhatsappMeta
        ]
    );
    let telegram = &channels[0];

    let route = owner
        .create_provider_route()
        .body(types::RouteInput {
            name: "provider one".parse().unwrap(),
            channel_id: telegram.id.clone(),
            provider_domains: vec!["provider-one.com".into()],
            target_chat_id: "-100777".parse().unwrap(),
            alias: None,
            enabled: None,
            is_fallback: None,
            target_topic_id: None,
            templates: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(route.status(), 201);

    let link = owner
        .create_linked_user()
        .body(types::LinkUser {
            medium: types::MediumName::Telegram,
            identity: CUSTOMER.parse().unwrap(),
            username: "alice".parse().unwrap(),
            verify_username: None,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(link.status(), 201);
    assert_eq!(link.username, "alice");

    // What would happen, without sending anything: alice's own order goes to the provider,
    // bob's is refused.
    let simulation = owner
        .simulate_command()
        .body(types::SimulateInput {
            medium: types::MediumName::Telegram,
            sender_id: CUSTOMER.parse().unwrap(),
            text: "2274209, 2274211 refill".parse().unwrap(),
            chat_id: None,
            is_group: false,
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(simulation.sender, types::SenderKind::Linked);
    assert_eq!(simulation.username.as_deref(), Some("alice"));
    let mut reasons: Vec<_> = simulation
        .outcomes
        .iter()
        .map(|o| (o.order_id, o.reason))
        .collect();
    reasons.sort_unstable_by_key(|(order_id, _)| *order_id);
    assert_eq!(
        reasons,
        [
            (2274209, types::Reason::Accepted),
            (2274211, types::Reason::NotYours)
        ]
    );
    let dispatched: Vec<_> = simulation
        .dispatches
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(dispatched, ["7450284 refill"]);

    // The customer really writes, twice; the sandbox's worker and sender handle it.
    let http = reqwest::Client::new();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for (update_id, text) in [(1_u64, "2274209 refill"), (2, "2274213 refill")] {
        let update = serde_json::json!({
            "update_id": 990_000 + update_id,
            "message": {
                "message_id": update_id,
                "from": {"id": 5_123_456_789_u64, "is_bot": false, "first_name": "Aziz"},
                "chat": {"id": 5_123_456_789_u64, "first_name": "Aziz", "type": "private"},
                "date": now,
                "text": text,
            },
        });
        let delivered = http
            .post(format!(
                "{}/webhooks/telegram/{}",
                sandbox.base_url, telegram.id
            ))
            .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
            .json(&update)
            .send()
            .await
            .unwrap();
        let status = delivered.status();
        assert_eq!(
            status,
            200,
            "{}",
            delivered.text().await.unwrap_or_default()
        );
    }

    // Page through the command log one entry at a time.
    let deadline = Instant::now() + Duration::from_secs(30);
    let first = loop {
        let page = owner
            .list_command_logs()
            .limit(1_u64)
            .send()
            .await
            .unwrap()
            .into_inner();
        if page.next_cursor.is_some() || Instant::now() > deadline {
            break page;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let mut seen = Vec::new();
    let mut page = first;
    loop {
        seen.extend(page.items);
        let Some(cursor) = page.next_cursor else {
            break;
        };
        page = owner
            .list_command_logs()
            .limit(1_u64)
            .cursor(cursor)
            .send()
            .await
            .unwrap()
            .into_inner();
    }
    let texts: Vec<_> = seen.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["2274213 refill", "2274209 refill"]);

    drop(sandbox.server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_arrive_typed() {
    let sandbox = start_sandbox().await;
    let owner = new_workspace(&sandbox, "Errors").await;

    let (status, envelope) = error_envelope(
        owner
            .get_channel()
            .id("ch_00000000000000000000000000")
            .send()
            .await,
    );
    assert_eq!(status, 404);
    assert_eq!(envelope.error.code, types::ErrorCode::NotFound);
    assert!(!envelope.error.request_id.is_empty());

    let anonymous = Client::new(&sandbox.base_url);
    let (status, envelope) = error_envelope(anonymous.get_own_workspace().send().await);
    assert_eq!(status, 401);
    assert_eq!(envelope.error.code, types::ErrorCode::Unauthorized);

    drop(sandbox.server);
}
