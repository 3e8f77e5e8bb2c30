//! The actions forwarded to a provider for an order.

use crate::command::Action;
use serde::{Deserialize, Serialize};

/// An action panelrelay forwards to the upstream provider for an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    /// Speed the order up.
    Speed,
    /// Cancel the order.
    Cancel,
    /// Refill the order.
    Refill,
}

impl OrderAction {
    /// Every forwarded action.
    pub const ALL: [OrderAction; 3] =
        [OrderAction::Speed, OrderAction::Cancel, OrderAction::Refill];

    /// The forwarded action a command asks for, if it is one.
    pub fn from_action(action: &Action) -> Option<Self> {
        match action {
            Action::Speed => Some(OrderAction::Speed),
            Action::Cancel => Some(OrderAction::Cancel),
            Action::Refill => Some(OrderAction::Refill),
            Action::Balance | Action::Details | Action::Help | Action::Custom(_) => None,
        }
    }

    /// The stable name: `speed`, `cancel` or `refill`.
    pub fn name(self) -> &'static str {
        match self {
            OrderAction::Speed => "speed",
            OrderAction::Cancel => "cancel",
            OrderAction::Refill => "refill",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_command_actions() {
        let pairs = [
            (Action::Speed, OrderAction::Speed),
            (Action::Cancel, OrderAction::Cancel),
            (Action::Refill, OrderAction::Refill),
        ];
        for (action, forwarded) in pairs {
            assert_eq!(OrderAction::from_action(&action), Some(forwarded));
            assert_eq!(action.name(), forwarded.name());
        }
        assert_eq!(OrderAction::from_action(&Action::Details), None);
    }
}
