//! Each workspace's flow configuration and panel client, kept between events. Every write to
//! what they are built from bumps the workspace's configuration version in the write's own
//! transaction, so an entry is served only while the stored version still matches: correct
//! with any number of server processes on one database.

use super::config::{self, LoadedConfig};
use super::panel::PanelClient;
use crate::metrics::Metrics;
use panelrelay_adapters::secrets::SecretBox;
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::access::WorkspaceStatus;
use panelrelay_core::ids::WorkspaceId;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// What the flow needs of a workspace beside the sender: its configuration and panel client.
pub struct CachedConfig {
    /// The engine's configuration and the channel of each route.
    pub loaded: LoadedConfig,
    /// The panel client.
    pub panel: PanelClient,
    /// Whether the workspace is suspended: its events are completed without being handled.
    pub suspended: bool,
}

/// The cache: workspace → the version an entry was loaded at, and the entry.
pub struct ConfigCache {
    db: Database,
    secrets: SecretBox,
    metrics: Arc<Metrics>,
    entries: Mutex<HashMap<WorkspaceId, (i64, Arc<CachedConfig>)>>,
    loads: AtomicU64,
}

impl ConfigCache {
    /// An empty cache of the configurations stored in `db` (panel keys opened with
    /// `secrets`, panel calls counted in `metrics`).
    pub fn new(db: Database, secrets: SecretBox, metrics: Arc<Metrics>) -> Self {
        ConfigCache {
            db,
            secrets,
            metrics,
            entries: Mutex::default(),
            loads: AtomicU64::new(0),
        }
    }

    /// The workspace's current configuration: one version query, and a load only when the
    /// version moved on since the cached entry was loaded.
    pub async fn get(&self, workspace: WorkspaceId) -> Result<Arc<CachedConfig>, StorageError> {
        let version = self.db.workspaces().config_version(workspace).await?;
        self.at_version(workspace, version).await
    }

    /// The configurations of `workspaces` as of one version query, loading the stale ones.
    /// A workspace that cannot be read now is left out; its events look it up themselves
    /// and fail (to be retried) if it still cannot.
    pub async fn snapshot(
        &self,
        workspaces: &[WorkspaceId],
    ) -> HashMap<WorkspaceId, Arc<CachedConfig>> {
        if workspaces.is_empty() {
            return HashMap::new();
        }
        let versions = match self.db.workspaces().config_versions(workspaces).await {
            Ok(versions) => versions,
            Err(error) => {
                tracing::warn!(%error, "configuration versions unreadable");
                return HashMap::new();
            }
        };
        let mut configs = HashMap::new();
        for (workspace, version) in versions {
            match self.at_version(workspace, Some(version)).await {
                Ok(config) => {
                    configs.insert(workspace, config);
                }
                Err(error) => tracing::warn!(%workspace, %error, "configuration unreadable"),
            }
        }
        configs
    }

    /// The configuration at `version`, read before this call (`None`: the workspace does not
    /// exist, so nothing is kept). Reading the version before loading means a write racing
    /// the load leaves the entry at an older version, which the next lookup reloads.
    async fn at_version(
        &self,
        workspace: WorkspaceId,
        version: Option<i64>,
    ) -> Result<Arc<CachedConfig>, StorageError> {
        let cached = self.cached(workspace);
        if let (Some((cached_version, entry)), Some(version)) = (&cached, version) {
            if *cached_version >= version {
                return Ok(entry.clone());
            }
        }
        let previous_panel = cached.as_ref().map(|(_, entry)| &entry.panel);
        let entry = Arc::new(self.load(workspace, previous_panel).await?);
        if let (Some(version), Ok(mut entries)) = (version, self.entries.lock()) {
            let newer = entries
                .get(&workspace)
                .is_some_and(|(kept, _)| *kept > version);
            if !newer {
                entries.insert(workspace, (version, entry.clone()));
            }
        }
        Ok(entry)
    }

    /// The cached entry of `workspace`, if any.
    fn cached(&self, workspace: WorkspaceId) -> Option<(i64, Arc<CachedConfig>)> {
        self.entries
            .lock()
            .ok()
            .and_then(|entries| entries.get(&workspace).cloned())
    }

    /// Reads the workspace's configuration and panel client from storage.
    async fn load(
        &self,
        workspace: WorkspaceId,
        previous_panel: Option<&PanelClient>,
    ) -> Result<CachedConfig, StorageError> {
        self.loads.fetch_add(1, Ordering::Relaxed);
        let suspended = self
            .db
            .workspaces()
            .get(workspace)
            .await?
            .is_some_and(|found| found.status == WorkspaceStatus::Suspended);
        let loaded = config::load(&self.db, workspace).await?;
        let panel = PanelClient::build(
            &self.db,
            &self.secrets,
            &self.metrics,
            workspace,
            previous_panel,
        )
        .await?;
        Ok(CachedConfig {
            loaded,
            panel,
            suspended,
        })
    }

    /// How many times configurations were read from storage since the process started.
    pub fn loads(&self) -> u64 {
        self.loads.load(Ordering::Relaxed)
    }
}
