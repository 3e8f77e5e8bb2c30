//! The figures: a table for people and one JSON line for comparing runs.

use super::fire::{Fired, percentile_ms};
use super::options::{Backend, Options};
use super::outcome::Matched;
use super::traffic::Command;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::time::Duration;

/// One pass of deliveries.
#[derive(Debug, Clone, Serialize)]
pub struct Pass {
    /// The pacing in deliveries per second, or `None` for as fast as acknowledged.
    pub rate: Option<f64>,
    /// Deliveries fired.
    pub deliveries: usize,
    /// Deliveries answered with a non-2xx status or not at all.
    pub failed_acks: usize,
    /// Deliveries the server stored (`accepted`); must equal `commands`.
    pub accepted: usize,
    /// Webhooks acknowledged per second.
    pub webhooks_per_s: f64,
    /// Acknowledgement latency, median, ms.
    pub ack_p50_ms: f64,
    /// Acknowledgement latency, 99th percentile, ms.
    pub ack_p99_ms: f64,
    /// Distinct commands.
    pub commands: usize,
    /// Commands fully handled: every order dispatched to its provider group, reply received.
    pub commands_completed: usize,
    /// Completed commands per second, first send to last completion.
    pub e2e_commands_per_s: f64,
    /// End-to-end latency, median, ms.
    pub e2e_p50_ms: f64,
    /// End-to-end latency, 99th percentile, ms.
    pub e2e_p99_ms: f64,
    /// Orders dispatched more than once (must be 0).
    pub duplicates_dispatched: usize,
    /// Customers with a command left without a reply (must be 0).
    pub customers_without_reply: usize,
    /// The server's CPU time (user + system) per completed command, ms: ingress, worker and
    /// sender together. Unlike rates, it does not depend on what else the machine runs.
    pub server_cpu_ms_per_command: f64,
}

impl Pass {
    /// Summarises a pass.
    pub fn new(
        commands: &[Command],
        fired: &Fired,
        sent_at: &[Option<DateTime<Utc>>],
        mut matched: Matched,
        rate: Option<f64>,
    ) -> Self {
        let mut ack_latencies: Vec<Duration> = fired.acks.iter().map(|a| a.latency).collect();
        let first_sent = sent_at.iter().flatten().min().copied();
        let e2e_window = match (first_sent, matched.last_completion) {
            (Some(first), Some(last)) => (last - first).to_std().unwrap_or_default(),
            _ => Duration::ZERO,
        };
        let per_second = |count: usize, window: Duration| {
            if window.is_zero() {
                0.0
            } else {
                count as f64 / window.as_secs_f64()
            }
        };
        Pass {
            rate,
            deliveries: fired.acks.len(),
            failed_acks: fired
                .acks
                .iter()
                .filter(|a| !(200..300).contains(&a.status))
                .count(),
            accepted: fired
                .acks
                .iter()
                .filter(|a| a.outcome == "accepted")
                .count(),
            webhooks_per_s: per_second(fired.acks.len(), fired.elapsed),
            ack_p50_ms: percentile_ms(&mut ack_latencies, 50.0),
            ack_p99_ms: percentile_ms(&mut ack_latencies, 99.0),
            commands: commands.len(),
            commands_completed: matched.completed,
            e2e_commands_per_s: per_second(matched.completed, e2e_window),
            e2e_p50_ms: percentile_ms(&mut matched.latencies, 50.0),
            e2e_p99_ms: percentile_ms(&mut matched.latencies, 99.0),
            duplicates_dispatched: matched.duplicate_dispatches,
            customers_without_reply: matched.customers_without_reply,
            server_cpu_ms_per_command: 0.0,
        }
    }

    /// What is wrong with the pass's correctness (never its timing).
    pub fn failures(&self, name: &str) -> Vec<String> {
        let mut failures = Vec::new();
        if self.failed_acks > 0 {
            failures.push(format!(
                "{name}: {} deliveries not acknowledged with 2xx",
                self.failed_acks
            ));
        }
        if self.accepted != self.commands {
            failures.push(format!(
                "{name}: {} deliveries accepted for {} distinct commands",
                self.accepted, self.commands
            ));
        }
        if self.commands_completed != self.commands {
            failures.push(format!(
                "{name}: {} of {} commands completed",
                self.commands_completed, self.commands
            ));
        }
        if self.duplicates_dispatched > 0 {
            failures.push(format!(
                "{name}: {} duplicate dispatches",
                self.duplicates_dispatched
            ));
        }
        if self.customers_without_reply > 0 {
            failures.push(format!(
                "{name}: {} customers without a reply",
                self.customers_without_reply
            ));
        }
        failures
    }
}

/// The figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// panelrelay's version.
    pub version: &'static str,
    /// The backend.
    pub backend: Backend,
    /// CPUs available to this process.
    pub cpus: usize,
    /// Deliveries in the main pass.
    pub requests: usize,
    /// Load-generator connections.
    pub concurrency: usize,
    /// Share of repeated deliveries.
    pub duplicates: f64,
    /// Share of bulk commands.
    pub bulk: f64,
    /// The fake panel's added latency, ms.
    pub panel_latency_ms: u64,
    /// Whether the first workspace's panel hung (its commands are not in the figures).
    pub hung_panel: bool,
    /// Workspaces.
    pub workspaces: usize,
    /// Customers.
    pub customers: usize,
    /// Process start to `/readyz` 200 on a fresh database (migrations included), ms.
    pub startup_ms: f64,
    /// `GET /healthz` per second at the same concurrency: this machine's HTTP ceiling.
    pub healthz_per_s: f64,
    /// Main-pass webhooks/s as a share of the ceiling.
    pub webhooks_to_healthz: f64,
    /// Main-pass end-to-end commands/s as a share of the ceiling.
    pub commands_to_healthz: f64,
    /// The server's resident memory once configured, before load, MB.
    pub rss_idle_mb: f64,
    /// The server's peak resident memory, MB.
    pub rss_peak_mb: f64,
    /// The main pass, as fast as acknowledged.
    pub full_load: Pass,
    /// The pass paced at half the main pass's end-to-end rate.
    pub half_load: Option<Pass>,
    /// Correctness failures (empty when correct).
    pub failures: Vec<String>,
}

fn mb(bytes: u64) -> f64 {
    (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0
}

impl Report {
    /// Assembles the report.
    pub fn new(
        options: &Options,
        startup: Duration,
        healthz_per_s: f64,
        rss_idle: u64,
        rss_peak: u64,
        full_load: Pass,
        half_load: Option<Pass>,
    ) -> Self {
        let mut failures = full_load.failures("full load");
        if let Some(half) = &half_load {
            failures.extend(half.failures("half load"));
        }
        let ratio = |x: f64| {
            if healthz_per_s > 0.0 {
                (x / healthz_per_s * 1000.0).round() / 1000.0
            } else {
                0.0
            }
        };
        Report {
            version: env!("CARGO_PKG_VERSION"),
            backend: options.backend,
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            requests: options.requests,
            concurrency: options.concurrency,
            duplicates: options.duplicates,
            bulk: options.bulk,
            panel_latency_ms: u64::try_from(options.panel_latency.as_millis()).unwrap_or(0),
            hung_panel: options.hung_panel,
            workspaces: options.workspaces,
            customers: options.customers,
            startup_ms: startup.as_secs_f64() * 1000.0,
            healthz_per_s,
            webhooks_to_healthz: ratio(full_load.webhooks_per_s),
            commands_to_healthz: ratio(full_load.e2e_commands_per_s),
            rss_idle_mb: mb(rss_idle),
            rss_peak_mb: mb(rss_peak),
            full_load,
            half_load,
            failures,
        }
    }

    /// The report as a table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let mut line = |label: &str, value: String| {
            out.push_str(&format!("{label:<44} {value}\n"));
        };
        line(
            "backend",
            format!(
                "{:?} ({} CPUs, panel latency {} ms, {} workspaces, {} customers{})",
                self.backend,
                self.cpus,
                self.panel_latency_ms,
                self.workspaces,
                self.customers,
                if self.hung_panel {
                    "; workspace 0's panel hung, not measured"
                } else {
                    ""
                }
            ),
        );
        line(
            "start-up to ready (fresh database)",
            format!("{:.0} ms", self.startup_ms),
        );
        line(
            "healthz ceiling",
            format!("{:.0} req/s", self.healthz_per_s),
        );
        let pass_lines = |line: &mut dyn FnMut(&str, String), name: &str, pass: &Pass| {
            line(
                &format!("{name}: deliveries"),
                format!(
                    "{} at concurrency {}{}",
                    pass.deliveries,
                    self.concurrency,
                    pass.rate
                        .map_or(String::new(), |r| format!(", paced at {r:.0}/s"))
                ),
            );
            line(
                &format!("{name}: webhooks acknowledged"),
                format!(
                    "{:.0}/s ({:.1}% of healthz), p50 {:.1} ms, p99 {:.1} ms",
                    pass.webhooks_per_s,
                    pass.webhooks_per_s / self.healthz_per_s.max(1.0) * 100.0,
                    pass.ack_p50_ms,
                    pass.ack_p99_ms
                ),
            );
            line(
                &format!("{name}: commands end to end"),
                format!(
                    "{}/{} at {:.0}/s ({:.1}% of healthz), p50 {:.1} ms, p99 {:.1} ms",
                    pass.commands_completed,
                    pass.commands,
                    pass.e2e_commands_per_s,
                    pass.e2e_commands_per_s / self.healthz_per_s.max(1.0) * 100.0,
                    pass.e2e_p50_ms,
                    pass.e2e_p99_ms
                ),
            );
            line(
                &format!("{name}: server CPU per command"),
                format!("{:.2} ms", pass.server_cpu_ms_per_command),
            );
            line(
                &format!("{name}: duplicates dispatched"),
                pass.duplicates_dispatched.to_string(),
            );
        };
        pass_lines(&mut line, "full load", &self.full_load);
        if let Some(half) = &self.half_load {
            pass_lines(&mut line, "half load", half);
        }
        line(
            "server RSS idle / peak",
            format!("{:.1} MB / {:.1} MB", self.rss_idle_mb, self.rss_peak_mb),
        );
        line(
            "correctness",
            if self.failures.is_empty() {
                "ok".to_string()
            } else {
                self.failures.join("; ")
            },
        );
        out
    }

    /// The report as one JSON line.
    pub fn json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
    }
}
