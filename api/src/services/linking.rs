//! Self-service linking in the flow, answered before the engine in private chats of
//! unknown and linked customers: `link <username>` opens a ticket carrying a one-time code
//! in that panel account; the code sent back links the chat.
//!
//! The rules (what a message asks, how a code is judged) are in
//! `panelrelay_core::linking`; this module does the I/O: the panel, the codes table, the
//! key-value store for the hourly request limit, and the linked users.

use chrono::{DateTime, Utc};
use panelrelay_adapters::secrets::hash_token;
use panelrelay_adapters::storage::Database;
use panelrelay_core::identity::normalise_identity;
use panelrelay_core::ids::WorkspaceId;
use panelrelay_core::linking::{
    CodeCheck, LinkMessage, LinkPolicy, check_code, code_from_random, parse_link_message,
};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::panel::{NewTicket, PanelError};
use panelrelay_core::ports::{KeyValue, PanelApi};
use panelrelay_core::replies::{ReplyTemplates, TemplateKey};
use panelrelay_core::rules::same_user;
use panelrelay_core::sender::SenderRole;
use std::time::Duration;

/// The command log's action of a message answered by self-service linking.
pub const LINK_ACTION: &str = "link";

/// The window of the per-identity request limit.
const REQUEST_WINDOW: Duration = Duration::from_secs(3600);

/// How long an event's opened ticket is remembered: longer than the inbox lease times the
/// attempts an event gets.
const OPENED_MEMORY: Duration = Duration::from_secs(3600);

/// Why a linking message could not be answered now (the database or the key-value store
/// failed; the message is retried).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LinkingError(String);

/// One chat's linking conversation.
pub struct Linking<'a> {
    /// The database (codes, linked users).
    pub db: &'a Database,
    /// The key-value store (hourly request limit, opened tickets).
    pub kv: &'a dyn KeyValue,
    /// The chat's workspace.
    pub workspace: WorkspaceId,
    /// The chat's medium.
    pub medium: Medium,
    /// Who wrote, as identified.
    pub role: &'a SenderRole,
    /// The workspace's reply texts.
    pub templates: &'a ReplyTemplates,
    /// The workspace's panel.
    pub panel: &'a dyn PanelApi,
    /// A simulation (`POST /v1/commands/simulate`): the reply a real message would get,
    /// with the panel and the stored codes read but nothing written, no code made, no
    /// ticket opened and no request counted.
    pub dry_run: bool,
}

fn storage(err: impl std::fmt::Display) -> LinkingError {
    LinkingError(err.to_string())
}

impl Linking<'_> {
    /// The reply when the message is a linking message this flow answers, else `None` (the
    /// engine handles it). Admin chats and groups are never answered here; a code with no
    /// pending request is left to the engine. `event_id` is absent in a simulation.
    pub async fn answer(
        &self,
        is_group: bool,
        text: &str,
        sender_id: &str,
        event_id: Option<&str>,
    ) -> Result<Option<String>, LinkingError> {
        if is_group || matches!(self.role, SenderRole::Admin(_)) {
            return Ok(None);
        }
        let Some(message) = parse_link_message(text) else {
            return Ok(None);
        };
        let identity =
            normalise_identity(self.medium, sender_id).unwrap_or_else(|_| sender_id.to_owned());
        let policy = LinkPolicy::default();
        match message {
            LinkMessage::MissingUsername => Ok(Some(self.render(TemplateKey::LinkUsage, &[]))),
            LinkMessage::Request { username } => self
                .request(event_id, &identity, &username, &policy, Utc::now())
                .await
                .map(Some),
            LinkMessage::Code(code) => self.verify(&identity, &code, &policy, Utc::now()).await,
        }
    }

    fn render(&self, key: TemplateKey, values: &[(&str, &str)]) -> String {
        self.templates.render(key, values)
    }

    fn request_key(&self, identity: &str) -> String {
        format!(
            "link:requests:{}:{}:{identity}",
            self.workspace,
            self.medium.as_str()
        )
    }

    fn code_hash(&self, identity: &str, code: &str) -> String {
        hash_token(&format!(
            "{}:{}:{identity}:{code}",
            self.workspace,
            self.medium.as_str()
        ))
    }

    /// The rate-limited reply, with the minutes left in the request window.
    async fn rate_limited(&self, identity: &str) -> String {
        let left = self
            .kv
            .ttl(&self.request_key(identity))
            .await
            .ok()
            .flatten()
            .unwrap_or(REQUEST_WINDOW);
        let minutes = left.as_secs().div_ceil(60).max(1).to_string();
        self.render(TemplateKey::LinkRateLimited, &[("minutes", &minutes)])
    }

    /// `link <username>`: checks the username on the panel, stores a new code and opens a
    /// ticket carrying it in that account. An event handled again (its first handling
    /// opened the ticket, then the process stopped before the result was committed) answers
    /// as the first time did, without a second ticket or code.
    async fn request(
        &self,
        event_id: Option<&str>,
        identity: &str,
        username: &str,
        policy: &LinkPolicy,
        now: DateTime<Utc>,
    ) -> Result<String, LinkingError> {
        let minutes = policy.ttl_minutes().to_string();
        let opened_key = event_id.map(|id| format!("link:opened:{}:{id}", self.workspace));
        if let Some(key) = &opened_key {
            if let Ok(Some(opened_for)) = self.kv.get(key).await {
                return Ok(self.render(
                    TemplateKey::LinkCodeSent,
                    &[("username", &opened_for), ("minutes", &minutes)],
                ));
            }
        }
        let requests = self.count_request(identity).await?;
        if requests > i64::from(policy.max_requests_per_hour) {
            return Ok(self.rate_limited(identity).await);
        }
        if let SenderRole::Linked { username: current } = self.role {
            if same_user(current, username) {
                return Ok(self.render(TemplateKey::LinkSuccess, &[("username", current)]));
            }
        }
        let capabilities = self.panel.capabilities();
        if !capabilities.users || !capabilities.tickets.open {
            return Ok(self.render(TemplateKey::LinkUnsupported, &[]));
        }
        let user = match self.panel.find_user(username).await {
            Ok(Some(user)) => user,
            Ok(None) => {
                return Ok(self.render(TemplateKey::LinkUsernameUnknown, &[("username", username)]));
            }
            Err(err) => return Ok(self.panel_failed(&err)),
        };
        if self.dry_run {
            return Ok(self.render(
                TemplateKey::LinkCodeSent,
                &[("username", &user.username), ("minutes", &minutes)],
            ));
        }
        let code = code_from_random(random_u64());
        let codes = self.db.link_codes(self.workspace);
        codes
            .replace(
                self.medium,
                identity,
                &user.username,
                &self.code_hash(identity, &code),
                now + policy.code_ttl,
                now,
            )
            .await
            .map_err(storage)?;
        let ticket = NewTicket {
            username: user.username.clone(),
            subject: self.render(TemplateKey::LinkTicketSubject, &[]),
            message: self.render(
                TemplateKey::LinkTicketMessage,
                &[
                    ("code", &code),
                    ("minutes", &minutes),
                    ("username", &user.username),
                ],
            ),
        };
        if let Err(err) = self.panel.open_ticket(&ticket).await {
            if let Some(pending) = codes
                .pending(self.medium, identity)
                .await
                .map_err(storage)?
            {
                codes.delete(&pending.id).await.map_err(storage)?;
            }
            return Ok(match err {
                PanelError::Unsupported => self.render(TemplateKey::LinkUnsupported, &[]),
                other => self.panel_failed(&other),
            });
        }
        // Remembered for as long as the event could be handled again.
        if let Some(key) = &opened_key {
            let remembered = self
                .kv
                .set_if_absent(key, &user.username, OPENED_MEMORY)
                .await;
            if let Err(err) = remembered {
                tracing::warn!(error = %err, "linking: opened ticket not remembered");
            }
        }
        Ok(self.render(
            TemplateKey::LinkCodeSent,
            &[("username", &user.username), ("minutes", &minutes)],
        ))
    }

    /// Counts a link request of `identity` in the hourly window and returns the count; a
    /// dry run returns what the count would be.
    async fn count_request(&self, identity: &str) -> Result<i64, LinkingError> {
        let key = self.request_key(identity);
        if self.dry_run {
            let counted = self.kv.get(&key).await.map_err(storage)?;
            let counted = counted.and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
            return Ok(counted + 1);
        }
        self.kv
            .increment(&key, 1, REQUEST_WINDOW)
            .await
            .map_err(storage)
    }

    fn panel_failed(&self, err: &PanelError) -> String {
        tracing::warn!(workspace = %self.workspace, error = %err, "linking: panel call failed");
        self.render(TemplateKey::PanelUnavailable, &[])
    }

    /// A code sent back: judged against the chat's pending code, if there is one.
    async fn verify(
        &self,
        identity: &str,
        code: &str,
        policy: &LinkPolicy,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, LinkingError> {
        let codes = self.db.link_codes(self.workspace);
        let Some(stored) = codes
            .pending(self.medium, identity)
            .await
            .map_err(storage)?
        else {
            return Ok(None);
        };
        let check = check_code(
            &stored.pending,
            &self.code_hash(identity, code),
            now,
            policy,
        );
        // A dry run only tells which reply the code would get.
        if !self.dry_run {
            match &check {
                CodeCheck::Verified { username } => {
                    // Of two concurrent right answers, the one that removes the code links.
                    if codes.delete(&stored.id).await.map_err(storage)? {
                        self.db
                            .identities(self.workspace)
                            .relink(self.medium, identity, username, now)
                            .await
                            .map_err(storage)?;
                    }
                }
                CodeCheck::Wrong { .. } => {
                    codes.record_attempt(&stored.id).await.map_err(storage)?;
                }
                CodeCheck::Expired | CodeCheck::Exhausted => {
                    codes.delete(&stored.id).await.map_err(storage)?;
                }
            }
        }
        let reply = match check {
            CodeCheck::Verified { username } => {
                self.render(TemplateKey::LinkSuccess, &[("username", &username)])
            }
            CodeCheck::Wrong { attempts_left } => self.render(
                TemplateKey::LinkCodeInvalid,
                &[("attempts_left", &attempts_left.to_string())],
            ),
            CodeCheck::Expired => self.render(TemplateKey::LinkCodeExpired, &[]),
            CodeCheck::Exhausted => self.rate_limited(identity).await,
        };
        Ok(Some(reply))
    }
}

/// 64 random bits from the OS (through a v4 UUID's random part).
fn random_u64() -> u64 {
    let bits = uuid::Uuid::new_v4().as_u128();
    u64::try_from(bits & u128::from(u64::MAX)).unwrap_or_default()
}
