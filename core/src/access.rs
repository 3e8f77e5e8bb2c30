//! Who may do what: workspace roles and the platform admin.

use serde::{Deserialize, Serialize};

/// A workspace member's role. Viewers read, agents operate, owners configure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads everything in the workspace.
    Viewer,
    /// Reads, and operates: simulate, clear a cooldown, send a reply.
    Agent,
    /// Everything, including configuration and API keys.
    Owner,
}

impl Role {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Agent => "agent",
            Role::Owner => "owner",
        }
    }

    /// Parses the stored and wire name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "viewer" => Some(Role::Viewer),
            "agent" => Some(Role::Agent),
            "owner" => Some(Role::Owner),
            _ => None,
        }
    }

    /// Whether this role includes everything `required` may do.
    pub fn allows(self, required: Role) -> bool {
        self >= required
    }
}

/// Whether a workspace may use the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceStatus {
    /// Normal operation.
    Active,
    /// Stopped by the platform admin: its keys are refused and its automation paused.
    Suspended,
}

impl WorkspaceStatus {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkspaceStatus::Active => "active",
            WorkspaceStatus::Suspended => "suspended",
        }
    }

    /// Parses the stored and wire name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "active" => Some(WorkspaceStatus::Active),
            "suspended" => Some(WorkspaceStatus::Suspended),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(Role::Owner.allows(Role::Agent));
        assert!(Role::Agent.allows(Role::Viewer));
        assert!(!Role::Viewer.allows(Role::Agent));
        assert!(!Role::Agent.allows(Role::Owner));
        for role in [Role::Viewer, Role::Agent, Role::Owner] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
