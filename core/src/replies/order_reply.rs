//! The one customer reply of an order command, aggregated from per-order outcomes.

use super::key::TemplateKey;
use super::templates::ReplyTemplates;
use crate::command::Action;
use crate::medium::text_len;
use crate::outcome::OrderOutcome;
use crate::ports::PanelOrder;
use crate::rules::ReasonCode;
use chrono::{DateTime, TimeDelta, Timelike, Utc};

/// Shown for a value the panel did not report.
const MISSING: &str = "n/a";

/// Between compact items.
const ITEM_SEPARATOR: &str = " · ";

/// Compact items, in the order they are listed.
const SUMMARY_ORDER: [TemplateKey; 11] = [
    TemplateKey::SummaryRefillRequested,
    TemplateKey::SummarySpeedRequested,
    TemplateKey::SummaryCancelRequested,
    TemplateKey::SummaryDetails,
    TemplateKey::SummaryCooldown,
    TemplateKey::SummaryNotEligible,
    TemplateKey::SummaryNeedsAdmin,
    TemplateKey::SummaryNotYours,
    TemplateKey::SummaryNotPermitted,
    TemplateKey::SummaryNotFound,
    TemplateKey::SummaryFailed,
];

/// One order's outcome and, when the panel returned it, the order.
#[derive(Clone, Copy, Debug)]
pub struct ReplyLine<'a> {
    /// The outcome.
    pub outcome: &'a OrderOutcome,
    /// The order, for its status, service and figures.
    pub order: Option<&'a PanelOrder>,
}

/// The reply to an order command for `action`.
///
/// Up to `compact_threshold` orders, one line per order, in the order written, from the
/// template of its outcome. Above it, or when the lines would not fit in `max_len` (UTF-16
/// units), a compact summary: one item per kind of outcome with its count, joined by ` · `,
/// e.g. `Refill requested: 23 · In cooldown: 4 · Not yours: 3`.
pub fn order_reply(
    templates: &ReplyTemplates,
    action: &Action,
    lines: &[ReplyLine<'_>],
    compact_threshold: usize,
    max_len: usize,
) -> String {
    if lines.len() <= compact_threshold {
        let detailed = lines
            .iter()
            .map(|line| order_line(templates, line))
            .collect::<Vec<_>>()
            .join("\n");
        if text_len(&detailed) <= max_len {
            return detailed;
        }
    }
    compact_reply(templates, action, lines)
}

/// The line of one order.
fn order_line(templates: &ReplyTemplates, line: &ReplyLine<'_>) -> String {
    let outcome = line.outcome;
    let key = match outcome.reason {
        ReasonCode::Accepted => accepted_key(&outcome.action),
        reason => TemplateKey::for_denial(reason),
    };
    let order = line.order;
    let order_id = outcome.order_id.to_string();
    let time = outcome.at.map(format_time).unwrap_or_default();
    let status = order.map_or("", |order| order.status.label());
    let service = order
        .and_then(|order| order.service_name.as_deref())
        .unwrap_or_default();
    let start_count = figure(order.and_then(|order| order.start_count));
    let remains = figure(order.and_then(|order| order.remains));
    let charge = order
        .and_then(|order| order.charge.as_deref())
        .unwrap_or(MISSING);
    templates.render(
        key,
        &[
            ("order_id", &order_id),
            ("action", outcome.action.name()),
            ("status", status),
            ("service", service),
            ("start_count", &start_count),
            ("remains", &remains),
            ("charge", charge),
            ("available_at", &time),
            ("expired_at", &time),
        ],
    )
}

/// The compact reply: counts per kind of outcome.
fn compact_reply(templates: &ReplyTemplates, action: &Action, lines: &[ReplyLine<'_>]) -> String {
    let mut counts = [0usize; SUMMARY_ORDER.len()];
    for line in lines {
        let key = summary_key(line.outcome);
        if let Some(index) = SUMMARY_ORDER.iter().position(|k| *k == key) {
            counts[index] += 1;
        }
    }
    let items = SUMMARY_ORDER
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(key, count)| templates.render(*key, &[("count", &count.to_string())]))
        .collect::<Vec<_>>()
        .join(ITEM_SEPARATOR);
    templates.render(
        TemplateKey::CompactSummary,
        &[
            ("items", &items),
            ("total", &lines.len().to_string()),
            ("action", action.name()),
        ],
    )
}

/// The compact item an outcome counts towards.
fn summary_key(outcome: &OrderOutcome) -> TemplateKey {
    match (outcome.reason, &outcome.action) {
        (ReasonCode::Accepted, Action::Refill) => TemplateKey::SummaryRefillRequested,
        (ReasonCode::Accepted, Action::Speed) => TemplateKey::SummarySpeedRequested,
        (ReasonCode::Accepted, Action::Cancel) => TemplateKey::SummaryCancelRequested,
        (ReasonCode::Accepted, _) => TemplateKey::SummaryDetails,
        (reason, _) => TemplateKey::summary_for_denial(reason),
    }
}

/// The line template of an accepted order.
fn accepted_key(action: &Action) -> TemplateKey {
    match action {
        Action::Refill => TemplateKey::RefillRequested,
        Action::Speed => TemplateKey::SpeedRequested,
        Action::Cancel => TemplateKey::CancelRequested,
        Action::Details | Action::Balance | Action::Help | Action::Custom(_) => {
            TemplateKey::Details
        }
    }
}

/// A number the panel may not have reported.
fn figure(value: Option<i64>) -> String {
    value.map_or_else(|| MISSING.to_owned(), |value| value.to_string())
}

/// A time as customers read it, rounded up to the minute so that "after 07:31" is never
/// too early: `2026-11-24 07:31 UTC`.
fn format_time(time: DateTime<Utc>) -> String {
    let minute = time
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(time);
    let shown = if minute < time {
        minute
            .checked_add_signed(TimeDelta::minutes(1))
            .unwrap_or(minute)
    } else {
        minute
    };
    shown.format("%Y-%m-%d %H:%M UTC").to_string()
}
