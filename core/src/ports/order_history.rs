//! The order-history port: what panelrelay has observed about orders over time.

use crate::ids::WorkspaceId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A failure of the history store.
#[derive(Debug, thiserror::Error)]
#[error("order history: {0}")]
pub struct OrderHistoryError(pub String);

/// Observations of orders, per workspace.
#[async_trait]
pub trait OrderHistory: Send + Sync {
    /// Records that `order_id` was seen completed (or partial) at `seen_at`, unless an
    /// earlier sighting is recorded, and returns the earliest recorded sighting.
    async fn first_seen_completed(
        &self,
        workspace: WorkspaceId,
        order_id: u64,
        seen_at: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, OrderHistoryError>;
}
