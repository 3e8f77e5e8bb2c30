//! Group commit of the worker's results: the completions of concurrently handled events are
//! committed by one writer task, many per transaction ([`GroupCommit`]; a batch that fails is
//! retried one completion at a time). Each handler waits
//! until its completion has committed, so nothing is acknowledged that is not durable.

use crate::group_commit::{BatchFuture, CommitError, GroupCommit, all_or_each, writers};
use chrono::Utc;
use panelrelay_adapters::storage::Database;
use panelrelay_adapters::storage::flow::Completion;

/// The most completions committed in one transaction.
const MAX_BATCH: usize = 256;

/// The handle of a process's completion writer; cheap to clone.
#[derive(Clone)]
pub struct CompletionWriter {
    writer: GroupCommit<(String, Completion), bool>,
}

impl CompletionWriter {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(db: Database) -> Self {
        let writer = GroupCommit::start(
            MAX_BATCH,
            writers(&db),
            move |items: Vec<(String, Completion)>| {
                let db = db.clone();
                Box::pin(async move {
                    let db = &db;
                    all_or_each(&items, |batch| {
                        Box::pin(async move { db.inbox_complete_batch(batch, Utc::now()).await })
                    })
                    .await
                }) as BatchFuture<bool>
            },
        );
        CompletionWriter { writer }
    }

    /// Commits the completion of `event_id`. Returns `false` when the event had already
    /// been completed (by another worker after a lease ran out): nothing was written.
    pub async fn complete(
        &self,
        event_id: &str,
        completion: Completion,
    ) -> Result<bool, CommitError> {
        self.writer.submit((event_id.to_string(), completion)).await
    }
}
