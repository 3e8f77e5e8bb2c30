//! The webhook log, written off the acknowledgement path: deliveries queue their record to
//! one writer task and are answered without waiting; the writer stores whatever queued in
//! one transaction. The queue is bounded: when it is full, deliveries wait for room rather
//! than drop rows. A row is an operator's record, not the event itself (that is in the
//! inbox, durably, before the answer), so a failed batch is only reported.

use panelrelay_adapters::storage::Database;
use panelrelay_adapters::storage::flow::WebhookRecord;
use tokio::sync::{mpsc, oneshot};

/// The most rows written in one transaction.
const MAX_BATCH: usize = 512;
/// Rows waiting for the writer before deliveries wait too.
const QUEUE: usize = 8192;

enum Job {
    Record(WebhookRecord),
    /// Answered once everything queued before it is written (or failed).
    Flush(oneshot::Sender<()>),
}

/// The handle of a process's webhook log writer; cheap to clone.
#[derive(Clone)]
pub struct LogWriter {
    queue: mpsc::Sender<Job>,
}

impl LogWriter {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(db: Database) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(db, jobs));
        LogWriter { queue }
    }

    /// Queues a row, waiting only when the queue is full.
    pub async fn record(&self, record: WebhookRecord) {
        if self.queue.send(Job::Record(record)).await.is_err() {
            tracing::warn!("webhook log writer stopped; one row not written");
        }
    }

    /// Waits until every row queued before this call is written (or its batch failed).
    pub async fn flush(&self) {
        let (done, written) = oneshot::channel();
        if self.queue.send(Job::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }
}

async fn write_batches(db: Database, mut jobs: mpsc::Receiver<Job>) {
    let mut records = Vec::with_capacity(MAX_BATCH);
    let mut flushes = Vec::new();
    while let Some(job) = jobs.recv().await {
        let mut next = Some(job);
        while let Some(job) = next.take() {
            match job {
                Job::Record(record) => records.push(record),
                Job::Flush(done) => flushes.push(done),
            }
            if records.len() < MAX_BATCH {
                next = jobs.try_recv().ok();
            }
        }
        if !records.is_empty() {
            if let Err(err) = db.log_webhooks(&records).await {
                tracing::warn!(rows = records.len(), error = %err, "webhook log write failed");
            }
            records.clear();
        }
        for done in flushes.drain(..) {
            let _ = done.send(());
        }
    }
}
