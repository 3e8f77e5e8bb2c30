//! One customer message through the automation: self-service linking first, then the
//! engine. The worker runs it live on stored events; `POST /v1/commands/simulate` runs it
//! as a dry run, so a simulation answers exactly as a real message would.

use super::context::MessageContext;
use super::linking::{Linking, LinkingError};
use panelrelay_adapters::storage::Database;
use panelrelay_core::engine::{Engine, EngineResult, InboundEvent};
use panelrelay_core::ports::KeyValue;

/// How the message is handled.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// For real, on behalf of the stored event `event_id` (cooldowns are claimed for it, a
    /// link request opens its ticket once).
    Live {
        /// The inbox event's id.
        event_id: &'a str,
    },
    /// A simulation: the panel and stored state are read, nothing is written, claimed,
    /// counted or sent.
    DryRun,
}

/// What the automation made of a message.
#[derive(Debug)]
pub struct Handled {
    /// The engine's result (for a linking message: its reply only).
    pub result: EngineResult,
    /// Whether self-service linking answered it (the engine did not run).
    pub linking: bool,
}

/// Runs `event` through linking, then (when linking does not answer it) the engine, with
/// `message`'s configuration, sender and panel, the key-value store `kv` and the database
/// `db`.
pub async fn handle(
    db: &Database,
    kv: &dyn KeyValue,
    message: &MessageContext,
    event: &InboundEvent,
    mode: Mode<'_>,
) -> Result<Handled, LinkingError> {
    let (dry_run, event_id) = match mode {
        Mode::Live { event_id } => (false, Some(event_id)),
        Mode::DryRun => (true, None),
    };
    let linking = Linking {
        db,
        kv,
        workspace: message.ctx.workspace,
        medium: event.medium,
        role: &message.ctx.sender.role,
        templates: &message.ctx.config.templates,
        panel: message.panel(),
        dry_run,
    };
    let linked = linking
        .answer(event.is_group, &event.text, &event.sender_id, event_id)
        .await?;
    if let Some(reply) = linked {
        return Ok(Handled {
            result: EngineResult {
                reply: Some(reply),
                ..EngineResult::default()
            },
            linking: true,
        });
    }
    let engine = match event_id {
        Some(id) => Engine::live_for(id),
        None => Engine::dry_run(),
    };
    let result = engine
        .handle(event, &message.ctx, &message.ports(kv, db))
        .await;
    Ok(Handled {
        result,
        linking: false,
    })
}
