//! Group commit of the inbox: the events of concurrent deliveries are stored by one writer
//! task in one transaction per batch ([`GroupCommit`]). Each delivery is answered only after
//! its batch commits, so an acknowledgement still means the event is durable.

use crate::group_commit::{BatchFuture, GroupCommit, writers};
use chrono::Utc;
use panelrelay_adapters::storage::flow::NewInboxEvent;
use panelrelay_adapters::storage::{Database, StorageError};

/// The most events written in one transaction.
const MAX_BATCH: usize = 512;

/// The handle of a process's inbox writer; cheap to clone.
#[derive(Clone)]
pub struct InboxWriter {
    writer: GroupCommit<NewInboxEvent, bool>,
}

impl InboxWriter {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(db: Database) -> Self {
        let writer = GroupCommit::start(
            MAX_BATCH,
            writers(&db),
            move |events: Vec<NewInboxEvent>| {
                let db = db.clone();
                Box::pin(async move {
                    match db.inbox_insert_batch(&events, Utc::now()).await {
                        Ok(stored) => stored.into_iter().map(Ok).collect(),
                        Err(err) => events.iter().map(|_| Err(err.clone().into())).collect(),
                    }
                }) as BatchFuture<bool>
            },
        );
        InboxWriter { writer }
    }

    /// Stores an event unless its (channel, dedupe key) is already there, once its batch has
    /// committed. Returns whether it was stored.
    pub async fn insert(&self, event: NewInboxEvent) -> Result<bool, StorageError> {
        self.writer
            .submit(event)
            .await
            .map_err(|err| StorageError::Unavailable(err.to_string()))
    }
}
