//! Group commit: writes queued by concurrent tasks are stored by one writer task, everything
//! queued so far in one go (one transaction), and each caller is answered once its write has
//! committed. The batch is whatever arrived while the previous one was being written, so a
//! lone write waits for nothing, and under load many writes share one commit.

use panelrelay_adapters::storage::{Backend, Database, StorageError};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Writes waiting for the writer before callers wait too.
const QUEUE: usize = 8192;

/// Why a queued write has no answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CommitError {
    /// The database refused or failed the write.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The writer task is gone (the process is stopping).
    #[error("writer stopped")]
    Stopped,
    /// The write answered for fewer items than it was given (a bug).
    #[error("no answer for the item")]
    NoAnswer,
}

/// What a batch write answers for each of its items, in order.
pub type BatchResult<O> = Vec<Result<O, CommitError>>;

/// The future of a write of some items: one answer per item, or an error for all.
pub type ItemsFuture<'a, O> =
    Pin<Box<dyn Future<Output = Result<Vec<O>, StorageError>> + Send + 'a>>;

/// The future of one batch write.
pub type BatchFuture<O> = Pin<Box<dyn Future<Output = BatchResult<O>> + Send>>;

type Reply<O> = oneshot::Sender<Result<O, CommitError>>;

/// The queue, shared by the writers of one [`GroupCommit`].
type Jobs<I, O> = Arc<Mutex<mpsc::Receiver<(I, Reply<O>)>>>;

/// The handle of one writer task; cheap to clone.
pub struct GroupCommit<I, O> {
    queue: mpsc::Sender<(I, Reply<O>)>,
}

impl<I, O> Clone for GroupCommit<I, O> {
    fn clone(&self) -> Self {
        GroupCommit {
            queue: self.queue.clone(),
        }
    }
}

impl<I: Send + 'static, O: Send + 'static> GroupCommit<I, O> {
    /// Starts `writers` writer tasks on the current tokio runtime. `write` stores a batch of
    /// up to `max_batch` items and answers for each; it owns its errors (an item it cannot
    /// answer for is reported as failed). One writer suits a database with one connection
    /// (SQLite); on PostgreSQL a few writers overlap their round trips.
    pub fn start<F>(max_batch: usize, writers: usize, write: F) -> Self
    where
        F: Fn(Vec<I>) -> BatchFuture<O> + Send + Sync + 'static,
    {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let jobs = Arc::new(Mutex::new(jobs));
        let write = Arc::new(write);
        for _ in 0..writers.max(1) {
            tokio::spawn(write_batches(jobs.clone(), max_batch.max(1), write.clone()));
        }
        GroupCommit { queue }
    }

    /// Queues `item` and waits until its batch is written; returns the item's answer.
    pub async fn submit(&self, item: I) -> Result<O, CommitError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((item, reply))
            .await
            .map_err(|_| CommitError::Stopped)?;
        answer.await.map_err(|_| CommitError::Stopped)?
    }
}

/// How many writers suit `db`: one for SQLite (one connection, one writer at a time), eight
/// on PostgreSQL (each batch is a series of round trips; several batches in flight overlap
/// them, and leave half of the pool to the readers).
pub fn writers(db: &Database) -> usize {
    match db.backend() {
        Backend::Sqlite => 1,
        Backend::Postgres => 8,
    }
}

/// Writes `items` with one call of `write` (one transaction); should that fail, each item
/// with a call of its own, so one bad item does not fail the others. `write` answers one
/// value per item.
pub async fn all_or_each<'a, I, O, F>(items: &'a [I], write: F) -> BatchResult<O>
where
    F: Fn(&'a [I]) -> ItemsFuture<'a, O>,
{
    match write(items).await {
        Ok(answers) => answers.into_iter().map(Ok).collect(),
        Err(err) if items.len() == 1 => vec![Err(err.into())],
        Err(err) => {
            tracing::warn!(error = %err, items = items.len(), "batch write failed; writing one by one");
            let mut answers = Vec::with_capacity(items.len());
            for item in items {
                let answer = match write(std::slice::from_ref(item)).await {
                    Ok(mut one) => one.pop().ok_or(CommitError::NoAnswer),
                    Err(err) => Err(err.into()),
                };
                answers.push(answer);
            }
            answers
        }
    }
}

/// One writer: takes whatever is queued (up to `max_batch`), writes it, answers, repeats.
/// Writers of one queue take turns at the queue, and write concurrently.
async fn write_batches<I, O, F>(jobs: Jobs<I, O>, max_batch: usize, write: Arc<F>)
where
    F: Fn(Vec<I>) -> BatchFuture<O>,
{
    loop {
        let (items, replies) = {
            let mut jobs = jobs.lock().await;
            let Some((item, reply)) = jobs.recv().await else {
                return;
            };
            let mut items = Vec::with_capacity(max_batch);
            let mut replies = Vec::with_capacity(max_batch);
            items.push(item);
            replies.push(reply);
            while items.len() < max_batch {
                match jobs.try_recv() {
                    Ok((item, reply)) => {
                        items.push(item);
                        replies.push(reply);
                    }
                    Err(_) => break,
                }
            }
            (items, replies)
        };
        let mut answers = write(items).await.into_iter();
        for reply in replies {
            let answer = answers.next().unwrap_or(Err(CommitError::NoAnswer));
            let _ = reply.send(answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn refused(n: u32) -> CommitError {
        CommitError::Storage(StorageError::Query(n.to_string()))
    }

    #[tokio::test]
    async fn concurrent_writes_share_batches_and_each_gets_its_answer() {
        let batches = Arc::new(Mutex::new(Vec::new()));
        let seen = batches.clone();
        let writer = GroupCommit::start(16, 2, move |items: Vec<u32>| {
            seen.lock().unwrap().push(items.len());
            Box::pin(async move {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                items
                    .into_iter()
                    .map(|n| {
                        if n % 7 == 0 {
                            Err(refused(n))
                        } else {
                            Ok(n * 2)
                        }
                    })
                    .collect()
            }) as BatchFuture<u32>
        });
        let mut tasks = tokio::task::JoinSet::new();
        for n in 1..=100u32 {
            let writer = writer.clone();
            tasks.spawn(async move { (n, writer.submit(n).await) });
        }
        while let Some(joined) = tasks.join_next().await {
            let (n, answer) = joined.unwrap();
            if n % 7 == 0 {
                assert_eq!(answer, Err(refused(n)));
            } else {
                assert_eq!(answer, Ok(n * 2));
            }
        }
        let batches = batches.lock().unwrap();
        assert_eq!(batches.iter().sum::<usize>(), 100);
        assert!(batches.iter().all(|&size| size <= 16));
        assert!(batches.len() < 100, "writes were grouped: {batches:?}");
    }

    #[tokio::test]
    async fn a_failed_batch_is_written_item_by_item() {
        let calls = Mutex::new(Vec::new());
        let answers = all_or_each(&[1u8, 2, 3], |batch| {
            calls.lock().unwrap().push(batch.to_vec());
            let answer = if batch.len() > 1 || batch[0] == 2 {
                Err(StorageError::Query("refused".into()))
            } else {
                Ok(vec![batch[0] * 10])
            };
            Box::pin(async move { answer })
        })
        .await;
        let refused = CommitError::Storage(StorageError::Query("refused".into()));
        assert_eq!(answers, vec![Ok(10), Err(refused), Ok(30)]);
        assert_eq!(
            *calls.lock().unwrap(),
            vec![vec![1, 2, 3], vec![1], vec![2], vec![3]]
        );
    }

    #[tokio::test]
    async fn a_short_answer_fails_the_unanswered_items() {
        let writer = GroupCommit::start(8, 1, |_items: Vec<u8>| {
            Box::pin(async { Vec::new() }) as BatchFuture<u8>
        });
        assert!(writer.submit(1).await.is_err());
    }
}
