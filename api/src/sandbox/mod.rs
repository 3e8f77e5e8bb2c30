//! `panelrelay sandbox`: the whole flow on one machine, without accounts. A fake Perfect
//! Panel and fake Telegram, Green API and Meta servers on loopback ports, a demo workspace
//! wired to them, the normal server and background loops, and a printed guide with
//! ready-to-run curl commands.

pub mod guide;
pub mod seed;

use crate::app::build_app;
use crate::config::{Config, Role};
use crate::fakes::greenapi::GreenApi;
use crate::fakes::meta::Meta;
use crate::fakes::panel_admin_v2::PanelAdminV2;
use crate::fakes::telegram::Telegram;
use crate::fakes::{Recorder, Running, serve};
use crate::http::limits::LimitedAcceptor;
use crate::runtime::{StartupError, bootstrap_admin_key, open_state};
use crate::state::AppState;
pub use guide::Delivery;
use poem::Server;
pub use seed::{Demo, DemoSecrets, FakeUrls};

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
    _fakes: Fakes,
}

/// The running fakes, stopped when dropped.
struct Fakes {
    _panel: Running<PanelAdminV2>,
    _telegram: Running<Telegram>,
    _greenapi: Running<GreenApi>,
    _meta: Running<Meta>,
}

/// Serves a fake, naming it in the error.
async fn serve_fake<F: crate::fakes::Fake>(fake: F) -> Result<Running<F>, StartupError> {
    let name = fake.name();
    serve(fake)
        .await
        .map_err(|err| StartupError(format!("sandbox {name}: cannot listen: {err}")))
}

/// Starts the fakes and seeds a demo workspace wired to them in `state`. Webhook URLs in
/// the guide use `state.public_url`; the caller serves the application.
pub async fn start(state: &AppState) -> Result<SandboxHandles, StartupError> {
    let secrets = DemoSecrets::generate()?;
    let panel = serve_fake(PanelAdminV2::seeded()).await?;
    let telegram = serve_fake(Telegram::new(&secrets.bot_token)).await?;
    let greenapi = serve_fake(GreenApi::new(&secrets.id_instance, &secrets.api_token)).await?;
    let meta = serve_fake(Meta::new(&secrets.phone_number_id, &secrets.access_token)).await?;
    let urls = FakeUrls {
        panel: panel.url().to_string(),
        telegram: telegram.url().to_string(),
        greenapi: greenapi.url().to_string(),
        meta: meta.url().to_string(),
    };
    let (telegram_sent, greenapi_sent, meta_sent) = (
        telegram.sent().clone(),
        greenapi.sent().clone(),
        meta.sent().clone(),
    );
    let fakes = Fakes {
        _panel: panel,
        _telegram: telegram,
        _greenapi: greenapi,
        _meta: meta,
    };
    // On failure `fakes` is dropped here, which stops the fakes.
    let demo = seed::seed(state, &urls, &secrets).await?;
    let deliveries = guide::deliveries(&demo, &secrets);
    let guide = guide::render(&state.public_url, &urls, &demo, &secrets, &deliveries);
    Ok(SandboxHandles {
        urls,
        demo,
        secrets,
        deliveries,
        guide,
        telegram_sent,
        greenapi_sent,
        meta_sent,
        _fakes: fakes,
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
