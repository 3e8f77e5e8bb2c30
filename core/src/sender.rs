//! Who wrote a message, as the identify step resolved it.

use serde::{Deserialize, Serialize};

/// The author of an inbound message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    /// The messaging identity (phone number, Telegram user id, BSUID), for logs.
    pub identity: String,
    /// What the workspace knows about the identity.
    pub role: SenderRole,
}

/// What a workspace knows about a message's author.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SenderRole {
    /// A customer linked to a panel username: may act on that user's orders only.
    Linked {
        /// The panel username.
        username: String,
    },
    /// Workspace staff (an admin number or chat): may act on any order.
    Admin,
    /// Not linked: order commands get a "link your account" prompt.
    Unknown,
}
