//! A panel client that logs its failures: every failed call is a WARN line with the
//! workspace, the call and the failure's class (never the panel's URL or key), so an
//! operator sees a panel outage in the logs, not only in the command log.

use async_trait::async_trait;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::panel::{
    NewTicket, PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelService, PanelTicket,
    PanelUser,
};
use std::sync::Arc;

/// Wraps a workspace's panel client and logs what fails.
pub struct LoggedPanel {
    workspace: WorkspaceId,
    inner: Arc<dyn PanelApi>,
}

impl LoggedPanel {
    /// Logs the failures of `inner`, the panel client of `workspace`.
    pub fn new(workspace: WorkspaceId, inner: Arc<dyn PanelApi>) -> Self {
        LoggedPanel { workspace, inner }
    }

    /// Passes `result` on, logging it first when it is a failure worth an operator's eye.
    fn logged<T>(
        &self,
        call: &'static str,
        result: Result<T, PanelError>,
    ) -> Result<T, PanelError> {
        if let Err(error) = &result {
            if !matches!(error, PanelError::Unsupported) {
                tracing::warn!(
                    workspace = %self.workspace,
                    call,
                    class = error.class(),
                    %error,
                    "panel call failed"
                );
            }
        }
        result
    }
}

#[async_trait]
impl PanelApi for LoggedPanel {
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        self.logged("fetch_orders", self.inner.fetch_orders(ids).await)
    }

    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError> {
        self.logged("find_user", self.inner.find_user(username).await)
    }

    fn capabilities(&self) -> PanelCapabilities {
        self.inner.capabilities()
    }

    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        self.logged("list_services", self.inner.list_services().await)
    }

    async fn list_tickets(&self, limit: u32) -> Result<Vec<PanelTicket>, PanelError> {
        self.logged("list_tickets", self.inner.list_tickets(limit).await)
    }

    async fn get_ticket(&self, ticket_id: &str) -> Result<Option<PanelTicket>, PanelError> {
        self.logged("get_ticket", self.inner.get_ticket(ticket_id).await)
    }

    async fn reply_ticket(&self, ticket_id: &str, message: &str) -> Result<(), PanelError> {
        self.logged(
            "reply_ticket",
            self.inner.reply_ticket(ticket_id, message).await,
        )
    }

    async fn open_ticket(&self, ticket: &NewTicket) -> Result<String, PanelError> {
        self.logged("open_ticket", self.inner.open_ticket(ticket).await)
    }
}
