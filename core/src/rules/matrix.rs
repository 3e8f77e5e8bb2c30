//! The status × action matrix: which forwarded actions each order status permits.

use super::action::OrderAction;
use super::status::OrderStatus;
use serde::{Deserialize, Serialize};

/// The forwarded actions one status permits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionCells {
    /// Speed-up requests.
    pub speed: bool,
    /// Cancel requests.
    pub cancel: bool,
    /// Refill requests (the refill window is checked on top).
    pub refill: bool,
}

impl ActionCells {
    /// Every action denied.
    pub const DENY_ALL: ActionCells = ActionCells {
        speed: false,
        cancel: false,
        refill: false,
    };

    /// Whether `action` is permitted.
    pub fn allows(self, action: OrderAction) -> bool {
        match action {
            OrderAction::Speed => self.speed,
            OrderAction::Cancel => self.cancel,
            OrderAction::Refill => self.refill,
        }
    }
}

/// A workspace's status × action matrix. Details replies are allowed for every status and
/// are not part of it.
///
/// Defaults (reference §5 and §5.1):
///
/// | status | speed | cancel | refill |
/// |---|---|---|---|
/// | pending | yes | yes | no |
/// | in progress | yes | yes | no |
/// | processing | yes | yes | no |
/// | completed | no | no | yes, inside the refill window |
/// | partial | no | no | no (some panels allow it: set `partial.refill`) |
/// | canceled, failed, refunded | no | no | no |
/// | unknown spelling | no | no | no |
///
/// Speed also waits for the service's start window; see `rules::check_speed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusMatrix {
    /// `Pending`.
    pub pending: ActionCells,
    /// `In progress`.
    pub in_progress: ActionCells,
    /// `Processing`.
    pub processing: ActionCells,
    /// `Completed`.
    pub completed: ActionCells,
    /// `Partial`.
    pub partial: ActionCells,
    /// `Canceled` / `Cancelled`.
    pub canceled: ActionCells,
    /// `Fail` / `Error`.
    pub failed: ActionCells,
    /// `Refunded`.
    pub refunded: ActionCells,
    /// Any status spelling panelrelay does not recognise.
    pub unknown: ActionCells,
}

impl Default for StatusMatrix {
    fn default() -> Self {
        let active = ActionCells {
            speed: true,
            cancel: true,
            refill: false,
        };
        Self {
            pending: active,
            in_progress: active,
            processing: active,
            completed: ActionCells {
                speed: false,
                cancel: false,
                refill: true,
            },
            partial: ActionCells::DENY_ALL,
            canceled: ActionCells::DENY_ALL,
            failed: ActionCells::DENY_ALL,
            refunded: ActionCells::DENY_ALL,
            unknown: ActionCells::DENY_ALL,
        }
    }
}

impl StatusMatrix {
    /// The row of `status`.
    pub fn cells(&self, status: &OrderStatus) -> ActionCells {
        match status {
            OrderStatus::Pending => self.pending,
            OrderStatus::InProgress => self.in_progress,
            OrderStatus::Processing => self.processing,
            OrderStatus::Completed => self.completed,
            OrderStatus::Partial => self.partial,
            OrderStatus::Canceled => self.canceled,
            OrderStatus::Failed => self.failed,
            OrderStatus::Refunded => self.refunded,
            OrderStatus::Unknown(_) => self.unknown,
        }
    }

    /// Whether `status` permits `action`.
    pub fn allows(&self, status: &OrderStatus, action: OrderAction) -> bool {
        self.cells(status).allows(action)
    }
}
