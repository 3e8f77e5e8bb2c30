//! Continuous claiming for the worker and the sender: a fixed number of slots, refilled from
//! the queue as items finish, instead of rounds that wait for their slowest item. The items
//! of one chat run one after another in claim order (a task per busy chat); chats run
//! concurrently. A workspace holds at most a quarter of the slots: it is left out of claims
//! while it does, and what a claim takes beyond its share is put back for a few seconds (its
//! old items would otherwise head every claim), so one tenant's hung panel or provider never
//! holds up another's replies.

use super::heartbeat::Pulse;
use crate::state::AppState;
use panelrelay_adapters::storage::StorageError;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

/// The longest sleep between two claims when there is nothing to do.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// How long a stopping scheduler lets its running items finish.
const STOP_GRACE: Duration = Duration::from_secs(20);

/// A queue the scheduler drains: how to claim items and how to handle one.
pub trait Queue: Send + Sync + 'static {
    /// What is claimed and handled.
    type Item: Send + 'static;

    /// The loop's name, for logs and heartbeats (`worker`, `sender`).
    fn name(&self) -> &'static str;

    /// Claims up to `limit` items, none of the workspaces in `skip`.
    fn claim(
        &self,
        limit: usize,
        skip: Vec<String>,
    ) -> impl Future<Output = Result<Vec<Self::Item>, StorageError>> + Send;

    /// Handles one claimed item, recording its result (it owns its errors).
    fn handle(&self, item: Self::Item) -> impl Future<Output = ()> + Send;

    /// Puts back items claimed beyond their workspace's share, unhandled and without using
    /// up an attempt, for a while (so the next claims reach other workspaces' items).
    fn defer(
        &self,
        items: Vec<Self::Item>,
    ) -> impl Future<Output = Result<(), StorageError>> + Send;

    /// What identifies the item, its workspace and its chat.
    fn keys(item: &Self::Item) -> ItemKeys;
}

/// What the scheduler needs to know of an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemKeys {
    /// The item's id: an item claimed again while held (its lease lapsed) is not run twice.
    pub id: String,
    /// Its workspace, whose share of the slots it counts against.
    pub workspace: String,
    /// Its conversation (channel and chat): items of one chat run in order.
    pub chat: (String, String),
}

/// How many items are held at once, and by one workspace.
#[derive(Clone, Copy, Debug)]
pub struct Slots {
    /// Items held (running or waiting behind their chat) at most.
    pub total: usize,
    /// Items one workspace holds at most.
    pub per_workspace: usize,
    /// A claim is made when this many slots are free (or nothing is held), so a busy
    /// scheduler claims in batches rather than once per finished item.
    pub refill_at: usize,
}

impl Slots {
    /// `total` slots, a quarter of them per workspace, refilled by halves: a claim is a
    /// transaction (on SQLite it holds the one connection that ingress needs too), so a busy
    /// scheduler claims in large batches (measured: refilling by the eighth cost a third of
    /// the embedded ingress rate).
    pub fn new(total: usize) -> Self {
        let total = total.max(1);
        Slots {
            total,
            per_workspace: (total / 4).max(1),
            refill_at: (total / 2).max(1),
        }
    }
}

/// What is held: the items of each busy chat waiting behind the running one, the ids held
/// and each workspace's count.
struct Board<T> {
    waiting: HashMap<(String, String), VecDeque<(ItemKeys, T)>>,
    held: HashSet<String>,
    per_workspace: HashMap<String, usize>,
}

impl<T> Board<T> {
    fn new() -> Self {
        Board {
            waiting: HashMap::new(),
            held: HashSet::new(),
            per_workspace: HashMap::new(),
        }
    }

    /// The slots free now, and the workspaces to leave out of the next claim.
    fn room(&self, slots: Slots) -> (usize, Vec<String>) {
        let free = slots.total.saturating_sub(self.held.len());
        let full = self
            .per_workspace
            .iter()
            .filter(|(_, held)| **held >= slots.per_workspace)
            .map(|(workspace, _)| workspace.clone())
            .collect();
        (free, full)
    }

    /// Whether `workspace` holds its whole share.
    fn at_share(&self, workspace: &str, slots: Slots) -> bool {
        self.per_workspace
            .get(workspace)
            .is_some_and(|held| *held >= slots.per_workspace)
    }

    /// Takes a claimed item. Returns it when its chat is idle (the caller starts a task for
    /// the chat); queues it behind the chat's running item otherwise; drops it when it is
    /// held already.
    fn add(&mut self, keys: ItemKeys, item: T) -> Option<(ItemKeys, T)> {
        if !self.held.insert(keys.id.clone()) {
            return None;
        }
        *self
            .per_workspace
            .entry(keys.workspace.clone())
            .or_default() += 1;
        match self.waiting.get_mut(&keys.chat) {
            Some(queue) => {
                queue.push_back((keys, item));
                None
            }
            None => {
                self.waiting.insert(keys.chat.clone(), VecDeque::new());
                Some((keys, item))
            }
        }
    }

    /// Releases a finished item; returns the next item of its chat, if one waits (else the
    /// chat is idle again).
    fn finish(&mut self, keys: &ItemKeys) -> Option<(ItemKeys, T)> {
        self.held.remove(&keys.id);
        if let Some(count) = self.per_workspace.get_mut(&keys.workspace) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.per_workspace.remove(&keys.workspace);
            }
        }
        let next = self
            .waiting
            .get_mut(&keys.chat)
            .and_then(VecDeque::pop_front);
        if next.is_none() {
            self.waiting.remove(&keys.chat);
        }
        next
    }

    fn held(&self) -> usize {
        self.held.len()
    }
}

type SharedBoard<T> = Arc<Mutex<Board<T>>>;

fn lock<T>(board: &SharedBoard<T>) -> std::sync::MutexGuard<'_, Board<T>> {
    board.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `queue` until `stop` turns true: claims whenever enough slots are free, woken by
/// finished items, by ingress (`state.wake`) or by a short poll; records its heartbeat.
pub async fn run<Q: Queue>(
    queue: Arc<Q>,
    slots: Slots,
    state: AppState,
    mut stop: watch::Receiver<bool>,
) {
    let name = queue.name();
    tracing::info!(loop_name = name, slots = slots.total, "started");
    let board: SharedBoard<Q::Item> = Arc::new(Mutex::new(Board::new()));
    let finished = Arc::new(Notify::new());
    let mut chats = JoinSet::new();
    let mut pulse = Pulse::new(name);
    while !*stop.borrow() {
        while let Some(joined) = chats.try_join_next() {
            if let Err(err) = joined {
                tracing::error!(loop_name = name, error = %err, "a chat's task failed");
            }
        }
        let (free, skip) = {
            let board = lock(&board);
            let (free, skip) = board.room(slots);
            let worth_it = free >= slots.refill_at || (free > 0 && board.held() == 0);
            (if worth_it { free } else { 0 }, skip)
        };
        let mut claimed = 0;
        if free > 0 {
            match queue.claim(free, skip).await {
                Ok(items) => {
                    claimed = items.len();
                    let mut over_share = Vec::new();
                    for item in items {
                        let keys = Q::keys(&item);
                        let start = {
                            let mut board = lock(&board);
                            if board.at_share(&keys.workspace, slots) {
                                over_share.push(item);
                                continue;
                            }
                            board.add(keys, item)
                        };
                        if let Some(first) = start {
                            chats.spawn(run_chat(
                                queue.clone(),
                                board.clone(),
                                finished.clone(),
                                first,
                            ));
                        }
                    }
                    if !over_share.is_empty() {
                        let deferred = over_share.len();
                        if let Err(err) = queue.defer(over_share).await {
                            // Their leases lapse and they are claimed again.
                            tracing::warn!(loop_name = name, deferred, error = %err, "defer failed");
                        }
                    }
                    pulse.beat(&state.db, None).await;
                }
                Err(err) => {
                    tracing::warn!(loop_name = name, error = %err, "claim failed");
                    pulse.beat(&state.db, Some(&err.to_string())).await;
                }
            }
        } else {
            pulse.beat(&state.db, None).await;
        }
        if claimed > 0 && claimed == free {
            // A full claim: more may be waiting.
            continue;
        }
        tokio::select! {
            _ = finished.notified() => {}
            _ = state.wake.notified() => {}
            _ = tokio::time::sleep(IDLE_POLL) => {}
            _ = stop.changed() => {}
        }
    }
    // Let what runs finish (its results are recorded); what does not finish in time is
    // claimed again once its lease lapses.
    let drained = tokio::time::timeout(STOP_GRACE, async {
        while chats.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(loop_name = name, "stopped with items still running");
    }
    tracing::info!(loop_name = name, "stopped");
}

/// Runs the items of one chat, `first` and whatever queues behind it, one at a time.
async fn run_chat<Q: Queue>(
    queue: Arc<Q>,
    board: SharedBoard<Q::Item>,
    finished: Arc<Notify>,
    first: (ItemKeys, Q::Item),
) {
    let mut next = Some(first);
    while let Some((keys, item)) = next {
        queue.handle(item).await;
        next = lock(&board).finish(&keys);
        finished.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(id: u32, workspace: &str, chat: &str) -> ItemKeys {
        ItemKeys {
            id: id.to_string(),
            workspace: workspace.into(),
            chat: ("channel".into(), chat.into()),
        }
    }

    #[test]
    fn a_chat_runs_one_item_at_a_time_in_claim_order() {
        let mut board = Board::new();
        assert!(
            board.add(keys(1, "a", "x"), 1).is_some(),
            "idle chat: start"
        );
        assert!(board.add(keys(2, "a", "x"), 2).is_none(), "busy chat: wait");
        assert!(board.add(keys(3, "a", "x"), 3).is_none());
        assert!(
            board.add(keys(4, "a", "y"), 4).is_some(),
            "another chat starts"
        );
        assert!(
            board.add(keys(2, "a", "x"), 2).is_none(),
            "held already: dropped"
        );
        assert_eq!(board.held(), 4);
        assert_eq!(board.finish(&keys(1, "a", "x")).map(|(_, n)| n), Some(2));
        assert_eq!(board.finish(&keys(2, "a", "x")).map(|(_, n)| n), Some(3));
        assert_eq!(board.finish(&keys(3, "a", "x")).map(|(_, n)| n), None);
        assert!(
            board.add(keys(5, "a", "x"), 5).is_some(),
            "idle again: start"
        );
    }

    #[test]
    fn a_workspace_at_its_share_is_left_out_of_claims() {
        let slots = Slots::new(8);
        assert_eq!((slots.per_workspace, slots.refill_at), (2, 4));
        let mut board = Board::new();
        board.add(keys(1, "slow", "x"), ());
        assert_eq!(board.room(slots), (7, vec![]));
        board.add(keys(2, "slow", "y"), ());
        board.add(keys(3, "fast", "z"), ());
        assert_eq!(board.room(slots), (5, vec!["slow".to_string()]));
        board.finish(&keys(1, "slow", "x"));
        assert_eq!(board.room(slots), (6, vec![]));
    }
}
