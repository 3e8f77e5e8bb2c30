//! What the engine needs to handle one message of one sender: the workspace's configuration,
//! the sender's role, and the ports. Built the same way for the worker (live) and for
//! simulations (`POST /v1/commands/simulate`), so a simulation sees exactly what a real
//! message would.

use super::config_cache::{CachedConfig, ConfigCache};
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::engine::{Ports, WorkspaceContext};
use panelrelay_core::ids::{ChannelId, RouteId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::{KeyValue, PanelApi, SystemClock};
use panelrelay_core::sender::{Sender, SenderRole};
use std::collections::HashMap;
use std::sync::Arc;

/// One sender's message context.
pub struct MessageContext {
    /// The workspace, its configuration and the sender as the engine sees them.
    pub ctx: WorkspaceContext,
    /// The workspace's configuration and panel client.
    config: Arc<CachedConfig>,
}

impl MessageContext {
    /// Takes the workspace's current configuration and panel client, and resolves
    /// `sender_id`'s role on `medium`.
    pub async fn load(
        configs: &ConfigCache,
        db: &Database,
        workspace: WorkspaceId,
        medium: Medium,
        sender_id: &str,
    ) -> Result<Self, StorageError> {
        let config = configs.get(workspace).await?;
        Self::with_config(db, workspace, config, medium, sender_id).await
    }

    /// Uses `config`, the workspace's configuration read earlier, and resolves `sender_id`'s
    /// role on `medium`.
    pub async fn with_config(
        db: &Database,
        workspace: WorkspaceId,
        config: Arc<CachedConfig>,
        medium: Medium,
        sender_id: &str,
    ) -> Result<Self, StorageError> {
        let role = db
            .identities(workspace)
            .sender_role(medium, sender_id)
            .await?;
        Ok(Self::with_role(workspace, config, sender_id, role))
    }

    /// Uses `config` and `role`, both read earlier (the worker reads a round's roles in
    /// one go).
    pub fn with_role(
        workspace: WorkspaceId,
        config: Arc<CachedConfig>,
        sender_id: &str,
        role: SenderRole,
    ) -> Self {
        MessageContext {
            ctx: WorkspaceContext {
                workspace,
                config: config.loaded.engine.clone(),
                sender: Sender {
                    identity: sender_id.to_owned(),
                    role,
                },
            },
            config,
        }
    }

    /// The channel each route sends through.
    pub fn route_channels(&self) -> &HashMap<RouteId, ChannelId> {
        &self.config.loaded.route_channels
    }

    /// Whether the workspace is suspended (as of its cached configuration).
    pub fn suspended(&self) -> bool {
        self.config.suspended
    }

    /// The workspace's panel client.
    pub fn panel(&self) -> &dyn PanelApi {
        self.config.panel.api().as_ref()
    }

    /// The ports the engine uses: this panel, the shared key-value store `key_value`, the
    /// system clock, and `db`'s order history and cooldown log.
    pub fn ports<'a>(&'a self, key_value: &'a dyn KeyValue, db: &'a Database) -> Ports<'a> {
        Ports {
            panel: self.panel(),
            key_value,
            clock: &SystemClock,
            history: db,
            cooldown_log: db,
        }
    }
}
