//! Group commit of the sender's bookkeeping: the outbound log row and the new state of each
//! message sent concurrently are committed by one writer task, many per transaction
//! ([`GroupCommit`]; a batch that fails is retried one message at a time).

use crate::group_commit::{BatchFuture, CommitError, GroupCommit, all_or_each, writers};
use panelrelay_adapters::storage::Database;
use panelrelay_adapters::storage::flow::Settlement;

/// The most settlements committed in one transaction.
const MAX_BATCH: usize = 256;

/// The handle of a process's settlement writer; cheap to clone.
#[derive(Clone)]
pub struct SettlementWriter {
    writer: GroupCommit<Settlement, ()>,
}

impl SettlementWriter {
    /// Starts the writer task on the current tokio runtime.
    pub fn start(db: Database) -> Self {
        let writer = GroupCommit::start(MAX_BATCH, writers(&db), move |items: Vec<Settlement>| {
            let db = db.clone();
            Box::pin(async move {
                let db = &db;
                all_or_each(&items, |batch| {
                    Box::pin(async move {
                        db.outbox_settle(batch)
                            .await
                            .map(|()| vec![(); batch.len()])
                    })
                })
                .await
            }) as BatchFuture<()>
        });
        SettlementWriter { writer }
    }

    /// Records what became of a claimed message, once committed.
    pub async fn settle(&self, settlement: Settlement) -> Result<(), CommitError> {
        self.writer.submit(settlement).await
    }
}
