//! The command engine: one inbound message in; a reply, provider dispatches and per-order
//! outcomes out. It reaches the outside only through [`Ports`] and sends nothing itself.
//!
//! ```text
//! parse ─┬─ chatter / incomplete ─→ prompt or silence
//!        ├─ help, custom, balance ─→ template reply
//!        └─ details/speed/cancel/refill:
//!             unknown sender → link prompt (no panel call)
//!             fetch all ids in one batch (failure → safe reply, nothing else)
//!             per order: found → ownership → status matrix and service rule
//!                        → route → cooldown claim (last)
//!             accepted orders → dispatches per provider; outcomes → one reply
//! ```

mod balance;
mod context;
mod event;
mod handler;
mod order_check;
mod orders;
mod ports;
mod result;
mod settings;

pub use context::{WorkspaceConfig, WorkspaceContext};
pub use event::InboundEvent;
pub use handler::Engine;
pub use ports::Ports;
pub use result::EngineResult;
pub use settings::{DEFAULT_COMPACT_THRESHOLD, Settings};
