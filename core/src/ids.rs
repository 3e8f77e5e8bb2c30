//! Typed identifiers. Ids are UUID v7, so their text form sorts by creation time; lists
//! use the id itself as the pagination cursor.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// Declares a typed id: a UUID newtype that cannot be confused with another kind of id.
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Parses the text form; `None` when it is not a UUID.
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_hyphenated().fmt(f)
            }
        }
    };
}

typed_id!(
    /// A workspace (tenant).
    WorkspaceId
);
typed_id!(
    /// An API key, of a workspace or of the platform admin.
    ApiKeyId
);
typed_id!(
    /// A provider route of a workspace.
    RouteId
);

typed_id!(
    /// A messaging channel (a Telegram bot, a Green API instance, a Meta phone number).
    ChannelId
);
typed_id!(
    /// A linked user or an admin chat.
    IdentityId
);
typed_id!(
    /// A workspace's command alias.
    AliasId
);
typed_id!(
    /// A workspace's custom command.
    CustomCommandId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_sort_by_creation() {
        let first = WorkspaceId::new();
        let second = WorkspaceId::new();
        assert_eq!(WorkspaceId::parse(&first.to_string()), Some(first));
        assert!(first.to_string() < second.to_string());
        assert_eq!(WorkspaceId::parse("not-a-uuid"), None);
    }
}
