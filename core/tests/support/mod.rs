//! In-memory ports and builders shared by the engine, rules, routing and reply tests.
//!
//! The real adapters (Redis, SQL, HTTP panels) are tested in `panelrelay-adapters`; these
//! stand-ins are small and deterministic: the key-value store and the clock share one fake
//! time, so cooldown TTLs are exact.

// Each test binary uses part of this module.
#![allow(dead_code)]

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use panelrelay_core::command::{CommandParser, ParserConfig};
use panelrelay_core::engine::{
    Engine, EngineResult, InboundEvent, Ports, Settings, WorkspaceConfig, WorkspaceContext,
};
use panelrelay_core::ids::{RouteId, WorkspaceId};
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::panel::{PanelCapabilities, ServicesSource, TicketSupport};
use panelrelay_core::ports::{
    Clock, KeyValue, KeyValueError, OrderHistory, OrderHistoryError, PanelApi, PanelError,
    PanelOrder, PanelUser, RunningCooldown, RunningCooldowns, RunningCooldownsError,
};
use panelrelay_core::replies::ReplyTemplates;
use panelrelay_core::routing::{DispatchTemplates, ProviderRoute, Target};
use panelrelay_core::rules::{OrderAction, OrderStatus};
use panelrelay_core::sender::{Sender, SenderRole};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The fixtures' time: 2026-11-24 07:30:00 UTC (`1795505400`).
pub fn now() -> DateTime<Utc> {
    Utc.timestamp_opt(1_795_505_400, 0).unwrap()
}

/// A settable clock.
pub struct FakeClock(Mutex<DateTime<Utc>>);

impl FakeClock {
    pub fn at(time: DateTime<Utc>) -> Arc<Self> {
        Arc::new(Self(Mutex::new(time)))
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut time = self.0.lock().unwrap();
        *time += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A key-value store whose expiry follows a [`FakeClock`].
pub struct MemoryKeyValue {
    clock: Arc<FakeClock>,
    entries: Mutex<HashMap<String, (String, DateTime<Utc>)>>,
    pub fail: std::sync::atomic::AtomicBool,
}

impl MemoryKeyValue {
    pub fn new(clock: Arc<FakeClock>) -> Self {
        Self {
            clock,
            entries: Mutex::new(HashMap::new()),
            fail: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The live cooldown entries (markers and other keys are not counted).
    pub fn len(&self) -> usize {
        let now = self.clock.now();
        let entries = self.entries.lock().unwrap();
        entries
            .iter()
            .filter(|(key, (_, expires))| key.starts_with("cooldown:") && *expires > now)
            .count()
    }

    /// Loses every entry at once, as a restarted store without its data does.
    pub fn wipe(&self) {
        self.entries.lock().unwrap().clear();
    }

    fn check(&self) -> Result<(), KeyValueError> {
        if self.fail.load(Ordering::SeqCst) {
            Err(KeyValueError("down".into()))
        } else {
            Ok(())
        }
    }

    fn live(&self, key: &str) -> Option<(String, DateTime<Utc>)> {
        let now = self.clock.now();
        let entries = self.entries.lock().unwrap();
        entries
            .get(key)
            .filter(|(_, expires)| *expires > now)
            .cloned()
    }
}

#[async_trait]
impl KeyValue for MemoryKeyValue {
    async fn set_if_absent(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
    ) -> Result<bool, KeyValueError> {
        self.check()?;
        // Let a concurrent claim run in between, to exercise races.
        tokio::task::yield_now().await;
        let now = self.clock.now();
        let mut entries = self.entries.lock().unwrap();
        if entries.get(key).is_some_and(|(_, expires)| *expires > now) {
            return Ok(false);
        }
        let expires = now + TimeDelta::from_std(ttl).unwrap();
        entries.insert(key.to_owned(), (value.to_owned(), expires));
        Ok(true)
    }

    async fn get(&self, key: &str) -> Result<Option<String>, KeyValueError> {
        self.check()?;
        Ok(self.live(key).map(|(value, _)| value))
    }

    async fn ttl(&self, key: &str) -> Result<Option<Duration>, KeyValueError> {
        self.check()?;
        let now = self.clock.now();
        Ok(self
            .live(key)
            .map(|(_, expires)| (expires - now).to_std().unwrap()))
    }

    async fn delete(&self, key: &str) -> Result<bool, KeyValueError> {
        self.check()?;
        Ok(self.entries.lock().unwrap().remove(key).is_some())
    }

    async fn increment(&self, key: &str, by: i64, ttl: Duration) -> Result<i64, KeyValueError> {
        self.check()?;
        let now = self.clock.now();
        let mut entries = self.entries.lock().unwrap();
        let (value, expires) = match entries.get(key).filter(|(_, e)| *e > now) {
            Some((value, expires)) => (value.parse::<i64>().unwrap() + by, *expires),
            None => (by, now + TimeDelta::from_std(ttl).unwrap()),
        };
        entries.insert(key.to_owned(), (value.to_string(), expires));
        Ok(value)
    }

    async fn lock(&self, key: &str, owner: &str, ttl: Duration) -> Result<bool, KeyValueError> {
        self.set_if_absent(key, owner, ttl).await
    }

    async fn unlock(&self, key: &str, owner: &str) -> Result<bool, KeyValueError> {
        self.check()?;
        let mut entries = self.entries.lock().unwrap();
        if entries.get(key).is_some_and(|(value, _)| value == owner) {
            entries.remove(key);
            return Ok(true);
        }
        Ok(false)
    }

    async fn ping(&self) -> Result<(), KeyValueError> {
        self.check()
    }
}

/// A panel with fixed orders and users, or a fixed error; counts its calls.
#[derive(Default)]
pub struct FakePanel {
    pub orders: Vec<PanelOrder>,
    pub users: Vec<PanelUser>,
    pub error: Option<PanelError>,
    pub fetch_calls: AtomicUsize,
    pub user_calls: AtomicUsize,
}

#[async_trait]
impl PanelApi for FakePanel {
    fn capabilities(&self) -> PanelCapabilities {
        PanelCapabilities {
            order_lookup: true,
            ownership: true,
            external_ids: true,
            users: true,
            balance: true,
            services: ServicesSource::None,
            tickets: TicketSupport::default(),
            orders_per_call: 100,
        }
    }

    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        self.fetch_calls.fetch_add(1, Ordering::SeqCst);
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        Ok(self
            .orders
            .iter()
            .filter(|order| ids.contains(&order.id))
            .cloned()
            .collect())
    }

    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError> {
        self.user_calls.fetch_add(1, Ordering::SeqCst);
        if let Some(error) = &self.error {
            return Err(error.clone());
        }
        Ok(self
            .users
            .iter()
            .find(|user| user.username.eq_ignore_ascii_case(username))
            .cloned())
    }
}

/// The durable cooldown log in memory: what the database would list as running.
#[derive(Default)]
pub struct MemoryCooldownLog {
    running: Mutex<Vec<(WorkspaceId, RunningCooldown)>>,
    pub fail: std::sync::atomic::AtomicBool,
    pub reads: AtomicUsize,
}

impl MemoryCooldownLog {
    /// Records a cooldown of `workspace` held by `holder` until `until`.
    pub fn record(
        &self,
        workspace: WorkspaceId,
        order_id: u64,
        action: OrderAction,
        holder: &str,
        until: DateTime<Utc>,
    ) {
        self.running.lock().unwrap().push((
            workspace,
            RunningCooldown {
                order_id,
                action,
                holder: holder.to_owned(),
                until,
            },
        ));
    }
}

#[async_trait]
impl RunningCooldowns for MemoryCooldownLog {
    async fn running_cooldowns(
        &self,
        workspace: WorkspaceId,
        now: DateTime<Utc>,
    ) -> Result<Vec<RunningCooldown>, RunningCooldownsError> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        if self.fail.load(Ordering::SeqCst) {
            return Err(RunningCooldownsError("database down".into()));
        }
        Ok(self
            .running
            .lock()
            .unwrap()
            .iter()
            .filter(|(ws, cooldown)| *ws == workspace && cooldown.until > now)
            .map(|(_, cooldown)| cooldown.clone())
            .collect())
    }
}

/// First-seen-completed times in memory.
#[derive(Default)]
pub struct MemoryHistory {
    seen: Mutex<HashMap<(WorkspaceId, u64), DateTime<Utc>>>,
}

impl MemoryHistory {
    pub fn record(&self, workspace: WorkspaceId, order_id: u64, at: DateTime<Utc>) {
        self.seen.lock().unwrap().insert((workspace, order_id), at);
    }
}

#[async_trait]
impl OrderHistory for MemoryHistory {
    async fn first_seen_completed(
        &self,
        workspace: WorkspaceId,
        order_id: u64,
        seen_at: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, OrderHistoryError> {
        let mut seen = self.seen.lock().unwrap();
        let first = seen.entry((workspace, order_id)).or_insert(seen_at);
        if seen_at < *first {
            *first = seen_at;
        }
        Ok(*first)
    }
}

/// A completed order of `user` at `provider` with provider-side id `external_id`, created
/// 10 days before [`now`], with a 30-day refill and a 0–1 h start.
pub fn order(id: u64, user: &str, provider: &str, external_id: &str) -> PanelOrder {
    PanelOrder {
        id,
        user: user.to_owned(),
        service_id: Some("3463".into()),
        service_name: Some("Instagram Followers [Refill: 30 Days] [Start: 0-1 Hour]".into()),
        status: OrderStatus::Completed,
        raw_status: "completed".into(),
        remains: Some(0),
        start_count: Some(850),
        charge: Some("1.20".into()),
        provider: Some(provider.to_owned()),
        external_id: Some(external_id.to_owned()),
        created_at: Some(now() - TimeDelta::days(10)),
        updated_at: Some(now() - TimeDelta::days(9)),
    }
}

/// `order` with another status.
pub fn with_status(mut order: PanelOrder, raw: &str) -> PanelOrder {
    order.status = OrderStatus::parse(raw);
    order.raw_status = raw.to_owned();
    order
}

/// An enabled route for `domains` to a Telegram chat.
pub fn route(name: &str, domains: &[&str], chat_id: &str) -> ProviderRoute {
    ProviderRoute {
        id: RouteId::new(),
        name: name.to_owned(),
        provider_domains: domains.iter().map(|d| (*d).to_owned()).collect(),
        alias: None,
        target: Target {
            medium: Medium::Telegram,
            chat_id: chat_id.to_owned(),
            topic_id: None,
        },
        templates: DispatchTemplates::default(),
        enabled: true,
        is_fallback: false,
    }
}

pub fn linked(username: &str) -> SenderRole {
    SenderRole::Linked {
        username: username.to_owned(),
    }
}

/// A workspace context with `routes` and default everything else.
pub fn context(routes: Vec<ProviderRoute>, role: SenderRole) -> WorkspaceContext {
    context_with(routes, role, Settings::default(), ReplyTemplates::default())
}

pub fn context_with(
    routes: Vec<ProviderRoute>,
    role: SenderRole,
    settings: Settings,
    templates: ReplyTemplates,
) -> WorkspaceContext {
    WorkspaceContext {
        workspace: WorkspaceId::new(),
        config: Arc::new(WorkspaceConfig {
            settings,
            routes,
            // The fake panel numbers its orders from 1, like a young panel.
            parser: CommandParser::new(&ParserConfig {
                min_order_id_digits: 1,
                ..ParserConfig::default()
            })
            .unwrap(),
            templates,
            service_rules: HashMap::new(),
        }),
        sender: Sender {
            identity: "79001234567@c.us".into(),
            role,
        },
    }
}

/// A private Telegram message.
pub fn private_text(text: &str) -> InboundEvent {
    InboundEvent {
        medium: Medium::Telegram,
        chat_id: "5123456789".into(),
        sender_id: "5123456789".into(),
        text: text.to_owned(),
        is_group: false,
    }
}

/// A group Telegram message.
pub fn group_text(text: &str) -> InboundEvent {
    InboundEvent {
        is_group: true,
        chat_id: "-4123456789".into(),
        ..private_text(text)
    }
}

/// The ports of one test: a panel, and a store and history on one fake clock.
pub struct World {
    pub panel: FakePanel,
    pub clock: Arc<FakeClock>,
    pub store: MemoryKeyValue,
    pub history: MemoryHistory,
    pub cooldown_log: MemoryCooldownLog,
}

impl World {
    pub fn new(panel: FakePanel) -> Self {
        let clock = FakeClock::at(now());
        Self {
            panel,
            store: MemoryKeyValue::new(clock.clone()),
            clock,
            history: MemoryHistory::default(),
            cooldown_log: MemoryCooldownLog::default(),
        }
    }

    pub fn ports(&self) -> Ports<'_> {
        Ports {
            panel: &self.panel,
            key_value: &self.store,
            clock: self.clock.as_ref(),
            history: &self.history,
            cooldown_log: &self.cooldown_log,
        }
    }

    pub async fn run(&self, event: &InboundEvent, ctx: &WorkspaceContext) -> EngineResult {
        Engine::live().handle(event, ctx, &self.ports()).await
    }
}
