//! Ports: the traits through which the domain reaches the outside world.

pub mod clock;
pub mod key_value;
pub mod messenger;
pub mod order_history;
pub mod panel;
pub mod running_cooldowns;

pub use clock::{Clock, ManualClock, SystemClock};
pub use key_value::{KeyValue, KeyValueError};
pub use messenger::{Messenger, OutboundText, SendError, Sent};
pub use order_history::{OrderHistory, OrderHistoryError};
pub use panel::{PanelApi, PanelError, PanelOrder, PanelUser};
pub use running_cooldowns::{RunningCooldown, RunningCooldowns, RunningCooldownsError};
