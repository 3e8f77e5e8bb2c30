//! The fakes the server talks to, in the benchmark's process: the sandbox's Perfect Panel
//! (with synthetic orders and an optional latency) and its Telegram and Green API servers,
//! which record every message they receive.

use panelrelay_api::sandbox::fake_panel::FakePanel;
use panelrelay_api::sandbox::{DemoSecrets, Recorder, fake_messengers, serve_loopback};
use std::time::Duration;
use tokio::task::JoinHandle;

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
    tasks: Vec<JoinHandle<()>>,
}

impl Fakes {
    /// Starts the fakes on ephemeral loopback ports.
    pub async fn start(panel_latency: Duration) -> Result<Self, String> {
        let secrets = DemoSecrets::generate().map_err(|e| e.to_string())?;
        let (telegram, greenapi) = (Recorder::default(), Recorder::default());
        let panel = FakePanel::seeded()
            .with_synthetic_orders()
            .with_latency(panel_latency);
        let (panel_url, panel_task) = serve_loopback("panel", panel.route())
            .await
            .map_err(|e| e.to_string())?;
        let (telegram_url, telegram_task) = serve_loopback(
            "telegram",
            fake_messengers::telegram(&secrets, telegram.clone()),
        )
        .await
        .map_err(|e| e.to_string())?;
        let (greenapi_url, greenapi_task) = serve_loopback(
            "green api",
            fake_messengers::greenapi(&secrets, greenapi.clone()),
        )
        .await
        .map_err(|e| e.to_string())?;
        let (hung_panel_url, hung_task) = hung_server().await?;
        Ok(Fakes {
            secrets,
            panel_url,
            hung_panel_url,
            telegram_url,
            greenapi_url,
            telegram,
            greenapi,
            tasks: vec![panel_task, telegram_task, greenapi_task, hung_task],
        })
    }

    /// Messages received so far by both messaging fakes.
    pub fn received(&self) -> usize {
        self.telegram.len() + self.greenapi.len()
    }
}

/// A server on loopback that accepts connections, reads what is sent and never answers.
async fn hung_server() -> Result<(String, JoinHandle<()>), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| format!("hung panel: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let task = tokio::spawn(async move {
        let mut held = tokio::task::JoinSet::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            held.spawn(async move {
                let mut sink = tokio::io::sink();
                let _ = tokio::io::copy(&mut socket, &mut sink).await;
            });
        }
    });
    Ok((format!("http://{address}"), task))
}

impl Drop for Fakes {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}
