//! Prometheus metrics: requests by operation and status, latency histograms, pool usage.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_in_use: IntGauge,
    pool_max: IntGauge,
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
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(pool_in_use.clone()))?;
        registry.register(Box::new(pool_max.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            pool_in_use,
            pool_max,
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

    /// The text exposition, after refreshing the pool gauges.
    pub fn render(&self, pool_usage: (usize, usize)) -> String {
        self.pool_in_use
            .set(i64::try_from(pool_usage.0).unwrap_or(i64::MAX));
        self.pool_max
            .set(i64::try_from(pool_usage.1).unwrap_or(i64::MAX));
        let mut buffer = Vec::new();
        if let Err(err) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(error = %err, "metrics encoding failed");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}
