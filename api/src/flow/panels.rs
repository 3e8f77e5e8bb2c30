//! A workspace's panel client, built from its stored connection (a client holds a connection
//! pool and its rate limiter, so it is kept while the connection does not change), and the
//! stand-in used when no usable panel is connected.

use super::logged_panel::LoggedPanel;
use crate::resources::panel::settings;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels;
use panelrelay_adapters::storage::StorageError;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelUser, ServicesSource, TicketSupport,
};
use std::sync::Arc;

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
    /// The workspace's panel client: `previous` again when the connection has not changed
    /// since it was built, a new client otherwise, or a stand-in that fails every lookup when
    /// no panel is connected or its client cannot be built.
    pub async fn build(
        state: &AppState,
        workspace: WorkspaceId,
        previous: Option<&PanelClient>,
    ) -> Result<Self, StorageError> {
        let Some(connection) = state.db.panel_connection(workspace).get().await? else {
            return Ok(Self::none());
        };
        if let Some(previous) = previous {
            if previous.built_from == Some(connection.updated_at) {
                return Ok(previous.clone());
            }
        }
        match settings(state, &connection)
            .ok()
            .and_then(|s| panels::connect(&s).ok())
        {
            Some(api) => Ok(PanelClient {
                built_from: Some(connection.updated_at),
                api: Arc::new(LoggedPanel::new(workspace, api)),
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
