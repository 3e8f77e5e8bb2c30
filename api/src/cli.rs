//! The command line: `panelrelay serve | sandbox | migrate | openapi | admin create-key`.

use clap::{Args, Parser, Subcommand};

/// panelrelay: support automation for SMM panels, as a multi-tenant API server.
///
/// With no configuration it runs embedded: SQLite under ./data and an in-process key-value
/// store. Set DATABASE_URL and REDIS_URL for PostgreSQL and Redis.
#[derive(Debug, Parser)]
#[command(name = "panelrelay", version, about, long_about)]
pub struct Cli {
    /// Settings shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by every command. Each option also reads the environment variable shown;
/// an option given on the command line wins over the variable, which wins over the file.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Optional TOML configuration file (keys: listen, role, data_dir, database_url, redis_url,
    /// redis_timeout_ms, master_key, previous_master_keys, log_format, log_filter, db_pool_size,
    /// public_url, cors_origins, send_rate_limits, http_header_timeout_s, http_body_timeout_s,
    /// http_idle_timeout_s, http_max_connections, auth_failures_per_minute).
    #[arg(long, global = true, env = "PANELRELAY_CONFIG", value_name = "FILE")]
    pub config: Option<String>,
    /// Directory for embedded data: the SQLite file and the generated master key [default: ./data]
    #[arg(long, global = true, env = "PANELRELAY_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<String>,
    /// Database URL: postgres://… or sqlite://PATH [default: sqlite://DATA_DIR/panelrelay.db]
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Redis URL for cooldowns, dedupe, locks and rate limits [default: unset, in-process store]
    #[arg(
        long,
        global = true,
        env = "REDIS_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub redis_url: Option<String>,
    /// Connect and response timeout of each Redis call, in milliseconds: an unreachable
    /// Redis costs a request at most this long [default: 250]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_REDIS_TIMEOUT_MS",
        value_name = "MS"
    )]
    pub redis_timeout_ms: Option<String>,
    /// Base64 of 32 bytes encrypting stored secrets. Required with PostgreSQL; with SQLite it
    /// is generated once into DATA_DIR/master.key (mode 0600) when unset.
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_MASTER_KEY",
        value_name = "KEY",
        hide_env_values = true
    )]
    pub master_key: Option<String>,
    /// Comma-separated earlier master keys, still used to decrypt values sealed before a rotation.
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_PREVIOUS_MASTER_KEYS",
        value_name = "KEYS",
        hide_env_values = true
    )]
    pub previous_master_keys: Option<String>,
    /// Log format: pretty or json [default: pretty]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_LOG_FORMAT",
        value_name = "FORMAT"
    )]
    pub log_format: Option<String>,
    /// Log filter in tracing's syntax, e.g. info or panelrelay_api=debug [default: info]
    #[arg(long, global = true, env = "PANELRELAY_LOG", value_name = "FILTER")]
    pub log_filter: Option<String>,
    /// Public base URL of this server, used in channel webhook URLs
    /// [default: http://LISTEN]
    #[arg(long, global = true, env = "PANELRELAY_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Origins a browser may call the API from, comma-separated (e.g.
    /// https://app.example.com,http://localhost:5173), or * for any [default: none]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_CORS_ORIGINS",
        value_name = "ORIGINS"
    )]
    pub cors_origins: Option<String>,
    /// Maximum PostgreSQL connections per process [default: 16]
    #[arg(long, global = true, env = "PANELRELAY_DB_POOL_SIZE", value_name = "N")]
    pub db_pool_size: Option<String>,
    /// Outgoing rate limits per destination (Telegram, Meta, Green API): on, or off for load
    /// tests against fake messaging APIs that have no limits [default: on]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_SEND_RATE_LIMITS",
        value_name = "on|off"
    )]
    pub send_rate_limits: Option<String>,
    /// Seconds a request's line and headers may take from their first byte; slower
    /// connections are closed [default: 10]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_HTTP_HEADER_TIMEOUT_S",
        value_name = "SECONDS"
    )]
    pub http_header_timeout_s: Option<String>,
    /// Seconds a request's body may take to arrive; slower ones get 408 [default: 30]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_HTTP_BODY_TIMEOUT_S",
        value_name = "SECONDS"
    )]
    pub http_body_timeout_s: Option<String>,
    /// Seconds a keep-alive connection may wait for its next request [default: 60]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_HTTP_IDLE_TIMEOUT_S",
        value_name = "SECONDS"
    )]
    pub http_idle_timeout_s: Option<String>,
    /// Connections served at once; more wait to be accepted [default: 4096]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_HTTP_MAX_CONNECTIONS",
        value_name = "N"
    )]
    pub http_max_connections: Option<String>,
    /// Failed authentications per client IP and minute before its requests get 429; 0 for
    /// no limit [default: 20]
    #[arg(
        long,
        global = true,
        env = "PANELRELAY_AUTH_FAILURES_PER_MINUTE",
        value_name = "N"
    )]
    pub auth_failures_per_minute: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the API server (migrations are applied first).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document as YAML.
    Openapi,
    /// Try the whole flow locally, without accounts: fake panel and messengers, a demo workspace.
    ///
    /// Starts a fake Perfect Panel and fake Telegram, Green API and Meta servers on loopback
    /// ports, seeds a new demo workspace wired to them, serves the API with the worker and
    /// sender, and prints the owner key and ready-to-run curl commands. Uses the same data
    /// directory and database as `serve`.
    Sandbox(ServeArgs),
    /// Platform administration.
    Admin {
        /// What to do.
        #[command(subcommand)]
        command: AdminCommand,
    },
}

/// Options of `serve`.
#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "PANELRELAY_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// What this replica runs: api (the REST API and webhooks, no background jobs), worker
    /// (the background jobs; only /healthz, /readyz and /metrics over HTTP) or all
    /// [default: all]
    #[arg(long, env = "PANELRELAY_ROLE", value_name = "api|worker|all")]
    pub role: Option<String>,
}

/// Platform admin commands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a platform admin key and print it alone on stdout. Safe while a server runs on
    /// the same data.
    CreateKey {
        /// A label for the key.
        #[arg(long, default_value = "cli")]
        name: String,
    },
}
