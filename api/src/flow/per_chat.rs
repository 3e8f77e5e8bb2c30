//! Handling a claimed batch concurrently while keeping each conversation in order: items
//! are grouped by their chat, the groups run as concurrent tasks (on every core), and the
//! items of one group run one after another in claim order.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use tokio::task::JoinSet;

/// Runs `handle` on every item, concurrently across keys and in order within a key; returns
/// when all are done.
pub async fn run_per_chat<T, K, F, Fut>(items: Vec<T>, key: impl Fn(&T) -> K, handle: F)
where
    T: Send + 'static,
    K: Eq + Hash,
    F: Fn(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut index: HashMap<K, usize> = HashMap::new();
    for item in items {
        let slot = match index.get(&key(&item)) {
            Some(slot) => *slot,
            None => {
                index.insert(key(&item), groups.len());
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[slot].push(item);
    }
    let mut tasks = JoinSet::new();
    for group in groups {
        let handle = handle.clone();
        tasks.spawn(async move {
            for item in group {
                handle(item).await;
            }
        });
    }
    while let Some(joined) = tasks.join_next().await {
        if let Err(err) = joined {
            tracing::error!(error = %err, "a chat's batch task failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[tokio::test]
    async fn items_of_one_chat_keep_their_order() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let items: Vec<(u8, u32)> = (0..60).map(|n| ((n % 3) as u8, n)).collect();
        let log = seen.clone();
        run_per_chat(
            items,
            |item| item.0,
            move |item| {
                let log = log.clone();
                async move {
                    // Later items of a chat finish sooner if they were run concurrently.
                    tokio::time::sleep(std::time::Duration::from_micros(u64::from(60 - item.1)))
                        .await;
                    log.lock().unwrap().push(item);
                }
            },
        )
        .await;
        let seen = seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 60);
        for chat in 0..3u8 {
            let order: Vec<u32> = seen.iter().filter(|i| i.0 == chat).map(|i| i.1).collect();
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(order, sorted, "chat {chat} out of order");
        }
    }
}
