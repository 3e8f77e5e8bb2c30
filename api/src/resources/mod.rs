//! The REST resources, one poem-openapi `Api` struct per resource.

pub mod api_keys;
pub mod channels;
pub mod health;
pub mod identities;
pub mod linked_users_import;
pub mod panel;
pub mod provider_routes;
pub mod service_rules;
pub mod settings;
pub mod workspace;
pub mod workspaces;

use poem_openapi::Tags;

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
}

/// Every API of the service, in the order they appear in the document.
pub type Apis = (
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

/// The value of [`Apis`].
pub fn apis() -> Apis {
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
    )
}
