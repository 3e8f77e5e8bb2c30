//! Group commit of the inbox: the events of concurrent deliveries are queued to one writer
//! task, which stores everything queued in one transaction. Each delivery is answered only
//! after its batch commits, so an acknowledgement still means the event is durable; the
//! batch is whatever arrived while the previous one was being written, so a lone delivery
//! waits for nothing.

use chrono::Utc;
use panelrelay_adapters::storage::flow::NewInboxEvent;
use panelrelay_adapters::storage::{Database, StorageError};
use tokio::sync::{mpsc, oneshot};

/// The most events written in one transaction.
const MAX_BATCH: usize = 512;
/// Deliveries waiting for the writer before senders wait too.
const QUEUE: usize = 8192;

type Reply = oneshot::Sender<Result<bool, String>>;

/// The handle of a process's inbox writer; cheap to clone.
#[derive(Clone)]
pub struct InboxWriter {
    queue: mpsc::Sender<(NewInboxEvent, Reply)>,
}

impl InboxWriter {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(db: Database) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(db, jobs));
        InboxWriter { queue }
    }

    /// Stores an event unless its (channel, dedupe key) is already there, once its batch has
    /// committed. Returns whether it was stored.
    pub async fn insert(&self, event: NewInboxEvent) -> Result<bool, StorageError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((event, reply))
            .await
            .map_err(|_| StorageError::Unavailable("inbox writer stopped".into()))?;
        answer
            .await
            .map_err(|_| StorageError::Unavailable("inbox writer stopped".into()))?
            .map_err(StorageError::Unavailable)
    }
}

async fn write_batches(db: Database, mut jobs: mpsc::Receiver<(NewInboxEvent, Reply)>) {
    let mut events = Vec::with_capacity(MAX_BATCH);
    let mut replies = Vec::with_capacity(MAX_BATCH);
    while let Some((event, reply)) = jobs.recv().await {
        events.push(event);
        replies.push(reply);
        while events.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok((event, reply)) => {
                    events.push(event);
                    replies.push(reply);
                }
                Err(_) => break,
            }
        }
        let stored = db.inbox_insert_batch(&events, Utc::now()).await;
        for (index, reply) in replies.drain(..).enumerate() {
            let answer = match &stored {
                Ok(stored) => Ok(stored.get(index).copied().unwrap_or(false)),
                Err(err) => Err(err.to_string()),
            };
            let _ = reply.send(answer);
        }
        events.clear();
    }
}
