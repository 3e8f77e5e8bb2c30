//! What reached the fake messaging APIs, matched back to the commands: each order's
//! dispatch to its provider group (the text names the order's external id), each command's
//! reply to its customer (the text names its orders).

use super::traffic::Command;
use chrono::{DateTime, Utc};
use panelrelay_api::fakes::panel_admin_v2::{SYNTHETIC_ORDER_BASE, synthetic_external_id};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

/// The end-to-end result of a pass.
#[derive(Debug, Default)]
pub struct Matched {
    /// Commands whose orders were all dispatched and whose reply arrived.
    pub completed: usize,
    /// For completed commands: first send → last of its messages received.
    pub latencies: Vec<Duration>,
    /// When the last completed command completed.
    pub last_completion: Option<DateTime<Utc>>,
    /// Dispatches beyond the first for an order (must be 0).
    pub duplicate_dispatches: usize,
    /// Customers with at least one command left without a reply.
    pub customers_without_reply: usize,
}

fn numbers(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|digits| digits.parse::<u64>().ok())
}

/// Matches `messages` (the fakes' records) to `commands`, first sent at `sent_at`.
pub fn match_messages(
    commands: &[Command],
    sent_at: &[Option<DateTime<Utc>>],
    messages: &[Value],
) -> Matched {
    let external_base = synthetic_external_id(0);
    let mut by_order: HashMap<u64, usize> = HashMap::new();
    for (index, command) in commands.iter().enumerate() {
        for order in &command.orders {
            by_order.insert(*order, index);
        }
    }
    let mut dispatched: HashMap<u64, (usize, DateTime<Utc>)> = HashMap::new();
    let mut replied: HashMap<usize, DateTime<Utc>> = HashMap::new();
    for message in messages {
        let (Some(chat), Some(text)) = (message["chat_id"].as_str(), message["text"].as_str())
        else {
            continue;
        };
        let Some(at) = message["at"]
            .as_str()
            .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
            .map(|at| at.with_timezone(&Utc))
        else {
            continue;
        };
        if chat.starts_with('-') {
            for external in numbers(text).filter(|n| *n >= external_base) {
                let order = external - external_base;
                if by_order.contains_key(&order) {
                    let entry = dispatched.entry(order).or_insert((0, at));
                    entry.0 += 1;
                    entry.1 = entry.1.min(at);
                }
            }
        } else {
            for order in numbers(text).filter(|n| (SYNTHETIC_ORDER_BASE..external_base).contains(n))
            {
                if let Some(command) = by_order.get(&order) {
                    let entry = replied.entry(*command).or_insert(at);
                    *entry = (*entry).min(at);
                }
            }
        }
    }
    let mut matched = Matched {
        duplicate_dispatches: dispatched.values().map(|(count, _)| count - 1).sum(),
        ..Matched::default()
    };
    let mut unanswered: std::collections::HashSet<usize> = Default::default();
    for (index, command) in commands.iter().enumerate() {
        let Some(reply_at) = replied.get(&index) else {
            unanswered.insert(command.customer);
            continue;
        };
        let last_dispatch = command
            .orders
            .iter()
            .map(|order| dispatched.get(order).map(|(_, at)| *at))
            .collect::<Option<Vec<_>>>()
            .and_then(|times| times.into_iter().max());
        let (Some(last_dispatch), Some(Some(sent))) = (last_dispatch, sent_at.get(index)) else {
            continue;
        };
        let done = last_dispatch.max(*reply_at);
        matched.completed += 1;
        matched
            .latencies
            .push((done - *sent).to_std().unwrap_or_default());
        matched.last_completion = Some(matched.last_completion.map_or(done, |l| l.max(done)));
    }
    matched.customers_without_reply = unanswered.len();
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dispatches_and_replies_complete_commands_and_repeats_are_counted() {
        let order = SYNTHETIC_ORDER_BASE + 5;
        let commands = vec![
            Command {
                customer: 0,
                orders: vec![order],
            },
            Command {
                customer: 1,
                orders: vec![order + 1],
            },
        ];
        let sent = Utc::now();
        let at = (sent + chrono::Duration::milliseconds(30)).to_rfc3339();
        let external = synthetic_external_id(order);
        let messages = vec![
            json!({"chat_id": "-1001", "text": format!("{external} refill"), "at": at}),
            json!({"chat_id": "-1001", "text": format!("{external} refill"), "at": at}),
            json!({"chat_id": "700", "text": format!("Order {order}: refill requested."), "at": at}),
        ];
        let matched = match_messages(&commands, &[Some(sent), Some(sent)], &messages);
        assert_eq!(matched.completed, 1);
        assert_eq!(matched.duplicate_dispatches, 1);
        assert_eq!(matched.customers_without_reply, 1);
        assert_eq!(matched.latencies, vec![Duration::from_millis(30)]);
    }
}
