//! A workspace's panel: the client settings of its stored connection, a client for one
//! request (the REST resources), and the client the flow keeps between events (it holds a
//! rate limiter, so it is kept while the connection does not change), with the stand-in
//! used when no usable panel is connected.

use super::logged_panel::LoggedPanel;
use crate::metrics::Metrics;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels::{self, PanelKind, PanelSettings};
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::panel_connections::PanelConnection;
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelUser, ServicesSource, TicketSupport,
};
use std::sync::Arc;
use std::time::Duration;

/// Why a workspace's panel cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PanelSetupError {
    /// No panel is connected.
    #[error("no panel connected; connect one with PUT /v1/panel")]
    NotConnected,
    /// The stored connection cannot be read (a bug or a lost master key; never the user's).
    #[error("stored panel connection: {0}")]
    Unreadable(String),
    /// The client cannot be built; the text explains why, safe to show to the workspace.
    #[error("{0}")]
    Connect(String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The stored connection turned into client settings, with the key opened.
pub fn settings(
    secrets: &SecretBox,
    connection: &PanelConnection,
) -> Result<PanelSettings, PanelSetupError> {
    let unreadable = |what: &str| PanelSetupError::Unreadable(what.to_owned());
    let kind = PanelKind::parse(&connection.kind).ok_or_else(|| unreadable("kind"))?;
    Ok(PanelSettings {
        kind,
        base_url: connection.base_url.clone(),
        api_key: secrets
            .open(&connection.api_key_sealed)
            .map_err(|err| PanelSetupError::Unreadable(format!("key: {err}")))?,
        timezone: connection
            .timezone
            .parse()
            .map_err(|_| unreadable("timezone"))?,
        timeout: Duration::from_millis(u64::try_from(connection.timeout_ms).unwrap_or(10_000)),
        requests_per_second: u32::try_from(connection.requests_per_second).unwrap_or(5),
    })
}

/// A client for the workspace's panel for one request, and the panel's key (to redact it
/// from what is shown).
pub async fn client(
    db: &Database,
    secrets: &SecretBox,
    workspace: WorkspaceId,
) -> Result<(Arc<dyn PanelApi>, String), PanelSetupError> {
    let connection = db
        .panel_connection(workspace)
        .get()
        .await?
        .ok_or(PanelSetupError::NotConnected)?;
    let settings = settings(secrets, &connection)?;
    let panel = panels::connect(&settings)
        .map_err(|err| PanelSetupError::Connect(panels::explain(&err)))?;
    Ok((panel, settings.api_key))
}

/// Replaces every occurrence of the panel's key in a text meant for humans.
pub fn redact(text: &str, key: &str) -> String {
    if key.len() >= 4 {
        text.replace(key, "[redacted]")
    } else {
        text.to_string()
    }
}

/// A workspace's panel client and the connection change it was built from (`None` when no
/// usable panel is connected).
#[derive(Clone)]
pub struct PanelClient {
    built_from: Option<DateTime<Utc>>,
    api: Arc<dyn PanelApi>,
}

/// Stands in for a workspace without a connected panel: every order lookup fails, so the
/// engine answers with its safe "panel unavailable" reply.
struct NoPanel;

#[async_trait::async_trait]
impl PanelApi for NoPanel {
    async fn fetch_orders(&self, _ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        Err(PanelError::Unsupported)
    }

    async fn find_user(&self, _username: &str) -> Result<Option<PanelUser>, PanelError> {
        Err(PanelError::Unsupported)
    }

    fn capabilities(&self) -> PanelCapabilities {
        PanelCapabilities {
            order_lookup: false,
            ownership: false,
            external_ids: false,
            users: false,
            balance: false,
            services: ServicesSource::None,
            tickets: TicketSupport::default(),
            orders_per_call: 0,
        }
    }
}

impl PanelClient {
    /// The workspace's panel client (its calls counted in `metrics`): `previous` again when the connection has not changed
    /// since it was built, a new client otherwise, or a stand-in that fails every lookup when
    /// no panel is connected or its client cannot be built.
    pub async fn build(
        db: &Database,
        secrets: &SecretBox,
        metrics: &Arc<Metrics>,
        workspace: WorkspaceId,
        previous: Option<&PanelClient>,
    ) -> Result<Self, StorageError> {
        let Some(connection) = db.panel_connection(workspace).get().await? else {
            return Ok(Self::none());
        };
        if let Some(previous) = previous {
            if previous.built_from == Some(connection.updated_at) {
                return Ok(previous.clone());
            }
        }
        match settings(secrets, &connection)
            .ok()
            .and_then(|s| panels::connect(&s).ok())
        {
            Some(api) => Ok(PanelClient {
                built_from: Some(connection.updated_at),
                api: Arc::new(LoggedPanel::new(
                    workspace,
                    &connection.kind,
                    api,
                    metrics.clone(),
                )),
            }),
            None => {
                tracing::warn!(%workspace, "panel client could not be built");
                Ok(Self::none())
            }
        }
    }

    /// The stand-in for a workspace without a usable panel.
    fn none() -> Self {
        PanelClient {
            built_from: None,
            api: Arc::new(NoPanel),
        }
    }

    /// The client.
    pub fn api(&self) -> &Arc<dyn PanelApi> {
        &self.api
    }
}
