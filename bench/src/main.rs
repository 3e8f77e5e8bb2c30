//! `panelrelay-bench`: see the crate documentation and README's "Benchmark" section.

use clap::{Parser, Subcommand};
use panelrelay_bench::faults::FaultOptions;
use panelrelay_bench::options::{Backend, Options};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

/// Load benchmark of panelrelay on this machine: the server in a child process, a fake
/// panel and fake Telegram / Green API on loopback, webhook deliveries fired at it.
#[derive(Debug, Parser)]
#[command(name = "panelrelay-bench", version, about)]
struct Cli {
    /// `server`: run the server under test (used internally).
    #[command(subcommand)]
    command: Option<Internal>,
    /// embedded (SQLite + in-process store) or postgres (a fresh database on DATABASE_URL's
    /// server, and REDIS_URL).
    #[arg(long, value_enum, default_value = "embedded")]
    backend: Backend,
    /// Webhook deliveries in the main pass (duplicates included).
    #[arg(long, default_value_t = 20_000)]
    requests: usize,
    /// Concurrent connections of the load generator.
    #[arg(long, default_value_t = 50)]
    concurrency: usize,
    /// Share of deliveries that repeat an earlier one, 0-0.9.
    #[arg(long, default_value_t = 0.1)]
    duplicates: f64,
    /// Share of commands naming three orders, 0-1.
    #[arg(long, default_value_t = 0.1)]
    bulk: f64,
    /// Latency the fake panel adds to every answer, ms.
    #[arg(long, default_value_t = 0)]
    panel_latency_ms: u64,
    /// Workspaces (tenants); each panel connection is limited to 50 requests/s.
    #[arg(long, default_value_t = 100)]
    workspaces: usize,
    /// Linked customers, spread over the workspaces, half on Telegram, half on WhatsApp.
    #[arg(long, default_value_t = 2_000)]
    customers: usize,
    /// Connect the first workspace to a panel that never answers; the figures are the other
    /// workspaces' (with one tenant's panel hanging, theirs must not slow down).
    #[arg(long)]
    hung_panel: bool,
    /// Skip the second pass paced at half the measured end-to-end rate.
    #[arg(long)]
    no_half_load: bool,
    /// A short correctness run (300 deliveries); exits non-zero on any correctness failure.
    #[arg(long)]
    smoke: bool,
    /// Append the JSON line to this file as well.
    #[arg(long, value_name = "PATH")]
    json: Option<std::path::PathBuf>,
    /// PostgreSQL server for --backend postgres.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Redis for --backend postgres.
    #[arg(long, env = "REDIS_URL", hide_env_values = true)]
    redis_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Internal {
    /// Runs the server under test (configured by the environment, like `panelrelay serve`).
    #[command(hide = true)]
    Server,
    /// The fault suite: `kill -9` cycles (both backends), PostgreSQL unreachable and Redis
    /// frozen then restarted empty (PostgreSQL backend; the suite starts its own
    /// redis-server). Prints one line per scenario; exits non-zero when anything
    /// acknowledged was lost or sent twice by an outage.
    Faults {
        /// `kill -9` cycles.
        #[arg(long, default_value_t = 5)]
        cycles: usize,
        /// Unique deliveries per cycle and per outage scenario.
        #[arg(long, default_value_t = 1_000)]
        deliveries: usize,
        /// How long each outage lasts, in seconds.
        #[arg(long, default_value_t = 15)]
        outage_s: u64,
    },
}

/// mimalloc instead of glibc's malloc: under load, glibc's allocator took about a quarter
/// of the server's CPU (perf; see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Internal::Server) = cli.command {
        return panelrelay_bench::server::run_server_here();
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(err) => {
            eprintln!("panelrelay-bench: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(Internal::Faults {
        cycles,
        deliveries,
        outage_s,
    }) = cli.command
    {
        let mut options = FaultOptions::full(cli.backend, exe);
        options.database_url = cli.database_url;
        options.cycles = cycles;
        options.deliveries = deliveries;
        options.outage = Duration::from_secs(outage_s);
        return run_faults(&options);
    }
    let mut options = if cli.smoke {
        Options::smoke(cli.backend, exe)
    } else {
        Options {
            backend: cli.backend,
            database_url: None,
            redis_url: None,
            requests: cli.requests,
            concurrency: cli.concurrency,
            duplicates: cli.duplicates,
            bulk: cli.bulk,
            panel_latency: Duration::from_millis(cli.panel_latency_ms),
            workspaces: cli.workspaces.max(1),
            customers: cli.customers.max(1),
            half_load_pass: !cli.no_half_load,
            server_exe: exe,
            drain_timeout: Duration::from_secs(120),
            hung_panel: cli.hung_panel,
        }
    };
    options.database_url = cli.database_url;
    options.redis_url = cli.redis_url;
    let Some(runtime) = runtime() else {
        return ExitCode::FAILURE;
    };
    let report = match runtime.block_on(panelrelay_bench::run(&options)) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("panelrelay-bench: {err}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", report.table());
    let line = report.json_line();
    println!("{line}");
    if let Some(path) = &cli.json {
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| writeln!(file, "{line}"));
        if let Err(err) = written {
            eprintln!("panelrelay-bench: {}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs the fault suite and prints its figures.
fn run_faults(options: &FaultOptions) -> ExitCode {
    let Some(runtime) = runtime() else {
        return ExitCode::FAILURE;
    };
    let figures = match runtime.block_on(panelrelay_bench::faults::run(options)) {
        Ok(figures) => figures,
        Err(err) => {
            eprintln!("panelrelay-bench faults: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for scenario in &figures {
        println!("{}", scenario.line());
        let outage_duplicates = scenario.scenario != "kill"
            && scenario.duplicate_dispatches + scenario.duplicate_replies > 0;
        failed |= scenario.lost > 0 || outage_duplicates || scenario.forwarded_again > 0;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The tokio runtime of a run (its failure is printed).
fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .inspect_err(|err| eprintln!("panelrelay-bench: {err}"))
        .ok()
}
