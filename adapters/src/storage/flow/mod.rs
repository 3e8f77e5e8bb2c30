//! The durable command flow: webhook events in the inbox, messages to send in the outbox,
//! and the logs written along the way. A worker's results (command log, dispatches,
//! outgoing messages, conversation) are committed in one transaction with the event's
//! completion, so a crash loses nothing and duplicates nothing.

mod inbox;
mod outbox;
mod records;

pub use inbox::{Completion, InboxEvent, NewInboxEvent};
pub use outbox::{NewOutboxMessage, OutboxMessage, OutboxUpdate, Settlement};
pub use records::{
    CommandRecord, ConversationRecord, CooldownRecord, DispatchRecord, OutboundRecord,
    WebhookRecord, at, stamp,
};
