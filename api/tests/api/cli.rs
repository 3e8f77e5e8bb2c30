//! The `panelrelay` binary: help, configuration errors, the spec, and the admin key flow
//! against a running server on the suite's backend.

use panelrelay_adapters::testing::{TestDatabase, redis_url};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_panelrelay");

/// The binary with a clean environment (no configuration leaking in from the caller's).
pub(crate) fn panelrelay() -> Command {
    let mut command = Command::new(BIN);
    for (name, _) in std::env::vars() {
        if name.starts_with("PANELRELAY_") || name == "DATABASE_URL" || name == "REDIS_URL" {
            command.env_remove(name);
        }
    }
    command
}

#[test]
fn help_documents_every_option_and_variable() {
    let output = panelrelay().args(["serve", "--help"]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "--listen",
        "PANELRELAY_LISTEN",
        "--role",
        "PANELRELAY_ROLE",
        "--data-dir",
        "PANELRELAY_DATA_DIR",
        "DATABASE_URL",
        "REDIS_URL",
        "PANELRELAY_MASTER_KEY",
        "PANELRELAY_PREVIOUS_MASTER_KEYS",
        "PANELRELAY_LOG_FORMAT",
        "PANELRELAY_LOG",
        "PANELRELAY_CONFIG",
        "PANELRELAY_DB_POOL_SIZE",
        "PANELRELAY_PUBLIC_URL",
        "PANELRELAY_HTTP_HEADER_TIMEOUT_S",
        "PANELRELAY_HTTP_BODY_TIMEOUT_S",
        "PANELRELAY_HTTP_IDLE_TIMEOUT_S",
        "PANELRELAY_HTTP_MAX_CONNECTIONS",
        "PANELRELAY_AUTH_FAILURES_PER_MINUTE",
    ] {
        assert!(
            help.contains(expected),
            "serve --help lacks {expected}:\n{help}"
        );
    }
    let output = panelrelay().arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for command in ["serve", "migrate", "openapi", "admin"] {
        assert!(help.contains(command), "--help lacks {command}");
    }
}

#[test]
fn invalid_configuration_stops_start_up_naming_the_variable() {
    let cases = [
        ("PANELRELAY_LISTEN", "not-an-address"),
        ("DATABASE_URL", "mysql://localhost/x"),
        ("PANELRELAY_LOG_FORMAT", "xml"),
        ("PANELRELAY_MASTER_KEY", "too-short"),
        ("REDIS_URL", "http://localhost"),
        ("PANELRELAY_HTTP_HEADER_TIMEOUT_S", "0"),
        ("PANELRELAY_HTTP_MAX_CONNECTIONS", "lots"),
        ("PANELRELAY_ROLE", "both"),
    ];
    for (variable, value) in cases {
        let output = panelrelay()
            .arg("serve")
            .env(variable, value)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{variable}={value}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(variable), "{variable}: {stderr}");
    }
}

#[test]
fn openapi_command_prints_the_committed_spec() {
    let output = panelrelay().arg("openapi").output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        include_str!("../../../openapi.yaml")
    );
}

/// Kills the server when the test ends, even on failure.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A raw HTTP/1.1 GET, enough to probe a live server without an HTTP client dependency.
pub(crate) fn http_get(port: u16, path: &str, bearer: Option<&str>) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let auth = bearer
        .map(|key| format!("Authorization: Bearer {key}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

/// The environment that points the binary at the test database and store.
fn backend_env(command: &mut Command, database: &TestDatabase, data_dir: &std::path::Path) {
    command
        .env("PANELRELAY_DATA_DIR", data_dir)
        .env("DATABASE_URL", &database.url);
    if !database.url.starts_with("sqlite") {
        command.env(
            "PANELRELAY_MASTER_KEY",
            "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        );
    }
    if let Some(url) = redis_url() {
        command.env("REDIS_URL", url);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn first_serve_prints_an_admin_key_and_create_key_works_beside_a_running_server() {
    let database = TestDatabase::new().await;
    let data_dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut command = panelrelay();
    command
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    backend_env(&mut command, &database, data_dir.path());
    let mut server = Server(command.spawn().unwrap());

    // The one-time key arrives on stdout.
    let stdout = server.0.stdout.take().unwrap();
    let bootstrap_key = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|line| line.starts_with("pra_"))
    })
    .await
    .unwrap()
    .expect("serve printed the admin key");

    let started = Instant::now();
    while http_get(port, "/healthz", None).map(|r| r.0) != Some(200) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not come up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (status, _) = http_get(port, "/v1/workspaces", Some(&bootstrap_key)).unwrap();
    assert_eq!(status, 200);

    // A second key from the CLI while the server runs on the same data: the key alone on stdout.
    let mut create = panelrelay();
    create.args(["admin", "create-key", "--name", "ops"]);
    backend_env(&mut create, &database, data_dir.path());
    let output = create.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "only the key on stdout: {stdout:?}");
    assert!(lines[0].starts_with("pra_"));
    let (status, _) = http_get(port, "/v1/workspaces", Some(lines[0])).unwrap();
    assert_eq!(status, 200, "the CLI key works against the running server");

    if database.url.starts_with("sqlite") {
        let key_file = data_dir.path().join("master.key");
        assert!(key_file.exists(), "embedded mode generates the master key");
    }
    drop(server);

    // A restart on the same data prints no new key.
    let mut again = panelrelay();
    again
        .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port())])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    backend_env(&mut again, &database, data_dir.path());
    let mut again = Server(again.spawn().unwrap());
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let _ = again.0.kill();
    let mut printed = String::new();
    again
        .0
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    assert!(
        !printed.contains("pra_"),
        "second start printed a key: {printed}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn migrate_command_applies_migrations() {
    let data_dir = tempfile::tempdir().unwrap();
    let output = panelrelay()
        .arg("migrate")
        .env("PANELRELAY_DATA_DIR", data_dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data_dir.path().join("panelrelay.db").exists());
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("migrations up to date")
    );
}
