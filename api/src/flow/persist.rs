//! Writes that must not be lost while the database is away: a send the provider accepted
//! is recorded, or the message goes out again when its lease lapses. Such writes are
//! retried with a capped backoff until the database takes them (or, for writes that may
//! give up, until a deadline). The task that holds the outcome waits meanwhile, so the
//! loop that claimed it claims nothing new: what a process holds during an outage is
//! bounded by one claimed batch.

use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// The first pause between two tries.
const FIRST_PAUSE: Duration = Duration::from_millis(100);
/// The longest pause between two tries.
const MAX_PAUSE: Duration = Duration::from_secs(2);

/// Runs `write` until it succeeds, or until `deadline` (when given) has passed; returns the
/// last result. `what` names the write in the WARN lines of failed tries.
pub async fn until_written<T, E, F, Fut>(
    what: &str,
    deadline: Option<Duration>,
    write: F,
) -> Result<T, E>
where
    E: std::fmt::Display,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    retry(what, deadline, (FIRST_PAUSE, MAX_PAUSE), write).await
}

/// [`until_written`] with the first and the longest pause between tries.
async fn retry<T, E, F, Fut>(
    what: &str,
    deadline: Option<Duration>,
    (first_pause, max_pause): (Duration, Duration),
    mut write: F,
) -> Result<T, E>
where
    E: std::fmt::Display,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let started = Instant::now();
    let mut pause = first_pause;
    let mut failures = 0u32;
    loop {
        match write().await {
            Ok(done) => {
                if failures > 0 {
                    tracing::info!(
                        write = what,
                        failures,
                        "written after the database came back"
                    );
                }
                return Ok(done);
            }
            Err(err) => {
                failures += 1;
                let expired = deadline.is_some_and(|limit| started.elapsed() + pause > limit);
                if expired {
                    return Err(err);
                }
                // The first failure, then one line in ten.
                if failures % 10 == 1 {
                    tracing::warn!(write = what, failures, error = %err, "write failed; retrying");
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(max_pause);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    const FAST: (Duration, Duration) = (Duration::from_millis(1), Duration::from_millis(4));

    #[tokio::test]
    async fn retries_until_the_write_succeeds() {
        let tries = AtomicU32::new(0);
        let result: Result<u32, String> = retry("test", None, FAST, || {
            let n = tries.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                if n < 25 {
                    Err(format!("down {n}"))
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(result, Ok(25), "no limit: it waits out a long outage");
    }

    #[tokio::test]
    async fn a_deadline_ends_the_retries_with_the_last_error() {
        let tries = AtomicU32::new(0);
        let started = Instant::now();
        let result: Result<(), String> =
            retry("test", Some(Duration::from_millis(200)), FAST, || {
                let n = tries.fetch_add(1, Ordering::SeqCst) + 1;
                async move { Err(format!("down {n}")) }
            })
            .await;
        let tries = tries.load(Ordering::SeqCst);
        assert!(tries > 3, "retried: {tries}");
        assert_eq!(result, Err(format!("down {tries}")));
        assert!(started.elapsed() <= Duration::from_millis(400));
    }
}
