//! Configuration: command line and environment (through clap), then an optional TOML file,
//! then defaults. Invalid values stop start-up with a message naming the variable.

use crate::auth_failures::AuthFailureLimit;
use crate::cli::{GlobalArgs, ServeArgs};
use crate::http::cors::CorsOrigins;
use crate::http::limits::HttpLimits;
use serde::Deserialize;
use std::net::SocketAddr;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("invalid {variable}: {message}")]
pub struct ConfigError {
    /// The environment variable (and option) that holds the bad value.
    pub variable: String,
    /// What is wrong with it.
    pub message: String,
}

fn invalid(variable: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        variable: variable.to_string(),
        message: message.into(),
    }
}

/// A whole number in `range`, or `default` when unset.
fn whole_number(
    variable: &str,
    value: Option<String>,
    default: u64,
    range: RangeInclusive<u64>,
) -> Result<u64, ConfigError> {
    let Some(text) = value else {
        return Ok(default);
    };
    match text.trim().parse::<u64>() {
        Ok(number) if range.contains(&number) => Ok(number),
        _ => Err(invalid(
            variable,
            format!(
                "'{text}': expected a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        )),
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, for terminals.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// What a replica runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// The REST API and webhook ingress; no background jobs.
    Api,
    /// The background jobs; over HTTP only `/healthz`, `/readyz` and `/metrics`.
    Worker,
    /// Both (the default: one process does everything).
    #[default]
    All,
}

impl Role {
    /// `api`, `worker` or `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Api => "api",
            Role::Worker => "worker",
            Role::All => "all",
        }
    }

    /// Whether the replica serves the REST API and webhook ingress.
    pub fn serves_api(self) -> bool {
        self != Role::Worker
    }

    /// Whether the replica runs the background jobs.
    pub fn runs_jobs(self) -> bool {
        self != Role::Api
    }
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where `serve` listens.
    pub listen: SocketAddr,
    /// What this replica runs.
    pub role: Role,
    /// The embedded data directory.
    pub data_dir: PathBuf,
    /// The database URL.
    pub database_url: String,
    /// Redis, or `None` for the in-process store.
    pub redis_url: Option<String>,
    /// The connect and response timeout of each Redis call.
    pub redis_timeout: std::time::Duration,
    /// The master key (base64), or `None` to use the generated key file (SQLite only).
    pub master_key: Option<String>,
    /// Earlier master keys (base64) for decryption after a rotation.
    pub previous_master_keys: Vec<String>,
    /// Log format.
    pub log_format: LogFormat,
    /// Log filter.
    pub log_filter: String,
    /// PostgreSQL pool size.
    pub db_pool_size: usize,
    /// The public base URL (no trailing slash) for webhook URLs.
    pub public_url: String,
    /// Whether the sender keeps to the messaging providers' rate limits (off only for load
    /// tests against fakes).
    pub send_rate_limits: bool,
    /// The HTTP server's deadlines and connection cap.
    pub http_limits: HttpLimits,
    /// The origins browsers may call the API from.
    pub cors: CorsOrigins,
    /// Failed authentications allowed per client address and minute.
    pub auth_failures: AuthFailureLimit,
}

impl Config {
    /// Whether the database is the embedded SQLite one.
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Where the generated master key lives in embedded mode.
    pub fn master_key_file(&self) -> PathBuf {
        self.data_dir.join("master.key")
    }
}

/// The keys a configuration file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    role: Option<String>,
    data_dir: Option<String>,
    database_url: Option<String>,
    redis_url: Option<String>,
    redis_timeout_ms: Option<String>,
    master_key: Option<String>,
    previous_master_keys: Option<String>,
    log_format: Option<String>,
    log_filter: Option<String>,
    db_pool_size: Option<String>,
    public_url: Option<String>,
    cors_origins: Option<String>,
    send_rate_limits: Option<String>,
    http_header_timeout_s: Option<String>,
    http_body_timeout_s: Option<String>,
    http_idle_timeout_s: Option<String>,
    http_max_connections: Option<String>,
    auth_failures_per_minute: Option<String>,
}

impl Config {
    /// Resolves the configuration from parsed arguments (which already include the
    /// environment) and the optional file they name.
    pub fn resolve(global: &GlobalArgs, serve: Option<&ServeArgs>) -> Result<Config, ConfigError> {
        let file = match &global.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|err| {
                    invalid("PANELRELAY_CONFIG", format!("cannot read {path}: {err}"))
                })?;
                toml::from_str::<FileConfig>(&text)
                    .map_err(|err| invalid("PANELRELAY_CONFIG", format!("{path}: {err}")))?
            }
            None => FileConfig::default(),
        };
        let pick =
            |arg: &Option<String>, file: &Option<String>| arg.clone().or_else(|| file.clone());

        let listen_text = pick(&serve.and_then(|s| s.listen.clone()), &file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".to_string());
        let listen = listen_text.parse::<SocketAddr>().map_err(|_| {
            invalid(
                "PANELRELAY_LISTEN",
                format!("'{listen_text}' is not an address like 127.0.0.1:8080"),
            )
        })?;

        let role = match pick(&serve.and_then(|s| s.role.clone()), &file.role).as_deref() {
            None | Some("all") => Role::All,
            Some("api") => Role::Api,
            Some("worker") => Role::Worker,
            Some(other) => {
                return Err(invalid(
                    "PANELRELAY_ROLE",
                    format!("'{other}': expected api, worker or all"),
                ));
            }
        };

        let data_dir = PathBuf::from(
            pick(&global.data_dir, &file.data_dir).unwrap_or_else(|| "./data".into()),
        );
        if data_dir.as_os_str().is_empty() {
            return Err(invalid("PANELRELAY_DATA_DIR", "must not be empty"));
        }

        let database_url = match pick(&global.database_url, &file.database_url) {
            Some(url) => {
                let supported = ["postgres://", "postgresql://", "sqlite://", "sqlite:"];
                if !supported.iter().any(|scheme| url.starts_with(scheme))
                    || url.ends_with(':')
                    || url.ends_with("//")
                {
                    return Err(invalid(
                        "DATABASE_URL",
                        "expected postgres://… or sqlite://PATH",
                    ));
                }
                url
            }
            None => format!("sqlite://{}", data_dir.join("panelrelay.db").display()),
        };

        let redis_url = pick(&global.redis_url, &file.redis_url).filter(|url| !url.is_empty());
        if let Some(url) = &redis_url {
            if !(url.starts_with("redis://")
                || url.starts_with("rediss://")
                || url.starts_with("redis+unix://"))
            {
                return Err(invalid("REDIS_URL", "expected redis://HOST:PORT[/DB]"));
            }
        }

        let redis_timeout = match pick(&global.redis_timeout_ms, &file.redis_timeout_ms) {
            None => std::time::Duration::from_millis(250),
            Some(text) => match text.parse::<u64>() {
                Ok(ms) if (1..=60_000).contains(&ms) => std::time::Duration::from_millis(ms),
                _ => {
                    return Err(invalid(
                        "PANELRELAY_REDIS_TIMEOUT_MS",
                        format!("'{text}': expected 1 to 60000 milliseconds"),
                    ));
                }
            },
        };

        let master_key = pick(&global.master_key, &file.master_key).filter(|key| !key.is_empty());
        if let Some(key) = &master_key {
            panelrelay_adapters::secrets::MasterKey::from_base64(key)
                .map_err(|err| invalid("PANELRELAY_MASTER_KEY", err.to_string()))?;
        }
        let previous_master_keys: Vec<String> =
            pick(&global.previous_master_keys, &file.previous_master_keys)
                .map(|keys| {
                    keys.split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
        for key in &previous_master_keys {
            panelrelay_adapters::secrets::MasterKey::from_base64(key)
                .map_err(|err| invalid("PANELRELAY_PREVIOUS_MASTER_KEYS", err.to_string()))?;
        }

        let log_format = match pick(&global.log_format, &file.log_format).as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(invalid(
                    "PANELRELAY_LOG_FORMAT",
                    format!("'{other}': expected pretty or json"),
                ));
            }
        };
        let log_filter =
            pick(&global.log_filter, &file.log_filter).unwrap_or_else(|| "info".into());
        tracing_subscriber::EnvFilter::try_new(&log_filter)
            .map_err(|err| invalid("PANELRELAY_LOG", err.to_string()))?;

        let db_pool_size = match pick(&global.db_pool_size, &file.db_pool_size) {
            None => 16,
            Some(text) => match text.parse::<usize>() {
                Ok(size) if (1..=1000).contains(&size) => size,
                _ => {
                    return Err(invalid(
                        "PANELRELAY_DB_POOL_SIZE",
                        format!("'{text}': expected 1 to 1000"),
                    ));
                }
            },
        };

        let public_url = match pick(&global.public_url, &file.public_url) {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                url.trim_end_matches('/').to_string()
            }
            Some(url) => {
                return Err(invalid(
                    "PANELRELAY_PUBLIC_URL",
                    format!("'{url}': expected https://HOST[:PORT]"),
                ));
            }
            None => format!("http://{listen}"),
        };

        let cors = CorsOrigins::parse(
            pick(&global.cors_origins, &file.cors_origins)
                .as_deref()
                .unwrap_or(""),
        )
        .map_err(|err| invalid("PANELRELAY_CORS_ORIGINS", err.to_string()))?;

        let send_rate_limits =
            match pick(&global.send_rate_limits, &file.send_rate_limits).as_deref() {
                None | Some("on") => true,
                Some("off") => false,
                Some(other) => {
                    return Err(invalid(
                        "PANELRELAY_SEND_RATE_LIMITS",
                        format!("'{other}': expected on or off"),
                    ));
                }
            };

        let defaults = HttpLimits::default();
        let seconds =
            |variable: &str, arg: &Option<String>, file: &Option<String>, default: Duration| {
                whole_number(variable, pick(arg, file), default.as_secs(), 1..=86_400)
                    .map(Duration::from_secs)
            };
        let http_limits = HttpLimits {
            header_timeout: seconds(
                "PANELRELAY_HTTP_HEADER_TIMEOUT_S",
                &global.http_header_timeout_s,
                &file.http_header_timeout_s,
                defaults.header_timeout,
            )?,
            body_timeout: seconds(
                "PANELRELAY_HTTP_BODY_TIMEOUT_S",
                &global.http_body_timeout_s,
                &file.http_body_timeout_s,
                defaults.body_timeout,
            )?,
            idle_timeout: seconds(
                "PANELRELAY_HTTP_IDLE_TIMEOUT_S",
                &global.http_idle_timeout_s,
                &file.http_idle_timeout_s,
                defaults.idle_timeout,
            )?,
            max_connections: whole_number(
                "PANELRELAY_HTTP_MAX_CONNECTIONS",
                pick(&global.http_max_connections, &file.http_max_connections),
                defaults.max_connections as u64,
                1..=1_000_000,
            )? as usize,
        };
        let auth_failures = AuthFailureLimit {
            per_minute: whole_number(
                "PANELRELAY_AUTH_FAILURES_PER_MINUTE",
                pick(
                    &global.auth_failures_per_minute,
                    &file.auth_failures_per_minute,
                ),
                u64::from(AuthFailureLimit::default().per_minute),
                0..=1_000_000,
            )? as u32,
        };

        let config = Config {
            listen,
            role,
            data_dir,
            database_url,
            redis_url,
            redis_timeout,
            master_key,
            previous_master_keys,
            log_format,
            log_filter,
            db_pool_size,
            public_url,
            send_rate_limits,
            http_limits,
            cors,
            auth_failures,
        };
        if !config.is_sqlite() && config.master_key.is_none() {
            return Err(invalid(
                "PANELRELAY_MASTER_KEY",
                "required with PostgreSQL, so every replica shares it (generate one with: openssl rand -base64 32)",
            ));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(global: GlobalArgs, listen: Option<&str>) -> Result<Config, ConfigError> {
        let serve = ServeArgs {
            listen: listen.map(String::from),
            role: None,
        };
        Config::resolve(&global, Some(&serve))
    }

    #[test]
    fn the_role_is_all_unless_chosen() {
        assert_eq!(
            resolve(GlobalArgs::default(), None).unwrap().role,
            Role::All
        );
        for (text, role) in [
            ("api", Role::Api),
            ("worker", Role::Worker),
            ("all", Role::All),
        ] {
            let serve = ServeArgs {
                listen: None,
                role: Some(text.into()),
            };
            let config = Config::resolve(&GlobalArgs::default(), Some(&serve)).unwrap();
            assert_eq!(config.role, role);
            assert_eq!(role.as_str(), text);
        }
        assert!(!Role::Api.runs_jobs() && Role::Api.serves_api());
        assert!(Role::Worker.runs_jobs() && !Role::Worker.serves_api());
        let serve = ServeArgs {
            listen: None,
            role: Some("both".into()),
        };
        let err = Config::resolve(&GlobalArgs::default(), Some(&serve)).unwrap_err();
        assert_eq!(err.variable, "PANELRELAY_ROLE");
    }

    #[test]
    fn defaults_are_embedded() {
        let config = resolve(GlobalArgs::default(), None).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://./data/panelrelay.db");
        assert!(config.is_sqlite());
        assert_eq!(config.redis_url, None);
        assert_eq!(config.log_format, LogFormat::Pretty);
        assert_eq!(config.http_limits, HttpLimits::default());
        assert_eq!(config.http_limits.header_timeout, Duration::from_secs(10));
        assert_eq!(config.http_limits.body_timeout, Duration::from_secs(30));
        assert_eq!(config.http_limits.idle_timeout, Duration::from_secs(60));
        assert_eq!(config.http_limits.max_connections, 4096);
        assert_eq!(config.auth_failures.per_minute, 20);
    }

    #[test]
    fn http_limits_are_read_and_checked() {
        let global = GlobalArgs {
            http_header_timeout_s: Some("2".into()),
            http_body_timeout_s: Some("3".into()),
            http_idle_timeout_s: Some("4".into()),
            http_max_connections: Some("5".into()),
            auth_failures_per_minute: Some("0".into()),
            ..Default::default()
        };
        let config = resolve(global, None).unwrap();
        assert_eq!(
            config.http_limits,
            HttpLimits {
                header_timeout: Duration::from_secs(2),
                body_timeout: Duration::from_secs(3),
                idle_timeout: Duration::from_secs(4),
                max_connections: 5,
            }
        );
        assert_eq!(config.auth_failures.per_minute, 0);
    }

    #[test]
    fn invalid_values_name_their_variable() {
        let err = resolve(GlobalArgs::default(), Some("garbage")).unwrap_err();
        assert_eq!(err.variable, "PANELRELAY_LISTEN");
        let cases = [
            (
                GlobalArgs {
                    database_url: Some("mysql://x".into()),
                    ..Default::default()
                },
                "DATABASE_URL",
            ),
            (
                GlobalArgs {
                    redis_url: Some("http://x".into()),
                    ..Default::default()
                },
                "REDIS_URL",
            ),
            (
                GlobalArgs {
                    master_key: Some("short".into()),
                    ..Default::default()
                },
                "PANELRELAY_MASTER_KEY",
            ),
            (
                GlobalArgs {
                    log_format: Some("xml".into()),
                    ..Default::default()
                },
                "PANELRELAY_LOG_FORMAT",
            ),
            (
                GlobalArgs {
                    db_pool_size: Some("0".into()),
                    ..Default::default()
                },
                "PANELRELAY_DB_POOL_SIZE",
            ),
            (
                GlobalArgs {
                    database_url: Some("postgres://localhost/x".into()),
                    ..Default::default()
                },
                "PANELRELAY_MASTER_KEY",
            ),
            (
                GlobalArgs {
                    http_header_timeout_s: Some("0".into()),
                    ..Default::default()
                },
                "PANELRELAY_HTTP_HEADER_TIMEOUT_S",
            ),
            (
                GlobalArgs {
                    http_body_timeout_s: Some("ten".into()),
                    ..Default::default()
                },
                "PANELRELAY_HTTP_BODY_TIMEOUT_S",
            ),
            (
                GlobalArgs {
                    http_idle_timeout_s: Some("-1".into()),
                    ..Default::default()
                },
                "PANELRELAY_HTTP_IDLE_TIMEOUT_S",
            ),
            (
                GlobalArgs {
                    http_max_connections: Some("0".into()),
                    ..Default::default()
                },
                "PANELRELAY_HTTP_MAX_CONNECTIONS",
            ),
            (
                GlobalArgs {
                    cors_origins: Some("app.example.com".into()),
                    ..Default::default()
                },
                "PANELRELAY_CORS_ORIGINS",
            ),
            (
                GlobalArgs {
                    auth_failures_per_minute: Some("many".into()),
                    ..Default::default()
                },
                "PANELRELAY_AUTH_FAILURES_PER_MINUTE",
            ),
            (
                GlobalArgs {
                    config: Some("/nonexistent/panelrelay.toml".into()),
                    ..Default::default()
                },
                "PANELRELAY_CONFIG",
            ),
        ];
        for (global, variable) in cases {
            let err = resolve(global, None).unwrap_err();
            assert_eq!(err.variable, variable, "{err}");
            assert!(err.to_string().contains(variable));
        }
    }

    #[test]
    fn file_values_apply_below_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("panelrelay.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:9000\"\nlog_format = \"json\"\ndata_dir = \"/srv/pr\"\n",
        )
        .unwrap();
        let global = GlobalArgs {
            config: Some(path.display().to_string()),
            log_format: Some("pretty".into()),
            ..Default::default()
        };
        let config = resolve(global, None).unwrap();
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(
            config.log_format,
            LogFormat::Pretty,
            "argument wins over file"
        );
        assert_eq!(config.database_url, "sqlite:///srv/pr/panelrelay.db");
        std::fs::write(&path, "lisen = \"typo\"\n").unwrap();
        let err = resolve(
            GlobalArgs {
                config: Some(path.display().to_string()),
                ..Default::default()
            },
            None,
        )
        .unwrap_err();
        assert_eq!(err.variable, "PANELRELAY_CONFIG");
    }
}
