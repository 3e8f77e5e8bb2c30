//! The load generator: deliveries (or `/healthz` requests) from `concurrency` connections,
//! as fast as the server answers or paced at a given rate; each answer's latency.

use super::traffic::Delivery;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The answer to one delivery.
#[derive(Debug, Clone)]
pub struct Ack {
    /// When it was sent (wall clock, comparable with the fakes' timestamps).
    pub sent_at: DateTime<Utc>,
    /// How long the answer took.
    pub latency: Duration,
    /// HTTP status (0 when the request failed).
    pub status: u16,
    /// The `outcome` the server answered (`accepted`, `duplicate`, …).
    pub outcome: String,
}

/// What a firing produced.
pub struct Fired {
    /// One per delivery, in delivery order.
    pub acks: Vec<Ack>,
    /// From the first send to the last answer.
    pub elapsed: Duration,
}

/// Fires `deliveries` at `server` from `concurrency` workers; `rate` (deliveries per
/// second) paces them when set.
pub async fn fire(
    http: &reqwest::Client,
    server: &str,
    deliveries: Arc<Vec<Delivery>>,
    concurrency: usize,
    rate: Option<f64>,
) -> Fired {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (http, server, deliveries, next) = (
            http.clone(),
            server.to_string(),
            deliveries.clone(),
            next.clone(),
        );
        workers.spawn(async move {
            let mut acks = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(delivery) = deliveries.get(index) else {
                    break;
                };
                if let Some(rate) = rate {
                    let due = start + Duration::from_secs_f64(index as f64 / rate);
                    tokio::time::sleep_until(due.into()).await;
                }
                let sent_at = Utc::now();
                let begun = Instant::now();
                let answer = http
                    .post(format!("{server}{}", delivery.path))
                    .header(delivery.header.0, &delivery.header.1)
                    .header("content-type", "application/json")
                    .body(delivery.body.clone())
                    .send()
                    .await;
                let (status, outcome) = match answer {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let body: serde_json::Value =
                            response.json().await.unwrap_or(serde_json::Value::Null);
                        let outcome = body["outcome"].as_str().unwrap_or("").to_string();
                        (status, outcome)
                    }
                    Err(_) => (0, String::new()),
                };
                acks.push((
                    index,
                    Ack {
                        sent_at,
                        latency: begun.elapsed(),
                        status,
                        outcome,
                    },
                ));
            }
            acks
        });
    }
    let mut all: Vec<(usize, Ack)> = Vec::with_capacity(deliveries.len());
    while let Some(Ok(acks)) = workers.join_next().await {
        all.extend(acks);
    }
    let elapsed = start.elapsed();
    all.sort_by_key(|(index, _)| *index);
    Fired {
        acks: all.into_iter().map(|(_, ack)| ack).collect(),
        elapsed,
    }
}

/// `GET /healthz` `requests` times from `concurrency` workers: the HTTP ceiling of this
/// machine for this server (no storage touched). Returns requests per second.
pub async fn healthz_ceiling(
    http: &reqwest::Client,
    server: &str,
    requests: usize,
    concurrency: usize,
) -> f64 {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (http, url, next) = (http.clone(), format!("{server}/healthz"), next.clone());
        workers.spawn(async move {
            let mut ok = 0usize;
            while next.fetch_add(1, Ordering::Relaxed) < requests {
                if let Ok(response) = http.get(&url).send().await {
                    if response.bytes().await.is_ok() {
                        ok += 1;
                    }
                }
            }
            ok
        });
    }
    let mut ok = 0;
    while let Some(Ok(count)) = workers.join_next().await {
        ok += count;
    }
    ok as f64 / start.elapsed().as_secs_f64()
}

/// The `p`th percentile (0-100) of `values`, in milliseconds.
pub fn percentile_ms(values: &mut [Duration], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let rank = ((p / 100.0) * (values.len() - 1) as f64).round() as usize;
    values[rank.min(values.len() - 1)].as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::percentile_ms;
    use std::time::Duration;

    #[test]
    fn percentiles_pick_the_ranked_value() {
        let mut values: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(percentile_ms(&mut values, 50.0), 51.0);
        assert_eq!(percentile_ms(&mut values, 99.0), 99.0);
        assert_eq!(percentile_ms(&mut [], 99.0), 0.0);
    }
}
