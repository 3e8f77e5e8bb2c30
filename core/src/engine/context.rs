//! What the engine knows about the workspace and the sender of a message.

use super::settings::Settings;
use crate::command::CommandParser;
use crate::ids::WorkspaceId;
use crate::replies::ReplyTemplates;
use crate::routing::ProviderRoute;
use crate::sender::Sender;
use crate::service_rules::ServiceRule;
use std::collections::HashMap;
use std::sync::Arc;

/// A workspace's configuration, built once per configuration change and shared by every
/// message of the workspace.
#[derive(Clone, Debug, Default)]
pub struct WorkspaceConfig {
    /// Engine settings.
    pub settings: Settings,
    /// Provider routes.
    pub routes: Vec<ProviderRoute>,
    /// The compiled command parser (aliases, custom triggers, parser bulk limit).
    pub parser: CommandParser,
    /// Reply texts.
    pub templates: ReplyTemplates,
    /// Manual service rules by service id; they beat rules parsed from service names.
    pub service_rules: HashMap<String, ServiceRule>,
}

/// Everything the engine needs to handle one message besides the event and the ports.
#[derive(Clone, Debug)]
pub struct WorkspaceContext {
    /// The workspace the message's channel belongs to.
    pub workspace: WorkspaceId,
    /// Its configuration.
    pub config: Arc<WorkspaceConfig>,
    /// The message's author, as identified.
    pub sender: Sender,
}
