//! The server under test, in a child process (so its memory is its own): this executable
//! re-run with the hidden `server` subcommand, configured through the usual environment
//! variables, like any deployment.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running server.
pub struct ServerProcess {
    child: Child,
    /// Its base URL.
    pub url: String,
    /// The platform admin key it printed on first start.
    pub admin_key: String,
    /// From spawning the process to `/readyz` answering 200.
    pub startup: Duration,
}

/// Where and how the server runs.
pub struct ServerEnv {
    /// The executable (run as `EXE server`).
    pub exe: std::path::PathBuf,
    /// The embedded data directory.
    pub data_dir: std::path::PathBuf,
    /// `DATABASE_URL`, or `None` for embedded SQLite.
    pub database_url: Option<String>,
    /// `REDIS_URL`, or `None` for the in-process store.
    pub redis_url: Option<String>,
    /// `PANELRELAY_MASTER_KEY`, the same for every start on one data.
    pub master_key: String,
    /// `PANELRELAY_LOG` (`warn` for the benchmark; the fault suite's outages would print
    /// thousands of warnings, so it asks for `error`).
    pub log_filter: &'static str,
}

/// A free loopback port (bound then released).
fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

impl ServerProcess {
    /// Starts the server and waits until it is ready and has printed its admin key.
    pub async fn start(env: &ServerEnv, http: &reqwest::Client) -> Result<Self, String> {
        let address = format!("127.0.0.1:{}", free_port()?);
        Self::start_at(env, http, &address, None).await
    }

    /// Starts the server again on the data of an earlier one (after `kill -9`), at the same
    /// address, and waits until it is ready.
    pub async fn restart(&self, env: &ServerEnv, http: &reqwest::Client) -> Result<Self, String> {
        let address = self.url.trim_start_matches("http://").to_string();
        Self::start_at(env, http, &address, Some(self.admin_key.clone())).await
    }

    /// Starts the server at `address`; waits for the admin key a fresh database prints
    /// unless it is known (`admin_key`).
    async fn start_at(
        env: &ServerEnv,
        http: &reqwest::Client,
        address: &str,
        admin_key: Option<String>,
    ) -> Result<Self, String> {
        let mut command = Command::new(&env.exe);
        command
            .arg("server")
            .env("PANELRELAY_LISTEN", address)
            .env("PANELRELAY_DATA_DIR", &env.data_dir)
            .env("PANELRELAY_LOG", env.log_filter)
            .env("PANELRELAY_MASTER_KEY", &env.master_key)
            // The fakes have no send limits; the benchmark measures panelrelay, not Telegram's.
            .env("PANELRELAY_SEND_RATE_LIMITS", "off")
            .env_remove("PANELRELAY_CONFIG")
            .env_remove("PANELRELAY_PUBLIC_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        match &env.database_url {
            Some(url) => command.env("DATABASE_URL", url),
            None => command.env_remove("DATABASE_URL"),
        };
        match &env.redis_url {
            Some(url) => command.env("REDIS_URL", url),
            None => command.env_remove("REDIS_URL"),
        };
        let started = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", env.exe.display()))?;
        let stdout = child.stdout.take().ok_or("no server stdout")?;
        let (key_tx, key_rx) = std::sync::mpsc::channel::<String>();
        // The key is the line after the announcement; the rest of stdout is drained.
        std::thread::spawn(move || {
            let mut announced = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if announced {
                    let _ = key_tx.send(line.trim().to_string());
                    announced = false;
                } else if line.starts_with("Platform admin key") {
                    announced = true;
                }
            }
        });
        let url = format!("http://{address}");
        let mut process = ServerProcess {
            child,
            url: url.clone(),
            admin_key: String::new(),
            startup: Duration::ZERO,
        };
        let deadline = started + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = process.child.try_wait() {
                return Err(format!("the server exited during start-up: {status}"));
            }
            let ready = http
                .get(format!("{url}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                process.startup = started.elapsed();
                break;
            }
            if Instant::now() > deadline {
                return Err("the server did not become ready within 60 s".into());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        process.admin_key = match admin_key {
            Some(key) => key,
            None => key_rx
                .recv_timeout(Duration::from_secs(10))
                .map_err(|_| "the server printed no admin key (was the database fresh?)")?,
        };
        Ok(process)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory now and its high-water mark, in bytes.
    pub fn memory(&self) -> Option<Memory> {
        memory_of(self.pid())
    }

    /// Stops the server with SIGKILL (`kill -9`): the benchmark's data is thrown away, and
    /// the fault suite restarts on it to see that nothing acknowledged was lost.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A process's memory, from `/proc/PID/status`.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    /// `VmRSS`.
    pub rss: u64,
    /// `VmHWM`, the peak resident set.
    pub peak: u64,
}

/// Reads `VmRSS` and `VmHWM` of a process (Linux).
pub fn memory_of(pid: u32) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    Some(Memory {
        rss: field("VmRSS:")?,
        peak: field("VmHWM:")?,
    })
}

/// CPU time a process has used so far (user + system), from `/proc/PID/stat` (Linux).
pub fn cpu_time_of(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports in USER_HZ, 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// A new random master key (base64 of 32 bytes).
pub fn random_master_key() -> String {
    use base64::Engine;
    let bytes: Vec<u8> = uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .chain(uuid::Uuid::new_v4().as_bytes())
        .copied()
        .collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Runs the server in this process: the `server` subcommand, exactly `panelrelay serve`
/// with the configuration of the environment.
pub fn run_server_here() -> std::process::ExitCode {
    use clap::Parser;
    let cli = panelrelay_api::cli::Cli::parse_from(["panelrelay", "serve"]);
    let panelrelay_api::cli::Command::Serve(serve) = &cli.command else {
        return std::process::ExitCode::FAILURE;
    };
    let config = match panelrelay_api::config::Config::resolve(&cli.global, Some(serve)) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("panelrelay-bench server: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    panelrelay_api::telemetry::init(config.log_format, &config.log_filter);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("panelrelay-bench server: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(panelrelay_api::server::serve(config)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("panelrelay-bench server: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
