//! Provider routes: where a provider's requests go, and in which words.

use super::template::DispatchTemplates;
use crate::ids::RouteId;
use crate::medium::Medium;
use serde::{Deserialize, Serialize};

/// A chat that receives forwarded requests: usually the provider's group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The medium of the chat.
    pub medium: Medium,
    /// The chat id on that medium (`-1001987654321`, `120363025478365921@g.us`).
    pub chat_id: String,
    /// A Telegram forum topic, if the requests go into one.
    pub topic_id: Option<i64>,
}

/// A workspace's route to one provider (or, as fallback, to staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRoute {
    /// The route's id.
    pub id: RouteId,
    /// A name for the workspace's staff.
    pub name: String,
    /// The provider domains served (as orders name them in `provider`); compared without
    /// scheme, `www.`, trailing slash or case.
    pub provider_domains: Vec<String>,
    /// A provider name served (admin API v1 names providers instead of giving domains);
    /// compared trimmed and case-insensitively.
    pub alias: Option<String>,
    /// Where the requests go.
    pub target: Target,
    /// The request text per action; unset actions use the defaults.
    pub templates: DispatchTemplates,
    /// Disabled routes are ignored.
    pub enabled: bool,
    /// Serves orders whose provider no route serves (manual services, deleted providers).
    pub is_fallback: bool,
}
