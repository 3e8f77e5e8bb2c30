//! The running-cooldowns port: the durable record of the cooldowns that run, the source of
//! truth the key-value store caches (see [`crate::cooldown`]).

use crate::ids::WorkspaceId;
use crate::rules::OrderAction;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A failure of the durable cooldown record.
#[derive(Debug, thiserror::Error)]
#[error("cooldown log: {0}")]
pub struct RunningCooldownsError(pub String);

/// One running cooldown as the durable record keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunningCooldown {
    /// The panel order.
    pub order_id: u64,
    /// The action it limits.
    pub action: OrderAction,
    /// The request that claimed it (its holder in the key-value store).
    pub holder: String,
    /// When it ends.
    pub until: DateTime<Utc>,
}

/// The durable record of running cooldowns, per workspace.
#[async_trait]
pub trait RunningCooldowns: Send + Sync {
    /// The cooldowns of `workspace` running at `now`: not over and not cleared.
    async fn running_cooldowns(
        &self,
        workspace: WorkspaceId,
        now: DateTime<Utc>,
    ) -> Result<Vec<RunningCooldown>, RunningCooldownsError>;
}
