//! A redis-server of the fault suite's own, on a free loopback port, keeping nothing on
//! disk: frozen (SIGSTOP) to make Redis unreachable without refusing connections, and
//! restarted empty to lose its data.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running redis-server; dropping it kills it.
pub struct RedisServer {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl RedisServer {
    /// Starts `redis-server` on a free port and waits until it accepts connections.
    pub fn start() -> Result<Self, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        Self::start_on(port)
    }

    fn start_on(port: u16) -> Result<Self, String> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start redis-server (is it installed?): {e}"))?;
        let server = RedisServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("redis-server did not start within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(server)
    }

    /// Its URL.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the server: while frozen it accepts
    /// connections and answers nothing, as a hung Redis does.
    pub fn freeze(&self, frozen: bool) -> Result<(), String> {
        let signal = if frozen { "-STOP" } else { "-CONT" };
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .map_err(|e| e.to_string())?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| format!("kill {signal} failed"))
    }

    /// Kills the server and starts an empty one on the same port.
    pub fn restart_empty(mut self) -> Result<Self, String> {
        let port = self.port;
        let _ = self.child.kill();
        let _ = self.child.wait();
        Self::start_on(port)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
