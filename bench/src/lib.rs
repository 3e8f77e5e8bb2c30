//! panelrelay-bench: starts panelrelay in a child process on embedded SQLite or on
//! PostgreSQL + Redis, a fake panel and fake messaging APIs on loopback, configures tenants
//! through the REST API, fires webhook deliveries and measures acknowledgements, end-to-end
//! commands, duplicates, memory and the machine's HTTP ceiling (`/healthz`).

pub mod fakes;
pub mod faults;
pub mod fire;
pub mod options;
pub mod outcome;
pub mod postgres;
pub mod proxy;
pub mod redis_server;
pub mod report;
pub mod server;
pub mod tenants;
pub mod traffic;

use fakes::Fakes;
use options::{Backend, Options};
use report::{Pass, Report};
use server::{ServerEnv, ServerProcess};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tenants::Setup;
use traffic::{Command, Generator};

/// Runs the benchmark and returns its figures (correctness failures are listed in them).
pub async fn run(options: &Options) -> Result<Report, String> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(options.concurrency.max(16) * 2)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let data_dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let database =
        postgres::FreshDatabase::for_backend(options.backend, options.database_url.as_deref())
            .await?;
    let redis_url = match options.backend {
        Backend::Embedded => None,
        Backend::Postgres => Some(
            options
                .redis_url
                .clone()
                .ok_or("--backend postgres needs REDIS_URL")?,
        ),
    };
    let env = ServerEnv {
        exe: options.server_exe.clone(),
        data_dir: data_dir.path().to_path_buf(),
        database_url: database.as_ref().map(|d| d.url.clone()),
        redis_url,
        master_key: server::random_master_key(),
        log_filter: "warn",
    };
    let result = run_with(options, &http, &env).await;
    if let Some(database) = database {
        database.drop_now().await;
    }
    result
}

async fn run_with(
    options: &Options,
    http: &reqwest::Client,
    env: &ServerEnv,
) -> Result<Report, String> {
    let fakes = Fakes::start(options.panel_latency).await?;
    let mut server = ServerProcess::start(env, http).await?;
    let setup = tenants::configure(
        http,
        &server.url,
        &server.admin_key,
        &fakes,
        options.workspaces,
        options.customers,
        options.hung_panel,
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = server.memory().map_or(0, |m| m.rss);
    let healthz_requests = (options.requests * 2).clamp(2_000, 50_000);
    let healthz_rps =
        fire::healthz_ceiling(http, &server.url, healthz_requests, options.concurrency).await;

    let mut generator = Generator::new(setup.customers.len());
    let sampler = RssSampler::start(server.pid());
    let ctx = PassContext {
        http,
        server: &server,
        fakes: &fakes,
        setup: &setup,
    };
    let full = pass(options, &ctx, &mut generator, None, options.requests).await?;
    // Latency at half load: paced at half the end-to-end rate just measured.
    let half_load = if options.half_load_pass && full.e2e_commands_per_s > 0.0 {
        let rate = full.e2e_commands_per_s / 2.0;
        Some(
            pass(
                options,
                &ctx,
                &mut generator,
                Some(rate),
                options.requests / 2,
            )
            .await?,
        )
    } else {
        None
    };
    let peak = sampler.stop().max(server.memory().map_or(0, |m| m.peak));
    server.stop();
    Ok(Report::new(
        options,
        server.startup,
        healthz_rps,
        idle,
        peak,
        full,
        half_load,
    ))
}

/// What a pass needs from the run.
struct PassContext<'a> {
    http: &'a reqwest::Client,
    server: &'a ServerProcess,
    fakes: &'a Fakes,
    setup: &'a Setup,
}

/// Fires one pass of `requests` deliveries and waits for its commands to complete.
async fn pass(
    options: &Options,
    ctx: &PassContext<'_>,
    generator: &mut Generator,
    rate: Option<f64>,
    requests: usize,
) -> Result<Pass, String> {
    let plan = generator.plan(
        ctx.setup,
        ctx.fakes,
        requests,
        options.duplicates,
        options.bulk,
    )?;
    // With a hung panel, the first workspace's commands are fired and not measured.
    let measured: Vec<bool> = plan
        .commands
        .iter()
        .map(|c| !options.hung_panel || ctx.setup.customers[c.customer].workspace != 0)
        .collect();
    // Each command makes one dispatch per provider among its orders, and one reply.
    let expected: usize = plan
        .commands
        .iter()
        .zip(&measured)
        .filter(|(_, measured)| **measured)
        .map(|(c, _)| {
            let even = c.orders.iter().any(|o| o % 2 == 0);
            let odd = c.orders.iter().any(|o| o % 2 == 1);
            usize::from(even) + usize::from(odd) + 1
        })
        .sum();
    let before = ctx.fakes.received();
    let cpu_before = server::cpu_time_of(ctx.server.pid()).unwrap_or_default();
    let deliveries = Arc::new(plan.deliveries);
    let fired = fire::fire(
        ctx.http,
        &ctx.server.url,
        deliveries.clone(),
        options.concurrency,
        rate,
    )
    .await;
    // Wait for the messages, until the expected count arrives or nothing moves for a while.
    let started = Instant::now();
    let mut last = (ctx.fakes.received(), Instant::now());
    loop {
        let received = ctx.fakes.received() - before;
        if received >= expected {
            // A little longer, so a late duplicate would be seen.
            tokio::time::sleep(Duration::from_millis(300)).await;
            break;
        }
        if received != last.0 {
            last = (received, Instant::now());
        }
        if last.1.elapsed() > Duration::from_secs(10) || started.elapsed() > options.drain_timeout {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let mut sent_at = vec![None; plan.commands.len()];
    for (delivery, ack) in deliveries.iter().zip(&fired.acks) {
        let slot = &mut sent_at[delivery.command];
        if slot.is_none_or(|at| ack.sent_at < at) {
            *slot = Some(ack.sent_at);
        }
    }
    let mut messages = ctx.fakes.telegram.messages();
    messages.extend(ctx.fakes.greenapi.messages());
    let keep = |index: &usize| measured[*index];
    let commands: Vec<Command> = (0..plan.commands.len())
        .filter(keep)
        .map(|i| plan.commands[i].clone())
        .collect();
    let sent_at: Vec<_> = (0..sent_at.len())
        .filter(keep)
        .map(|i| sent_at[i])
        .collect();
    let fired = fire::Fired {
        acks: deliveries
            .iter()
            .zip(&fired.acks)
            .filter(|(delivery, _)| measured[delivery.command])
            .map(|(_, ack)| ack.clone())
            .collect(),
        elapsed: fired.elapsed,
    };
    let matched = outcome::match_messages(&commands, &sent_at, &messages);
    let cpu = server::cpu_time_of(ctx.server.pid())
        .unwrap_or_default()
        .saturating_sub(cpu_before);
    let mut pass = Pass::new(&commands, &fired, &sent_at, matched, rate);
    pass.server_cpu_ms_per_command = if pass.commands_completed == 0 {
        0.0
    } else {
        cpu.as_secs_f64() * 1000.0 / pass.commands_completed as f64
    };
    Ok(pass)
}

/// Samples the server's resident memory every 20 ms; `stop` returns the largest sample.
struct RssSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl RssSampler {
    fn start(pid: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicU64::new(0));
        let (s, p) = (stop.clone(), peak.clone());
        let task = tokio::spawn(async move {
            while !s.load(Ordering::Relaxed) {
                if let Some(memory) = server::memory_of(pid) {
                    p.fetch_max(memory.rss, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        RssSampler { stop, peak, task }
    }

    fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.task.abort();
        self.peak.load(Ordering::Relaxed)
    }
}
