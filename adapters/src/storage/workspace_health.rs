//! What a workspace's runtime health is made of, read from stored data only: its queues, the
//! last webhook deliveries per channel, and how much of each module is configured.

use super::flow::WebhookRecord;
use super::schema::{
    admin_chats, inbox_events, linked_users, outbox_messages, provider_routes, webhook_log,
};
use super::{Database, StorageError, from_db_time, with_conn};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use panelrelay_core::ids::{ChannelId, WorkspaceId};

/// A queue's backlog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    /// Items waiting or being handled.
    pub pending: i64,
    /// How long the oldest of them has waited.
    pub oldest_age: Option<Duration>,
    /// Items given up for good.
    pub failed: i64,
}

/// How much of each module a workspace configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleCounts {
    /// Provider routes.
    pub routes: i64,
    /// Enabled provider routes.
    pub enabled_routes: i64,
    /// Enabled fallback routes.
    pub fallback_routes: i64,
    /// Linked users.
    pub linked_users: i64,
    /// Admin chats.
    pub admin_chats: i64,
}

/// A workspace's runtime facts.
pub struct WorkspaceHealth<'a> {
    db: &'a Database,
    workspace_id: WorkspaceId,
}

impl Database {
    /// The runtime facts of one workspace.
    pub fn workspace_health(&self, workspace_id: WorkspaceId) -> WorkspaceHealth<'_> {
        WorkspaceHealth {
            db: self,
            workspace_id,
        }
    }
}

fn age(now: DateTime<Utc>, oldest: Option<NaiveDateTime>) -> Option<Duration> {
    oldest.map(|at| now - from_db_time(at))
}

impl WorkspaceHealth<'_> {
    /// The workspace's inbox backlog (events not yet handled).
    pub async fn inbox(&self, now: DateTime<Utc>) -> Result<Backlog, StorageError> {
        use inbox_events as t;
        let ws = self.workspace_id.to_string();
        let (pending, oldest, failed): (i64, Option<NaiveDateTime>, i64) =
            with_conn!(self.db, |conn| {
                let waiting = t::table
                    .filter(t::workspace_id.eq(&ws))
                    .filter(t::status.eq_any(["pending", "processing"]));
                let pending = waiting.clone().count().get_result(conn).await?;
                let oldest = waiting
                    .select(diesel::dsl::min(t::received_at))
                    .first(conn)
                    .await?;
                let failed = t::table
                    .filter(t::workspace_id.eq(&ws))
                    .filter(t::status.eq("failed"))
                    .count()
                    .get_result(conn)
                    .await?;
                (pending, oldest, failed)
            });
        Ok(Backlog {
            pending,
            oldest_age: age(now, oldest),
            failed,
        })
    }

    /// The workspace's outbox backlog (messages not yet sent).
    pub async fn outbox(&self, now: DateTime<Utc>) -> Result<Backlog, StorageError> {
        use outbox_messages as t;
        let ws = self.workspace_id.to_string();
        let (pending, oldest, failed): (i64, Option<NaiveDateTime>, i64) =
            with_conn!(self.db, |conn| {
                let waiting = t::table
                    .filter(t::workspace_id.eq(&ws))
                    .filter(t::status.eq_any(["pending", "sending"]));
                let pending = waiting.clone().count().get_result(conn).await?;
                let oldest = waiting
                    .select(diesel::dsl::min(t::created_at))
                    .first(conn)
                    .await?;
                let failed = t::table
                    .filter(t::workspace_id.eq(&ws))
                    .filter(t::status.eq("failed"))
                    .count()
                    .get_result(conn)
                    .await?;
                (pending, oldest, failed)
            });
        Ok(Backlog {
            pending,
            oldest_age: age(now, oldest),
            failed,
        })
    }

    /// A channel's last webhook delivery, and its last refused one (status 400 or more).
    pub async fn last_webhooks(
        &self,
        channel: ChannelId,
    ) -> Result<(Option<WebhookRecord>, Option<WebhookRecord>), StorageError> {
        let (ws, channel) = (self.workspace_id.to_string(), channel.to_string());
        Ok(with_conn!(self.db, |conn| {
            let of_channel = webhook_log::table
                .filter(webhook_log::workspace_id.eq(&ws))
                .filter(webhook_log::channel_id.eq(&channel))
                .select(WebhookRecord::as_select())
                .order((webhook_log::received_at.desc(), webhook_log::id.desc()));
            let last = of_channel.first(conn).await.optional()?;
            let refused = of_channel
                .filter(webhook_log::status_code.ge(400))
                .first(conn)
                .await
                .optional()?;
            (last, refused)
        }))
    }

    /// How much of each module is configured.
    pub async fn modules(&self) -> Result<ModuleCounts, StorageError> {
        let ws = self.workspace_id.to_string();
        Ok(with_conn!(self.db, |conn| {
            let routes = provider_routes::table
                .filter(provider_routes::workspace_id.eq(&ws))
                .count()
                .get_result(conn)
                .await?;
            let enabled_routes = provider_routes::table
                .filter(provider_routes::workspace_id.eq(&ws))
                .filter(provider_routes::enabled.eq(true))
                .count()
                .get_result(conn)
                .await?;
            let fallback_routes = provider_routes::table
                .filter(provider_routes::workspace_id.eq(&ws))
                .filter(provider_routes::enabled.eq(true))
                .filter(provider_routes::is_fallback.eq(true))
                .count()
                .get_result(conn)
                .await?;
            let linked_users = linked_users::table
                .filter(linked_users::workspace_id.eq(&ws))
                .count()
                .get_result(conn)
                .await?;
            let admin_chats = admin_chats::table
                .filter(admin_chats::workspace_id.eq(&ws))
                .count()
                .get_result(conn)
                .await?;
            ModuleCounts {
                routes,
                enabled_routes,
                fallback_routes,
                linked_users,
                admin_chats,
            }
        }))
    }
}
