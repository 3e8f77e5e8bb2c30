//! The fakes the server talks to, in the benchmark's process (from `panelrelay_api::fakes`):
//! the sandbox's Perfect Panel (with synthetic orders and an optional latency) and its
//! Telegram and Green API servers, which record every message they receive.

use panelrelay_api::fakes::greenapi::GreenApi;
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::telegram::Telegram;
use panelrelay_api::fakes::{Fake, Recorder, Running, serve, serve_hung};
use panelrelay_api::sandbox::DemoSecrets;
use std::time::Duration;

/// The running fakes. Dropping them stops them.
pub struct Fakes {
    /// Credentials the fakes accept.
    pub secrets: DemoSecrets,
    /// The fake panel's base URL.
    pub panel_url: String,
    /// A panel that accepts connections and never answers.
    pub hung_panel_url: String,
    /// The fake Telegram Bot API's base URL.
    pub telegram_url: String,
    /// The fake Green API's base URL.
    pub greenapi_url: String,
    /// What the fake Telegram received (provider groups and Telegram customers).
    pub telegram: Recorder,
    /// What the fake Green API received (WhatsApp customers).
    pub greenapi: Recorder,
    _servers: (
        Running<PanelAdminV2>,
        Running<Telegram>,
        Running<GreenApi>,
        Running<()>,
    ),
}

/// Serves a fake that keeps no request log (the benchmark sends too many to keep).
async fn serve_unlogged<F: Fake>(fake: F) -> Result<Running<F>, String> {
    let name = fake.name();
    fake.controls().stop_recording();
    serve(fake).await.map_err(|e| format!("{name}: {e}"))
}

impl Fakes {
    /// Starts the fakes on ephemeral loopback ports.
    pub async fn start(panel_latency: Duration) -> Result<Self, String> {
        let secrets = DemoSecrets::generate().map_err(|e| e.to_string())?;
        let panel = PanelAdminV2::seeded().with_synthetic_orders();
        panel.controls().set_latency(panel_latency);
        let panel = serve_unlogged(panel).await?;
        let telegram = serve_unlogged(Telegram::new(&secrets.bot_token)).await?;
        let greenapi =
            serve_unlogged(GreenApi::new(&secrets.id_instance, &secrets.api_token)).await?;
        let hung = serve_hung().await.map_err(|e| format!("hung panel: {e}"))?;
        Ok(Fakes {
            panel_url: panel.url().to_string(),
            hung_panel_url: hung.url().to_string(),
            telegram_url: telegram.url().to_string(),
            greenapi_url: greenapi.url().to_string(),
            telegram: telegram.sent().clone(),
            greenapi: greenapi.sent().clone(),
            secrets,
            _servers: (panel, telegram, greenapi, hung),
        })
    }

    /// Messages received so far by both messaging fakes.
    pub fn received(&self) -> usize {
        self.telegram.len() + self.greenapi.len()
    }
}
