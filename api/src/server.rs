//! `panelrelay serve`: open everything, print the one-time admin key on a fresh database,
//! serve until SIGINT or SIGTERM.

use crate::app::{build_app, build_worker_app};
use crate::config::Config;
use crate::http::limits::LimitedAcceptor;
use crate::runtime::{StartupError, bootstrap_admin_key, open_state};
use crate::webhooks::LogWriter;
use poem::listener::Acceptor;
use poem::{EndpointExt, Server};
use std::time::Duration;

/// How long shutdown waits for queued webhook log rows to be written.
const LOG_FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs the server.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let state = open_state(&config).await?;
    if let Some(key) = bootstrap_admin_key(&state.db).await? {
        println!(
            "Platform admin key (shown once; create more with `panelrelay admin create-key`):"
        );
        println!("{key}");
    }
    let acceptor = LimitedAcceptor::bind(config.listen, config.http_limits)
        .await
        .map_err(|err| {
            StartupError(format!(
                "cannot listen on {} (PANELRELAY_LISTEN): {err}",
                config.listen
            ))
        })?;
    let address = acceptor
        .local_addr()
        .first()
        .and_then(|local| local.0.as_socket_addr().copied())
        .unwrap_or(config.listen);
    tracing::info!(
        %address,
        database = state.db.backend().as_str(),
        key_value = state.kv_kind,
        role = config.role.as_str(),
        "panelrelay listening; Swagger UI at http://{address}/docs"
    );
    // The background jobs run beside the HTTP server and stop after it.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let loops = if config.role.runs_jobs() {
        crate::jobs::runner::spawn(state.clone(), stopped)
    } else {
        Vec::new()
    };
    let webhook_log = state.webhook_log.clone();
    let app = if config.role.serves_api() {
        build_app(state).boxed()
    } else {
        build_worker_app(state).boxed()
    };
    let served = Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(app, shutdown_signal(), Some(Duration::from_secs(10)))
        .await
        .map_err(|err| StartupError(format!("server: {err}")));
    let _ = stop.send(true);
    for handle in loops {
        let _ = handle.await;
    }
    flush_webhook_log(&webhook_log).await;
    served
}

/// At shutdown: writes the webhook log rows of the deliveries answered so far.
pub(crate) async fn flush_webhook_log(webhook_log: &LogWriter) {
    if tokio::time::timeout(LOG_FLUSH_TIMEOUT, webhook_log.flush())
        .await
        .is_err()
    {
        tracing::warn!("webhook log rows still queued at shutdown were not written");
    }
}

pub(crate) async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down");
}
