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
    /// Workspace staff (an admin number or chat): what it may do is in its permissions.
    Admin(AdminPermissions),
    /// Not linked: order commands get a "link your account" prompt.
    Unknown,
}

/// What an admin chat may do beyond a customer. Defaults: see any order, forward requests
/// for any order, and stay as silent as customers in groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminPermissions {
    /// Details (status) of any order, not only its own.
    pub view_any_order: bool,
    /// Speed, refill and cancel requests for any order, without the ownership check.
    pub dispatch_any_order: bool,
    /// Replies (prompts, help) when writing in a group while the workspace keeps groups
    /// silent.
    pub reply_in_groups: bool,
}

impl Default for AdminPermissions {
    fn default() -> Self {
        Self {
            view_any_order: true,
            dispatch_any_order: true,
            reply_in_groups: false,
        }
    }
}

impl SenderRole {
    /// An admin with the default permissions.
    pub fn admin() -> Self {
        SenderRole::Admin(AdminPermissions::default())
    }

    /// Whether this sender gets replies in groups even when the workspace keeps them silent.
    pub fn replies_in_groups(&self) -> bool {
        matches!(self, SenderRole::Admin(permissions) if permissions.reply_in_groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_serialise_with_their_kind() {
        let admin = SenderRole::Admin(AdminPermissions {
            reply_in_groups: true,
            ..AdminPermissions::default()
        });
        let json = serde_json::to_value(&admin).unwrap();
        assert_eq!(json["kind"], "admin");
        assert_eq!(json["reply_in_groups"], true);
        assert_eq!(serde_json::from_value::<SenderRole>(json).unwrap(), admin);
        assert!(admin.replies_in_groups());
        assert!(!SenderRole::admin().replies_in_groups());
        assert!(!SenderRole::Unknown.replies_in_groups());
    }
}
