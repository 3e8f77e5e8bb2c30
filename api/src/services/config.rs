//! A workspace's engine configuration, read from storage: settings, provider routes (with
//! the channel each sends through), manual service rules (advanced mode), reply template
//! overrides, and the command vocabulary (aliases and enabled custom commands).

use super::settings::RulesMode;
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::command::{Alias, CommandParser, ParserConfig};
use panelrelay_core::engine::WorkspaceConfig;
use panelrelay_core::ids::{ChannelId, RouteId, WorkspaceId};
use panelrelay_core::replies::{ReplyTemplates, validate_template};
use panelrelay_core::service_rules::ServiceRule;
use std::collections::HashMap;
use std::sync::Arc;

/// The engine's configuration plus what the flow needs beside it.
pub struct LoadedConfig {
    /// What the engine reads.
    pub engine: Arc<WorkspaceConfig>,
    /// The channel each route sends through.
    pub route_channels: HashMap<RouteId, ChannelId>,
}

/// Reads a workspace's configuration.
pub async fn load(db: &Database, workspace: WorkspaceId) -> Result<LoadedConfig, StorageError> {
    let settings = super::settings::load(db, workspace).await?;
    let advanced = settings.rules_mode == RulesMode::Advanced;
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
    let reading = ParserConfig {
        max_order_ids: settings.engine.max_order_ids,
        min_order_id_digits: settings.min_order_id_digits,
        intents: settings.intents.clone(),
        ..ParserConfig::default()
    };
    let (parser, templates) = vocabulary(db, workspace, reading).await?;
    let engine = WorkspaceConfig {
        settings: settings.engine,
        parser,
        templates,
        routes: stored_routes.into_iter().map(|r| r.route).collect(),
        service_rules,
    };
    Ok(LoadedConfig {
        engine: Arc::new(engine),
        route_channels,
    })
}

/// The workspace's command parser (on top of its reading settings, `reading`) and reply
/// texts. The API validates what it stores, so
/// nothing should be refused here; should a stored entry not fit anyway (written by an
/// older version, or two concurrent writes of one phrase), it is left out and logged
/// instead of failing every message of the workspace.
async fn vocabulary(
    db: &Database,
    workspace: WorkspaceId,
    reading: ParserConfig,
) -> Result<(CommandParser, ReplyTemplates), StorageError> {
    let mut templates = ReplyTemplates::default();
    for (key, stored) in db.reply_templates(workspace).all().await? {
        match validate_template(key, &stored.text) {
            Ok(()) => {
                templates.overrides.insert(key, stored.text);
            }
            Err(error) => {
                tracing::warn!(%workspace, key = key.name(), %error, "stored template ignored");
            }
        }
    }
    let aliases: Vec<Alias> = db
        .command_aliases(workspace)
        .all()
        .await?
        .into_iter()
        .map(|alias| Alias {
            phrase: alias.phrase,
            action: alias.action,
        })
        .collect();
    let mut triggers = Vec::new();
    for command in db.custom_commands(workspace).all().await? {
        if command.fields.enabled {
            triggers.push(command.fields.trigger.clone());
            templates
                .custom
                .insert(command.fields.trigger, command.fields.reply);
        }
    }
    let config = ParserConfig {
        aliases,
        custom_triggers: triggers,
        ..reading
    };
    let parser = match CommandParser::new(&config) {
        Ok(parser) => parser,
        Err(error) => {
            tracing::warn!(%workspace, %error, "stored vocabulary does not compile; skipping entries");
            tolerant_parser(config)
        }
    };
    Ok((parser, templates))
}

/// The parser of `config` without the aliases and triggers that keep it from compiling,
/// added one at a time in stored order.
fn tolerant_parser(config: ParserConfig) -> CommandParser {
    let mut kept = ParserConfig {
        aliases: Vec::new(),
        custom_triggers: Vec::new(),
        ..config.clone()
    };
    for alias in config.aliases {
        kept.aliases.push(alias);
        if CommandParser::new(&kept).is_err() {
            kept.aliases.pop();
        }
    }
    for trigger in config.custom_triggers {
        kept.custom_triggers.push(trigger);
        if CommandParser::new(&kept).is_err() {
            kept.custom_triggers.pop();
        }
    }
    CommandParser::new(&kept).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use panelrelay_core::command::{Action, Command, ParseOutcome};

    #[test]
    fn entries_that_do_not_compile_are_left_out() {
        let alias = |phrase: &str, action| Alias {
            phrase: phrase.into(),
            action,
        };
        let config = ParserConfig {
            aliases: vec![alias("ulang", Action::Refill), alias("42", Action::Speed)],
            custom_triggers: vec!["ULANG".into(), "price list".into()],
            max_order_ids: 10,
            min_order_id_digits: 1,
            ..ParserConfig::default()
        };
        assert!(CommandParser::new(&config).is_err());
        let parser = tolerant_parser(config);
        let command = |action, order_ids| ParseOutcome::Command(Command { action, order_ids });
        assert_eq!(parser.parse("5 ulang"), command(Action::Refill, vec![5]));
        assert_eq!(
            parser.parse("price list"),
            command(Action::Custom("price list".into()), vec![])
        );
        assert_eq!(parser.max_order_ids(), 10);
    }
}
