//! Panel clients per workspace, kept between events (a client holds a connection pool and
//! its rate limiter) and rebuilt when the workspace reconnects its panel.

use crate::resources::panel::settings;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use panelrelay_adapters::panels;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelUser, ServicesSource, TicketSupport,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A built client and the connection version it was built from.
type CachedClient = (DateTime<Utc>, Arc<dyn PanelApi>);

/// The cache: workspace → client, keyed by the connection's last change.
#[derive(Default)]
pub struct PanelClients {
    clients: Mutex<HashMap<WorkspaceId, CachedClient>>,
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

impl PanelClients {
    /// The workspace's panel client, built or rebuilt as needed.
    pub async fn get(&self, state: &AppState, workspace: WorkspaceId) -> Arc<dyn PanelApi> {
        let connection = match state.db.panel_connection(workspace).get().await {
            Ok(Some(connection)) => connection,
            Ok(None) => return Arc::new(NoPanel),
            Err(err) => {
                tracing::warn!(%workspace, error = %err, "panel connection unreadable");
                return Arc::new(NoPanel);
            }
        };
        if let Ok(clients) = self.clients.lock() {
            if let Some((stamp, client)) = clients.get(&workspace) {
                if *stamp == connection.updated_at {
                    return client.clone();
                }
            }
        }
        let client: Arc<dyn PanelApi> = match settings(state, &connection)
            .ok()
            .and_then(|s| panels::connect(&s).ok())
        {
            Some(client) => client,
            None => {
                tracing::warn!(%workspace, "panel client could not be built");
                return Arc::new(NoPanel);
            }
        };
        if let Ok(mut clients) = self.clients.lock() {
            clients.insert(workspace, (connection.updated_at, client.clone()));
        }
        client
    }
}
