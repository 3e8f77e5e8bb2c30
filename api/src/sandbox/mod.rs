//! `panelrelay sandbox`: the whole flow on one machine, without accounts. A fake Perfect
//! Panel and fake Telegram, Green API and Meta servers on loopback ports, a demo workspace
//! wired to them, the normal server and background loops, and a printed guide with
//! ready-to-run curl commands.

pub mod fake_messengers;
pub mod fake_panel;
pub mod guide;
pub mod seed;

use crate::app::build_app;
use crate::config::{Config, Role};
use crate::http::limits::LimitedAcceptor;
use crate::runtime::{StartupError, bootstrap_admin_key, open_state};
use crate::state::AppState;
pub use fake_messengers::Recorder;
pub use guide::Delivery;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Endpoint, EndpointExt, Server};
pub use seed::{Demo, DemoSecrets, FakeUrls};
use tokio::task::JoinHandle;

/// A started sandbox: the fakes' URLs, the seeded demo, the printed deliveries and guide,
/// and what each fake messenger recorded. Dropping it stops the fakes.
pub struct SandboxHandles {
    /// Where the fakes listen.
    pub urls: FakeUrls,
    /// The demo workspace, its owner key and channel ids.
    pub demo: Demo,
    /// The demo channels' credentials.
    pub secrets: DemoSecrets,
    /// One customer message per medium, as printed.
    pub deliveries: Vec<Delivery>,
    /// The guide text.
    pub guide: String,
    /// Messages the fake Telegram received.
    pub telegram_sent: Recorder,
    /// Messages the fake Green API received.
    pub greenapi_sent: Recorder,
    /// Messages the fake Meta Graph API received.
    pub meta_sent: Recorder,
    _tasks: Tasks,
}

/// The fakes' server tasks, stopped when dropped.
struct Tasks(Vec<JoinHandle<()>>);

impl Drop for Tasks {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Serves `endpoint` on an ephemeral loopback port; returns its base URL and task (the
/// sandbox's fakes, and the benchmark's).
pub async fn serve_loopback(
    name: &str,
    endpoint: impl Endpoint + 'static,
) -> Result<(String, JoinHandle<()>), StartupError> {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .map_err(|err| StartupError(format!("sandbox {name}: cannot listen: {err}")))?;
    let address = acceptor
        .local_addr()
        .into_iter()
        .find_map(|addr| addr.as_socket_addr().copied())
        .ok_or_else(|| StartupError(format!("sandbox {name}: no local address")))?;
    let endpoint = endpoint.map_to_response();
    let task = tokio::spawn(async move {
        if let Err(err) = Server::new_with_acceptor(acceptor).run(endpoint).await {
            tracing::warn!(error = %err, "sandbox fake server stopped");
        }
    });
    Ok((format!("http://{address}"), task))
}

/// Starts the fakes and seeds a demo workspace wired to them in `state`. Webhook URLs in
/// the guide use `state.public_url`; the caller serves the application.
pub async fn start(state: &AppState) -> Result<SandboxHandles, StartupError> {
    let secrets = DemoSecrets::generate()?;
    let (telegram_sent, greenapi_sent, meta_sent) = (
        Recorder::default(),
        Recorder::default(),
        Recorder::default(),
    );
    let mut tasks = Tasks(Vec::new());
    let (panel, task) = serve_loopback("panel", fake_panel::FakePanel::seeded().route()).await?;
    tasks.0.push(task);
    let (telegram, task) = serve_loopback(
        "telegram",
        fake_messengers::telegram(&secrets, telegram_sent.clone()),
    )
    .await?;
    tasks.0.push(task);
    let (greenapi, task) = serve_loopback(
        "green api",
        fake_messengers::greenapi(&secrets, greenapi_sent.clone()),
    )
    .await?;
    tasks.0.push(task);
    let (meta, task) =
        serve_loopback("meta", fake_messengers::meta(&secrets, meta_sent.clone())).await?;
    tasks.0.push(task);
    let urls = FakeUrls {
        panel,
        telegram,
        greenapi,
        meta,
    };
    // On failure `tasks` is dropped here, which stops the fakes.
    let demo = seed::seed(state, &urls, &secrets).await?;
    let deliveries = guide::deliveries(&demo, &secrets);
    let guide = guide::render(&state.public_url, &urls, &demo, &deliveries);
    Ok(SandboxHandles {
        urls,
        demo,
        secrets,
        deliveries,
        guide,
        telegram_sent,
        greenapi_sent,
        meta_sent,
        _tasks: tasks,
    })
}

/// Runs `panelrelay sandbox`: opens the state like `serve`, starts the fakes, seeds the
/// demo, prints the guide, and serves with the worker and sender until SIGINT or SIGTERM.
pub async fn run(config: Config) -> Result<(), StartupError> {
    if config.role != Role::All {
        return Err(StartupError(
            "the sandbox runs every role in one process; --role (PANELRELAY_ROLE) is for serve"
                .into(),
        ));
    }
    let state = open_state(&config).await?;
    if let Some(key) = bootstrap_admin_key(&state.db).await? {
        println!("Platform admin key (shown once):");
        println!("{key}");
        println!();
    }
    let acceptor = LimitedAcceptor::bind(config.listen, config.http_limits)
        .await
        .map_err(|err| {
            StartupError(format!(
                "cannot listen on {} (--listen): {err}",
                config.listen
            ))
        })?;
    let sandbox = start(&state).await?;
    println!("{}", sandbox.guide);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let loops = crate::jobs::runner::spawn(state.clone(), stopped);
    let webhook_log = state.webhook_log.clone();
    tracing::info!(address = %config.listen, "panelrelay sandbox listening");
    let served = Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(
            build_app(state),
            crate::server::shutdown_signal(),
            Some(std::time::Duration::from_secs(10)),
        )
        .await;
    let _ = stop.send(true);
    for task in loops {
        let _ = task.await;
    }
    crate::server::flush_webhook_log(&webhook_log).await;
    drop(sandbox);
    served.map_err(|err| StartupError(format!("server: {err}")))
}
