//! The REST resources, one poem-openapi `Api` struct per resource.

pub mod api_keys;
pub mod channels;
pub mod closed_sets;
pub mod command_aliases;
pub mod commands;
pub mod custom_commands;
pub mod health;
pub mod identities;
pub mod linked_users_import;
pub mod panel;
pub mod provider_routes;
pub mod service_rules;
pub mod settings;
pub mod templates;
pub mod vocabulary;
pub mod workspace;
pub mod workspaces;

pub mod conversations;
pub mod cooldowns;
mod filters;
pub mod logs;
pub mod names;
mod redaction;
pub mod runtime_health;

use poem_openapi::Tags;

/// The `Location` of a resource created under `collection` (e.g. `/v1/channels`).
pub(crate) fn location(collection: &str, id: &str) -> String {
    format!("{collection}/{id}")
}

/// One tag per resource.
#[derive(Tags)]
pub enum ApiTags {
    /// Liveness and readiness probes.
    Health,
    /// Workspaces (tenants), managed by the platform admin.
    Workspaces,
    /// The caller's own workspace.
    Workspace,
    /// API keys of the caller's workspace.
    ApiKeys,
    /// The workspace's panel connection.
    Panel,
    /// The panel's services and their refill and start-time rules.
    ServiceRules,
    /// Messaging channels: Telegram bots, Green API instances, Meta numbers.
    Channels,
    /// How the workspace's automation behaves.
    Settings,
    /// Where each provider's requests go.
    ProviderRoutes,
    /// Linked users and admin chats.
    Identities,
    /// The texts of customer replies.
    Templates,
    /// The workspace's own words for built-in commands.
    CommandAliases,
    /// The workspace's own commands and their replies.
    CustomCommands,
    /// Trying customer messages without sending anything.
    Commands,
    /// What the flow recorded: webhooks, outbound attempts, commands, dispatches.
    Logs,
    /// Running cooldowns per order and action.
    Cooldowns,
    /// Chats and their messages.
    Conversations,
    /// The workspace's runtime health: channels, panel, loops, queues.
    RuntimeHealth,
}

/// Every API of the service, in the order they appear in the document. poem-openapi
/// implements `OpenApi` for tuples of up to 16, so the resources come in three groups:
/// the workspace's set-up, its command vocabulary, and what it recorded.
pub type Apis = (SetupApis, VocabularyApis, ObservabilityApis);

/// Health, workspaces, keys, panel, rules, channels, settings, routes and identities.
pub type SetupApis = (
    health::HealthApi,
    workspaces::WorkspacesApi,
    workspace::WorkspaceApi,
    api_keys::ApiKeysApi,
    panel::PanelApiResource,
    service_rules::ServiceRulesApi,
    channels::ChannelsApi,
    settings::SettingsApi,
    provider_routes::ProviderRoutesApi,
    identities::IdentitiesApi,
    linked_users_import::LinkedUsersImportApi,
);

/// Templates, aliases, custom commands and simulate.
pub type VocabularyApis = (
    templates::TemplatesApi,
    command_aliases::CommandAliasesApi,
    custom_commands::CustomCommandsApi,
    commands::CommandsApi,
);

/// Logs, cooldowns, conversations and runtime health.
pub type ObservabilityApis = (
    logs::LogsApi,
    cooldowns::CooldownsApi,
    conversations::ConversationsApi,
    runtime_health::RuntimeHealthApi,
);

/// The value of [`Apis`].
pub fn apis() -> Apis {
    (
        (
            health::HealthApi,
            workspaces::WorkspacesApi,
            workspace::WorkspaceApi,
            api_keys::ApiKeysApi,
            panel::PanelApiResource,
            service_rules::ServiceRulesApi,
            channels::ChannelsApi,
            settings::SettingsApi,
            provider_routes::ProviderRoutesApi,
            identities::IdentitiesApi,
            linked_users_import::LinkedUsersImportApi,
        ),
        (
            templates::TemplatesApi,
            command_aliases::CommandAliasesApi,
            custom_commands::CustomCommandsApi,
            commands::CommandsApi,
        ),
        (
            logs::LogsApi,
            cooldowns::CooldownsApi,
            conversations::ConversationsApi,
            runtime_health::RuntimeHealthApi,
        ),
    )
}
