//! Prometheus metrics (`/metrics`): HTTP requests, the database pool, the flow (webhooks,
//! queues, sends, commands, panel requests) and the process. Labels are bounded sets
//! (medium, outcome, action, panel type), never a workspace, chat or order id.

use prometheus::{
    Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use std::time::Duration;

/// Latency buckets of calls to other services (sends, panel requests), in seconds.
const CALL_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    /// `process_*`, named as Prometheus' own clients name them (without our prefix).
    process: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_in_use: IntGauge,
    pool_max: IntGauge,
    webhooks: IntCounterVec,
    queue_depth: IntGaugeVec,
    queue_oldest: GaugeVec,
    sends: IntCounterVec,
    send_latency: HistogramVec,
    commands: IntCounterVec,
    panel_requests: IntCounterVec,
    panel_latency: HistogramVec,
}

/// How long the oldest waiting item of a queue has waited, and how many wait.
#[derive(Debug, Clone, Copy)]
pub struct QueueDepth {
    /// Items due or overdue.
    pub depth: i64,
    /// The oldest one's age.
    pub oldest: Option<Duration>,
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("panelrelay".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests by operation, method and status",
            ),
            &["operation", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "HTTP request latency by operation",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["operation"],
        )?;
        let pool_in_use =
            IntGauge::new("db_pool_connections_in_use", "Database connections in use")?;
        let pool_max = IntGauge::new("db_pool_connections_max", "Database pool size")?;
        let webhooks = IntCounterVec::new(
            Opts::new(
                "webhooks_received_total",
                "Webhook deliveries by medium and outcome (accepted, duplicate, bad_signature, …)",
            ),
            &["medium", "outcome"],
        )?;
        let queue_depth = IntGaugeVec::new(
            Opts::new(
                "queue_depth",
                "Items due in the inbox (customer messages) and the outbox (messages to send)",
            ),
            &["queue"],
        )?;
        let queue_oldest = GaugeVec::new(
            Opts::new(
                "queue_oldest_age_seconds",
                "How long the oldest due item of each queue has waited (0 when empty)",
            ),
            &["queue"],
        )?;
        let sends = IntCounterVec::new(
            Opts::new(
                "sends_total",
                "Messages sent to a messaging provider, by medium and outcome",
            ),
            &["medium", "outcome"],
        )?;
        let send_latency = HistogramVec::new(
            HistogramOpts::new(
                "send_duration_seconds",
                "How long a messaging provider took to answer a send",
            )
            .buckets(CALL_BUCKETS.to_vec()),
            &["medium"],
        )?;
        let commands = IntCounterVec::new(
            Opts::new(
                "commands_total",
                "Customer messages handled, by command action and outcome",
            ),
            &["action", "outcome"],
        )?;
        let panel_requests = IntCounterVec::new(
            Opts::new(
                "panel_requests_total",
                "Calls to panels' admin APIs by panel type, call and outcome",
            ),
            &["panel_type", "call", "outcome"],
        )?;
        let panel_latency = HistogramVec::new(
            HistogramOpts::new(
                "panel_request_duration_seconds",
                "How long panels took to answer, by panel type and call",
            )
            .buckets(CALL_BUCKETS.to_vec()),
            &["panel_type", "call"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(pool_in_use.clone()))?;
        registry.register(Box::new(pool_max.clone()))?;
        registry.register(Box::new(webhooks.clone()))?;
        registry.register(Box::new(queue_depth.clone()))?;
        registry.register(Box::new(queue_oldest.clone()))?;
        registry.register(Box::new(sends.clone()))?;
        registry.register(Box::new(send_latency.clone()))?;
        registry.register(Box::new(commands.clone()))?;
        registry.register(Box::new(panel_requests.clone()))?;
        registry.register(Box::new(panel_latency.clone()))?;
        let process = Registry::new();
        // CPU seconds, resident memory, open files, threads, start time (Linux only).
        #[cfg(target_os = "linux")]
        process.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        Ok(Metrics {
            registry,
            process,
            requests,
            latency,
            pool_in_use,
            pool_max,
            webhooks,
            queue_depth,
            queue_oldest,
            sends,
            send_latency,
            commands,
            panel_requests,
            panel_latency,
        })
    }

    /// Records one finished request.
    pub fn observe(&self, operation: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .with_label_values(&[operation, method, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[operation])
            .observe(seconds);
    }

    /// Records one webhook delivery.
    pub fn webhook(&self, medium: &'static str, outcome: &'static str) {
        self.webhooks.with_label_values(&[medium, outcome]).inc();
    }

    /// Records one send to a messaging provider and how long it took.
    pub fn send(&self, medium: &'static str, outcome: &'static str, took: Duration) {
        self.sends.with_label_values(&[medium, outcome]).inc();
        self.send_latency
            .with_label_values(&[medium])
            .observe(took.as_secs_f64());
    }

    /// Records one handled customer message.
    pub fn command(&self, action: &'static str, outcome: &'static str) {
        self.commands.with_label_values(&[action, outcome]).inc();
    }

    /// Records one call to a panel's admin API and how long it took.
    pub fn panel_request(
        &self,
        panel_type: &'static str,
        call: &'static str,
        outcome: &'static str,
        took: Duration,
    ) {
        self.panel_requests
            .with_label_values(&[panel_type, call, outcome])
            .inc();
        self.panel_latency
            .with_label_values(&[panel_type, call])
            .observe(took.as_secs_f64());
    }

    /// Sets a queue's gauges (`inbox` or `outbox`).
    pub fn queue(&self, queue: &'static str, depth: QueueDepth) {
        self.queue_depth
            .with_label_values(&[queue])
            .set(depth.depth);
        self.queue_oldest
            .with_label_values(&[queue])
            .set(depth.oldest.map_or(0.0, |age| age.as_secs_f64()));
    }

    /// The text exposition, after refreshing the pool gauges.
    pub fn render(&self, pool_usage: (usize, usize)) -> String {
        self.pool_in_use
            .set(i64::try_from(pool_usage.0).unwrap_or(i64::MAX));
        self.pool_max
            .set(i64::try_from(pool_usage.1).unwrap_or(i64::MAX));
        let mut buffer = Vec::new();
        let mut families = self.registry.gather();
        families.extend(self.process.gather());
        if let Err(err) = TextEncoder::new().encode(&families, &mut buffer) {
            tracing::error!(error = %err, "metrics encoding failed");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}
