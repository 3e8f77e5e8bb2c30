//! The checks shared by command aliases and custom commands: a new or changed phrase must
//! compile into the workspace's command parser together with every other alias and trigger.

use crate::error::{ApiError, ErrorCode};
use panelrelay_adapters::storage::{Database, StorageError};
use panelrelay_core::command::{Action, Alias, CommandParser, ConfigError, ParserConfig};
use panelrelay_core::ids::{AliasId, CustomCommandId, WorkspaceId};

/// The longest alias or trigger, in characters.
const MAX_PHRASE_CHARS: usize = 100;

/// A phrase about to be written, and the stored entry it replaces (on update).
pub enum Candidate<'a> {
    /// An alias of a built-in action.
    Alias {
        /// The phrase.
        phrase: &'a str,
        /// The action it means.
        action: Action,
        /// The alias being updated.
        replacing: Option<AliasId>,
    },
    /// A custom command's trigger.
    Trigger {
        /// The trigger.
        trigger: &'a str,
        /// The custom command being updated.
        replacing: Option<CustomCommandId>,
    },
}

/// A trimmed phrase of 1-100 printable characters.
pub fn phrase(value: &str, field: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty()
        || value.chars().count() > MAX_PHRASE_CHARS
        || value.chars().any(char::is_control)
    {
        return Err(ApiError::invalid_body(format!(
            "{field} must be 1-{MAX_PHRASE_CHARS} printable characters"
        )));
    }
    Ok(value.to_owned())
}

/// Whether every word of `phrase` is already a built-in command, filler or intent word, so
/// that a custom command on it would take those words over.
fn is_builtin(phrase: &str) -> bool {
    CommandParser::default().knows_every_word(phrase)
}

/// The API error of a parser configuration problem caused by `field`.
fn config_error(field: &str, error: &ConfigError) -> ApiError {
    let code = match error {
        ConfigError::EmptyPhrase(_) => ErrorCode::PhraseWithoutWords,
        ConfigError::NumericPhrase(_) => ErrorCode::PhraseWithNumber,
        ConfigError::DuplicatePhrase(_) => ErrorCode::PhraseTaken,
        ConfigError::ZeroLimit | ConfigError::MinDigits | ConfigError::IntentAction(_) => {
            return ApiError::internal(error);
        }
    };
    ApiError::new(code, format!("{field}: {error}"))
}

/// Maps a unique-constraint conflict on a phrase (a concurrent write of the same words) to
/// `phrase_taken`.
pub fn taken(field: &str) -> impl Fn(StorageError) -> ApiError + '_ {
    move |error| match error {
        StorageError::Conflict(_) => ApiError::new(
            ErrorCode::PhraseTaken,
            format!("{field}: the workspace already has this alias or trigger"),
        ),
        other => other.into(),
    }
}

/// Checks `candidate` against the built-in words and the workspace's other aliases and
/// triggers (enabled or not) by compiling them all into a parser.
pub async fn check(
    db: &Database,
    workspace: WorkspaceId,
    candidate: Candidate<'_>,
) -> Result<(), ApiError> {
    let mut config = ParserConfig::default();
    for alias in db.command_aliases(workspace).all().await? {
        if !matches!(candidate, Candidate::Alias { replacing: Some(id), .. } if id == alias.id) {
            config.aliases.push(Alias {
                phrase: alias.phrase,
                action: alias.action,
            });
        }
    }
    for command in db.custom_commands(workspace).all().await? {
        if !matches!(candidate, Candidate::Trigger { replacing: Some(id), .. } if id == command.id)
        {
            config.custom_triggers.push(command.fields.trigger);
        }
    }
    let (field, builtin) = match candidate {
        Candidate::Alias { phrase, action, .. } => {
            config.aliases.push(Alias {
                phrase: phrase.to_owned(),
                action,
            });
            ("phrase", None)
        }
        Candidate::Trigger { trigger, .. } => {
            config.custom_triggers.push(trigger.to_owned());
            ("trigger", Some(trigger))
        }
    };
    CommandParser::new(&config).map_err(|error| config_error(field, &error))?;
    match builtin {
        Some(trigger) if is_builtin(trigger) => Err(ApiError::new(
            ErrorCode::BuiltinPhrase,
            format!(
                "trigger: {trigger:?} is made of built-in command words; a custom command needs a word of its own"
            ),
        )),
        _ => Ok(()),
    }
}
