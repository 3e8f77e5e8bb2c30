//! `Idempotent-Replayed: true` on an answer that repeats an earlier one (a retry with the
//! same `Idempotency-Key`), so a client can tell a replay from a fresh creation. The
//! idempotency layer marks the request; the request context sets the header.

use std::cell::Cell;

tokio::task_local! {
    static REPLAYED: Cell<bool>;
}

/// The response header.
pub const HEADER: &str = "idempotent-replayed";

/// Marks the request being handled as answered from an earlier answer. Outside a request,
/// does nothing.
pub fn mark() {
    let _ = REPLAYED.try_with(|replayed| replayed.set(true));
}

/// Runs `future` and says whether it marked its request as replayed.
pub async fn scope<F: std::future::Future>(future: F) -> (F::Output, bool) {
    REPLAYED
        .scope(Cell::new(false), async {
            let output = future.await;
            (output, REPLAYED.with(Cell::get))
        })
        .await
}
