//! What the engine needs to handle one message of one sender: the workspace's configuration,
//! the sender's role, and the ports. Built the same way for the worker (live) and for
//! simulations (`POST /v1/commands/simulate`), so a simulation sees exactly what a real
//! message would.

use super::config;
use crate::state::AppState;
use panelrelay_adapters::storage::StorageError;
use panelrelay_core::engine::{Ports, WorkspaceContext};
use panelrelay_core::ids::{ChannelId, RouteId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::{PanelApi, SystemClock};
use panelrelay_core::sender::Sender;
use std::collections::HashMap;
use std::sync::Arc;

/// One sender's message context.
pub struct MessageContext {
    /// The workspace, its configuration and the sender as the engine sees them.
    pub ctx: WorkspaceContext,
    /// The channel each route sends through.
    pub route_channels: HashMap<RouteId, ChannelId>,
    /// The workspace's panel client.
    panel: Arc<dyn PanelApi>,
}

impl MessageContext {
    /// Loads the workspace's configuration, resolves `sender_id`'s role on `medium`, and
    /// takes the workspace's panel client.
    pub async fn load(
        state: &AppState,
        workspace: WorkspaceId,
        medium: Medium,
        sender_id: &str,
    ) -> Result<Self, StorageError> {
        let loaded = config::load(&state.db, workspace).await?;
        let role = state
            .db
            .identities(workspace)
            .sender_role(medium, sender_id)
            .await?;
        let panel = state.panels.get(state, workspace).await;
        Ok(MessageContext {
            ctx: WorkspaceContext {
                workspace,
                config: Arc::new(loaded.engine),
                sender: Sender {
                    identity: sender_id.to_owned(),
                    role,
                },
            },
            route_channels: loaded.route_channels,
            panel,
        })
    }

    /// The workspace's panel client.
    pub fn panel(&self) -> &dyn PanelApi {
        self.panel.as_ref()
    }

    /// The ports the engine uses: this panel, the shared key-value store, the system clock
    /// and the database's order history.
    pub fn ports<'a>(&'a self, state: &'a AppState) -> Ports<'a> {
        Ports {
            panel: self.panel.as_ref(),
            key_value: state.kv.as_ref(),
            clock: &SystemClock,
            history: &state.db,
        }
    }
}
