//! A panel client that logs its failures and counts its calls: every failed call is a WARN
//! line with the workspace, the call and the failure's class (never the panel's URL or key),
//! so an operator sees a panel outage in the logs, not only in the command log; every call
//! is counted and timed in the metrics by panel type, call and outcome.

use crate::metrics::Metrics;
use async_trait::async_trait;
use panelrelay_adapters::panels::PanelKind;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::ports::panel::{
    NewTicket, PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelService, PanelTicket,
    PanelUser,
};
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

/// Wraps a workspace's panel client, logs what fails and counts every call.
pub struct LoggedPanel {
    workspace: WorkspaceId,
    panel_type: &'static str,
    inner: Arc<dyn PanelApi>,
    metrics: Arc<Metrics>,
}

impl LoggedPanel {
    /// Logs the failures of `inner`, the panel client of `workspace` (a panel of
    /// `panel_type`), and records its calls in `metrics`.
    pub fn new(
        workspace: WorkspaceId,
        panel_type: &str,
        inner: Arc<dyn PanelApi>,
        metrics: Arc<Metrics>,
    ) -> Self {
        let panel_type = PanelKind::parse(panel_type).map_or("other", PanelKind::as_str);
        LoggedPanel {
            workspace,
            panel_type,
            inner,
            metrics,
        }
    }

    /// Runs one call: times it, counts it, and logs it when it is a failure worth an
    /// operator's eye.
    async fn logged<T>(
        &self,
        call: &'static str,
        request: impl Future<Output = Result<T, PanelError>>,
    ) -> Result<T, PanelError> {
        let started = Instant::now();
        let result = request.await;
        let outcome = match &result {
            Ok(_) => Some("ok"),
            // Nothing was asked of the panel.
            Err(PanelError::Unsupported) => None,
            Err(error) => Some(error.class()),
        };
        if let Some(outcome) = outcome {
            self.metrics
                .panel_request(self.panel_type, call, outcome, started.elapsed());
        }
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
        self.logged("fetch_orders", self.inner.fetch_orders(ids))
            .await
    }

    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError> {
        self.logged("find_user", self.inner.find_user(username))
            .await
    }

    fn capabilities(&self) -> PanelCapabilities {
        self.inner.capabilities()
    }

    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        self.logged("list_services", self.inner.list_services())
            .await
    }

    async fn list_tickets(&self, limit: u32) -> Result<Vec<PanelTicket>, PanelError> {
        self.logged("list_tickets", self.inner.list_tickets(limit))
            .await
    }

    async fn get_ticket(&self, ticket_id: &str) -> Result<Option<PanelTicket>, PanelError> {
        self.logged("get_ticket", self.inner.get_ticket(ticket_id))
            .await
    }

    async fn reply_ticket(&self, ticket_id: &str, message: &str) -> Result<(), PanelError> {
        self.logged("reply_ticket", self.inner.reply_ticket(ticket_id, message))
            .await
    }

    async fn open_ticket(&self, ticket: &NewTicket) -> Result<String, PanelError> {
        self.logged("open_ticket", self.inner.open_ticket(ticket))
            .await
    }
}
