//! Per-destination send rates, counted in fixed windows in the key-value store so every
//! replica shares them: Telegram ~1 msg/s per chat, 20/min per group, ~30/s per bot; Meta
//! 80/s per number; Green API 50/s per instance.

use panelrelay_core::medium::Medium;
use panelrelay_core::ports::{KeyValue, KeyValueError};
use std::time::Duration;

/// One limit: at most `max` messages per `window` under `key`.
struct Limit {
    key: String,
    max: i64,
    window: Duration,
}

fn limits(medium: Medium, channel: &str, chat: &str) -> Vec<Limit> {
    let second = Duration::from_secs(1);
    match medium {
        Medium::Telegram => {
            let mut limits = vec![
                Limit {
                    key: format!("rate:{channel}:bot"),
                    max: 30,
                    window: second,
                },
                Limit {
                    key: format!("rate:{channel}:chat:{chat}"),
                    max: 1,
                    window: second,
                },
            ];
            // Group and supergroup ids are negative.
            if chat.starts_with('-') {
                limits.push(Limit {
                    key: format!("rate:{channel}:group:{chat}"),
                    max: 20,
                    window: Duration::from_secs(60),
                });
            }
            limits
        }
        Medium::WhatsappMeta => vec![Limit {
            key: format!("rate:{channel}:number"),
            max: 80,
            window: second,
        }],
        Medium::WhatsappGreenapi => vec![Limit {
            key: format!("rate:{channel}:instance"),
            max: 50,
            window: second,
        }],
    }
}

/// Takes a slot to send to `chat` through `channel`, or says how long to wait.
pub async fn take_slot(
    kv: &dyn KeyValue,
    medium: Medium,
    channel: &str,
    chat: &str,
) -> Result<Option<Duration>, KeyValueError> {
    for limit in limits(medium, channel, chat) {
        let count = kv.increment(&limit.key, 1, limit.window).await?;
        if count > limit.max {
            let wait = kv.ttl(&limit.key).await?.unwrap_or(limit.window);
            return Ok(Some(wait.max(Duration::from_millis(50))));
        }
    }
    Ok(None)
}
