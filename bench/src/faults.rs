//! The fault suite: the server in a child process, the fakes in this one, and a provider
//! that retries every delivery until it is answered 200 (as Telegram, Green API and Meta
//! do). Each scenario counts deliveries acknowledged, commands completed, provider messages
//! per order and replies per command:
//!
//! - `kill`: `kill -9` of the server in the middle of each of several streams of unique
//!   deliveries, restarted on the same data; nothing acknowledged may be lost.
//! - `database`: PostgreSQL unreachable for a while (a proxy cuts every connection) under a
//!   steady stream; ingress answers 503 quickly, nothing is lost or sent twice.
//! - `redis`: the suite's own Redis frozen for a while, then restarted empty; ingress keeps
//!   answering, nothing is lost or sent twice, and no order is forwarded again within its
//!   cooldown after the loss.

use super::fakes::Fakes;
use super::options::Backend;
use super::outcome::match_messages;
use super::postgres::FreshDatabase;
use super::proxy::Proxy;
use super::redis_server::RedisServer;
use super::server::{ServerEnv, ServerProcess, random_master_key};
use super::tenants::{self, Setup};
use super::traffic::{Command, Delivery, Generator};
use panelrelay_api::fakes::panel_admin_v2::{SYNTHETIC_ORDER_BASE, synthetic_external_id};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What the suite runs.
#[derive(Debug, Clone)]
pub struct FaultOptions {
    /// The storage backend; `database` and `redis` need PostgreSQL.
    pub backend: Backend,
    /// The PostgreSQL server (a fresh database is made on it).
    pub database_url: Option<String>,
    /// `kill -9` cycles.
    pub cycles: usize,
    /// Unique deliveries per cycle (and in each outage scenario, at `rate` per second).
    pub deliveries: usize,
    /// Deliveries per second in the outage scenarios.
    pub rate: f64,
    /// How long an outage lasts.
    pub outage: Duration,
    /// Concurrent connections of the provider.
    pub concurrency: usize,
    /// The executable started as the server.
    pub server_exe: std::path::PathBuf,
}

impl FaultOptions {
    /// The suite as the issue states it: 5 cycles of 1,000 deliveries, 15 s outages.
    pub fn full(backend: Backend, server_exe: std::path::PathBuf) -> Self {
        FaultOptions {
            backend,
            database_url: None,
            cycles: 5,
            deliveries: 1_000,
            rate: 100.0,
            outage: Duration::from_secs(15),
            concurrency: 16,
            server_exe,
        }
    }
}

/// The figures of one scenario.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Figures {
    /// `kill`, `database` or `redis`.
    pub scenario: String,
    /// Unique deliveries sent.
    pub deliveries: usize,
    /// Deliveries answered 200 (each eventually is: the provider retries).
    pub acknowledged: usize,
    /// Answers other than 200 (503s, refused connections while the server was down).
    pub retried: usize,
    /// Of those, 503s.
    pub answered_503: usize,
    /// The slowest answer, in milliseconds.
    pub slowest_answer_ms: f64,
    /// Commands sent, and completed (every order dispatched and a reply received).
    pub commands: usize,
    /// Commands completed.
    pub completed: usize,
    /// Acknowledged commands never completed: must be 0.
    pub lost: usize,
    /// Provider messages beyond the first per order.
    pub duplicate_dispatches: usize,
    /// Replies beyond the first per command.
    pub duplicate_replies: usize,
    /// `kill -9`s made.
    pub kills: usize,
    /// `/readyz` probes made during the outage, and how many answered 503.
    pub readyz_probes: usize,
    /// `/readyz` answers 503 during the outage.
    pub readyz_503: usize,
    /// The slowest `/readyz` answer during the outage, in milliseconds.
    pub slowest_readyz_ms: f64,
    /// What the other `/readyz` probes got during the outage (a status, or the client's
    /// error), and how many times: empty when every probe answered 503.
    pub readyz_other: std::collections::BTreeMap<String, usize>,
    /// Orders forwarded again when asked again after Redis lost its data (must be 0).
    pub forwarded_again: usize,
    /// Wall time of the scenario, in seconds.
    pub seconds: f64,
}

impl Figures {
    /// One line for the terminal and RELIABILITY.md.
    pub fn line(&self) -> String {
        format!(
            "{:<8} deliveries {:>5}  acked {:>5}  retried {:>5} (503: {:>4}, slowest answer {:>7.1} ms)  \
             commands {:>5}  completed {:>5}  lost {}  dup dispatches {}  dup replies {}  kills {}  \
             readyz 503 {}/{} (slowest {:.0} ms{})  forwarded again {}  {:.0} s",
            self.scenario,
            self.deliveries,
            self.acknowledged,
            self.retried,
            self.answered_503,
            self.slowest_answer_ms,
            self.commands,
            self.completed,
            self.lost,
            self.duplicate_dispatches,
            self.duplicate_replies,
            self.kills,
            self.readyz_503,
            self.readyz_probes,
            self.slowest_readyz_ms,
            self.readyz_other
                .iter()
                .map(|(answer, count)| format!(", {answer} x{count}"))
                .collect::<String>(),
            self.forwarded_again,
            self.seconds,
        )
    }
}

/// Runs every scenario the backend allows: `kill` on both, `database` and `redis` on
/// PostgreSQL.
pub async fn run(options: &FaultOptions) -> Result<Vec<Figures>, String> {
    let mut figures = vec![run_scenario(options, Scenario::Kill).await?];
    if options.backend == Backend::Postgres {
        figures.push(run_scenario(options, Scenario::Database).await?);
        figures.push(run_scenario(options, Scenario::Redis).await?);
    }
    Ok(figures)
}

/// The faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// `kill -9` cycles.
    Kill,
    /// PostgreSQL unreachable.
    Database,
    /// Redis frozen, then restarted empty.
    Redis,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Kill => "kill",
            Scenario::Database => "database",
            Scenario::Redis => "redis",
        }
    }
}

/// Runs one scenario on a fresh database (and, for PostgreSQL, its own Redis).
pub async fn run_scenario(options: &FaultOptions, scenario: Scenario) -> Result<Figures, String> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .pool_max_idle_per_host(options.concurrency * 2)
        .build()
        .map_err(|e| e.to_string())?;
    let data_dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let database =
        FreshDatabase::for_backend(options.backend, options.database_url.as_deref()).await?;
    let proxy = match (&database, scenario) {
        (Some(_), Scenario::Database) => {
            let target = postgres_address(options.database_url.as_deref().unwrap_or(""))?;
            Some(Proxy::start(target).await?)
        }
        _ => None,
    };
    let redis = match options.backend {
        Backend::Embedded => None,
        Backend::Postgres => Some(RedisServer::start()?),
    };
    let database_url = match (&database, &proxy) {
        (Some(database), Some(proxy)) => Some(through(&database.url, proxy.port)?),
        (Some(database), None) => Some(database.url.clone()),
        _ => None,
    };
    let env = ServerEnv {
        exe: options.server_exe.clone(),
        data_dir: data_dir.path().to_path_buf(),
        database_url,
        redis_url: redis.as_ref().map(RedisServer::url),
        master_key: random_master_key(),
        log_filter: "error",
    };
    let started = Instant::now();
    let run = Run::start(&http, &env).await;
    let result = match run {
        Ok(mut run) => {
            let figures = match scenario {
                Scenario::Kill => run.kill_cycles(options, &env).await,
                Scenario::Database => run.database_outage(options, proxy.as_ref()).await,
                Scenario::Redis => run.redis_outage(options, redis).await,
            };
            run.server.stop();
            figures
        }
        Err(err) => Err(err),
    };
    if let Some(database) = database {
        database.drop_now().await;
    }
    let mut figures = result?;
    figures.scenario = scenario.name().into();
    figures.seconds = started.elapsed().as_secs_f64();
    Ok(figures)
}

/// The address of the PostgreSQL server in `url`.
fn postgres_address(url: &str) -> Result<std::net::SocketAddr, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("DATABASE_URL: {e}"))?;
    let host = parsed.host_str().unwrap_or("127.0.0.1");
    let host = if host == "localhost" {
        "127.0.0.1"
    } else {
        host
    };
    format!("{host}:{}", parsed.port().unwrap_or(5432))
        .parse()
        .map_err(|e| format!("DATABASE_URL host: {e}"))
}

/// `url` with its host and port replaced by the proxy's.
fn through(url: &str, port: u16) -> Result<String, String> {
    let mut parsed = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    parsed
        .set_host(Some("127.0.0.1"))
        .map_err(|e| e.to_string())?;
    parsed
        .set_port(Some(port))
        .map_err(|()| "cannot set the port".to_string())?;
    Ok(parsed.to_string())
}

/// A running server with its fakes and tenants.
struct Run<'a> {
    http: &'a reqwest::Client,
    server: ServerProcess,
    fakes: Fakes,
    setup: Setup,
    generator: Generator,
    commands: Vec<Command>,
    figures: Figures,
    answers: Arc<Answers>,
}

impl<'a> Run<'a> {
    async fn start(http: &'a reqwest::Client, env: &ServerEnv) -> Result<Self, String> {
        let fakes = Fakes::start(Duration::ZERO).await?;
        let server = ServerProcess::start(env, http).await?;
        let setup =
            tenants::configure(http, &server.url, &server.admin_key, &fakes, 4, 200, false).await?;
        let generator = Generator::new(setup.customers.len());
        Ok(Run {
            http,
            server,
            fakes,
            setup,
            generator,
            commands: Vec::new(),
            figures: Figures::default(),
            answers: Arc::new(Answers::default()),
        })
    }

    /// New unique commands and their deliveries.
    fn plan(&mut self, count: usize) -> Result<Vec<Delivery>, String> {
        let plan = self
            .generator
            .plan(&self.setup, &self.fakes, count, 0.0, 0.1)?;
        self.commands.extend(plan.commands);
        self.figures.deliveries += plan.deliveries.len();
        Ok(plan.deliveries)
    }

    /// Starts delivering `deliveries` (paced at `rate` per second when given).
    fn provider(&self, deliveries: Vec<Delivery>, concurrency: usize, rate: Option<f64>) -> Firing {
        let (http, url, answers) = (
            self.http.clone(),
            self.server.url.clone(),
            self.answers.clone(),
        );
        Firing(tokio::spawn(deliver_all(
            http,
            url,
            Arc::new(deliveries),
            concurrency,
            rate,
            answers,
        )))
    }

    async fn kill_cycles(
        &mut self,
        options: &FaultOptions,
        env: &ServerEnv,
    ) -> Result<Figures, String> {
        for _ in 0..options.cycles {
            let deliveries = self.plan(options.deliveries)?;
            let acked_before = self.answers.acked.load(Ordering::Relaxed);
            let firing = self.provider(deliveries, options.concurrency, None);
            // Kill once half of the cycle's deliveries are acknowledged.
            let half = acked_before + options.deliveries / 2;
            wait_until(Duration::from_secs(120), || {
                self.answers.acked.load(Ordering::Relaxed) >= half
            })
            .await?;
            self.server.stop();
            self.figures.kills += 1;
            self.server = self.server.restart(env, self.http).await?;
            firing.finish().await?;
        }
        self.settle().await
    }

    async fn database_outage(
        &mut self,
        options: &FaultOptions,
        proxy: Option<&Proxy>,
    ) -> Result<Figures, String> {
        let proxy = proxy.ok_or("the database scenario needs PostgreSQL")?;
        let deliveries = self.plan(options.deliveries)?;
        let firing = self.provider(deliveries, options.concurrency, Some(options.rate));
        tokio::time::sleep(Duration::from_secs(3)).await;
        proxy.cut(true);
        self.probe_readyz(options.outage).await;
        proxy.cut(false);
        firing.finish().await?;
        self.settle().await
    }

    async fn redis_outage(
        &mut self,
        options: &FaultOptions,
        redis: Option<RedisServer>,
    ) -> Result<Figures, String> {
        let redis = redis.ok_or("the redis scenario needs Redis")?;
        let deliveries = self.plan(options.deliveries)?;
        let firing = self.provider(deliveries, options.concurrency, Some(options.rate));
        tokio::time::sleep(Duration::from_secs(3)).await;
        redis.freeze(true)?;
        self.probe_readyz(options.outage).await;
        redis.freeze(false)?;
        firing.finish().await?;
        let mut figures = self.settle().await?;
        // Redis loses everything; every customer asks again for the same orders.
        let _redis = redis.restart_empty()?;
        let dispatched_before = self.dispatch_count();
        let replies_before = self.reply_count();
        let again = self
            .generator
            .again(&self.setup, &self.fakes, &self.commands)?;
        let count = again.len();
        self.provider(again, options.concurrency, None)
            .finish()
            .await?;
        // Each repeat gets its reply (in cooldown); wait for them, then look for dispatches.
        wait_until(Duration::from_secs(120), || {
            self.reply_count() >= replies_before + count
        })
        .await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        figures.forwarded_again = self.dispatch_count() - dispatched_before;
        Ok(figures)
    }

    /// Probes `/readyz` every 250 ms for `outage`, recording answers and their times.
    async fn probe_readyz(&mut self, outage: Duration) {
        let end = Instant::now() + outage;
        while Instant::now() < end {
            let asked = Instant::now();
            let answer = self
                .http
                .get(format!("{}/readyz", self.server.url))
                .timeout(Duration::from_secs(5))
                .send()
                .await;
            let took = asked.elapsed().as_secs_f64() * 1000.0;
            self.figures.readyz_probes += 1;
            let other = match answer {
                Ok(answer) if answer.status().as_u16() == 503 => None,
                Ok(answer) => Some(answer.status().as_u16().to_string()),
                Err(error) => Some(format!("error ({error})")),
            };
            match other {
                None => self.figures.readyz_503 += 1,
                Some(other) => *self.figures.readyz_other.entry(other).or_default() += 1,
            }
            self.figures.slowest_readyz_ms = self.figures.slowest_readyz_ms.max(took);
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    fn messages(&self) -> Vec<Value> {
        let mut messages = self.fakes.telegram.messages();
        messages.extend(self.fakes.greenapi.messages());
        messages
    }

    fn dispatch_count(&self) -> usize {
        self.messages()
            .iter()
            .filter(|m| m["chat_id"].as_str().is_some_and(|c| c.starts_with('-')))
            .count()
    }

    fn reply_count(&self) -> usize {
        self.messages()
            .iter()
            .filter(|m| m["chat_id"].as_str().is_some_and(|c| !c.starts_with('-')))
            .count()
    }

    /// Waits until every command is complete (or nothing moved for longer than the inbox
    /// lease, after which what a killed process held is claimed again), then counts. A
    /// message count would not do: the kill window's duplicates can make up for commands
    /// still waiting for their lease.
    async fn settle(&mut self) -> Result<Figures, String> {
        let sent_at =
            vec![Some(chrono::Utc::now() - chrono::Duration::hours(1)); self.commands.len()];
        let patience = Duration::from_secs(75);
        let mut last = (self.fakes.received(), Instant::now());
        loop {
            let matched = match_messages(&self.commands, &sent_at, &self.messages());
            if matched.completed == self.commands.len() || last.1.elapsed() > patience {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = self.fakes.received();
            if now != last.0 {
                last = (now, Instant::now());
            }
        }
        // A little longer, so a late duplicate is seen.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let messages = self.messages();
        let matched = match_messages(&self.commands, &sent_at, &messages);
        let mut figures = self.figures.clone();
        figures.acknowledged = self.answers.acked.load(Ordering::Relaxed);
        figures.retried = self.answers.retried.load(Ordering::Relaxed);
        figures.answered_503 = self.answers.unavailable.load(Ordering::Relaxed);
        figures.slowest_answer_ms = self.answers.slowest_ms();
        figures.commands = self.commands.len();
        figures.completed = matched.completed;
        figures.lost = figures.commands - matched.completed;
        figures.duplicate_dispatches = matched.duplicate_dispatches;
        figures.duplicate_replies = duplicate_replies(&self.commands, &messages);
        Ok(figures)
    }
}

/// Replies beyond the first per command (a reply names its command's orders).
pub fn duplicate_replies(commands: &[Command], messages: &[Value]) -> usize {
    let external_base = synthetic_external_id(0);
    let mut by_order = HashMap::new();
    for (index, command) in commands.iter().enumerate() {
        for order in &command.orders {
            by_order.insert(*order, index);
        }
    }
    let mut replies: HashMap<usize, usize> = HashMap::new();
    for message in messages {
        let (Some(chat), Some(text)) = (message["chat_id"].as_str(), message["text"].as_str())
        else {
            continue;
        };
        if chat.starts_with('-') {
            continue;
        }
        let command = text
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|digits| digits.parse::<u64>().ok())
            .filter(|n| (SYNTHETIC_ORDER_BASE..external_base).contains(n))
            .find_map(|order| by_order.get(&order));
        if let Some(command) = command {
            *replies.entry(*command).or_default() += 1;
        }
    }
    replies.values().map(|count| count - 1).sum()
}

/// What the provider was answered.
#[derive(Default)]
struct Answers {
    acked: AtomicUsize,
    retried: AtomicUsize,
    unavailable: AtomicUsize,
    slowest: Mutex<Duration>,
}

impl Answers {
    fn took(&self, latency: Duration) {
        let mut slowest = self.slowest.lock().unwrap_or_else(PoisonError::into_inner);
        *slowest = (*slowest).max(latency);
    }

    fn slowest_ms(&self) -> f64 {
        self.slowest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_secs_f64()
            * 1000.0
    }
}

/// A provider delivering in the background.
struct Firing(tokio::task::JoinHandle<()>);

impl Firing {
    async fn finish(self) -> Result<(), String> {
        self.0
            .await
            .map_err(|e| format!("the provider task failed: {e}"))
    }
}

/// Delivers each of `deliveries` until it is answered 200, from `concurrency` workers.
async fn deliver_all(
    http: reqwest::Client,
    url: String,
    deliveries: Arc<Vec<Delivery>>,
    concurrency: usize,
    rate: Option<f64>,
    answers: Arc<Answers>,
) {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (http, url, deliveries, next, answers) = (
            http.clone(),
            url.clone(),
            deliveries.clone(),
            next.clone(),
            answers.clone(),
        );
        workers.spawn(async move {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(delivery) = deliveries.get(index) else {
                    break;
                };
                if let Some(rate) = rate {
                    let due = start + Duration::from_secs_f64(index as f64 / rate);
                    tokio::time::sleep_until(due.into()).await;
                }
                deliver_until_acked(&http, &url, delivery, &answers).await;
            }
        });
    }
    while workers.join_next().await.is_some() {}
}

/// Sends one delivery until a 200 answers it, pausing between tries as providers do.
async fn deliver_until_acked(
    http: &reqwest::Client,
    url: &str,
    delivery: &Delivery,
    answers: &Answers,
) {
    loop {
        let asked = Instant::now();
        let answer = http
            .post(format!("{url}{}", delivery.path))
            .header(delivery.header.0, &delivery.header.1)
            .header("content-type", "application/json")
            .body(delivery.body.clone())
            .send()
            .await;
        let status = answer.as_ref().map_or(0, |a| a.status().as_u16());
        if status != 0 {
            answers.took(asked.elapsed());
        }
        if status == 200 {
            answers.acked.fetch_add(1, Ordering::Relaxed);
            return;
        }
        answers.retried.fetch_add(1, Ordering::Relaxed);
        if status == 503 {
            answers.unavailable.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until `done` holds, checking every 5 ms, for at most `limit`.
async fn wait_until(limit: Duration, done: impl Fn() -> bool) -> Result<(), String> {
    let end = Instant::now() + limit;
    while !done() {
        if Instant::now() > end {
            return Err(format!("not done within {limit:?}"));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}
