//! A workspace's engine configuration, read from storage: settings, provider routes (with
//! the channel each sends through), the command vocabulary and manual service rules
//! (advanced mode). Templates, aliases and custom commands are the defaults until their
//! resources exist.

use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::engine::WorkspaceConfig;
use panelrelay_core::ids::{ChannelId, RouteId, WorkspaceId};
use panelrelay_core::service_rules::ServiceRule;
use std::collections::HashMap;

/// The engine's configuration plus what the flow needs beside it.
pub struct LoadedConfig {
    /// What the engine reads.
    pub engine: WorkspaceConfig,
    /// The channel each route sends through.
    pub route_channels: HashMap<RouteId, ChannelId>,
}

/// Reads a workspace's configuration.
pub async fn load(db: &Database, workspace: WorkspaceId) -> Result<LoadedConfig, StorageError> {
    let settings = crate::resources::settings::load(db, workspace).await?;
    let advanced = settings.rules_mode == crate::resources::settings::RulesMode::Advanced;
    let stored_routes = db.provider_routes(workspace).all().await?;
    let route_channels = stored_routes
        .iter()
        .map(|r| (r.route.id, r.channel_id))
        .collect();
    let mut service_rules = HashMap::new();
    let mut after: Option<String> = None;
    // Manual overrides apply in advanced mode only; otherwise the engine parses names.
    if advanced {
        loop {
            let page = db
                .service_rules(workspace)
                .list(after.as_deref(), 500)
                .await?;
            for service in page.items {
                if let Some((refill, start)) = service.manual {
                    service_rules.insert(service.service_id, ServiceRule::manual(refill, start));
                }
            }
            match page.next_after {
                Some(next) => after = Some(next),
                None => break,
            }
        }
    }
    let parser =
        panelrelay_core::command::CommandParser::new(&panelrelay_core::command::ParserConfig {
            max_order_ids: settings.engine.max_order_ids,
            ..Default::default()
        })
        .unwrap_or_default();
    let engine = WorkspaceConfig {
        settings: settings.engine,
        parser,
        routes: stored_routes.into_iter().map(|r| r.route).collect(),
        service_rules,
        ..WorkspaceConfig::default()
    };
    Ok(LoadedConfig {
        engine,
        route_channels,
    })
}
