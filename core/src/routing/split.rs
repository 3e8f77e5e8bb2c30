//! Rendering a provider group's orders into texts that fit the medium, never cutting an id.

use super::template::is_per_order;
use crate::medium::text_len;
use crate::ports::PanelOrder;
use crate::rules::OrderAction;
use crate::template::render;

/// One text and the orders it carries.
pub(crate) struct Message<'a> {
    pub text: String,
    pub orders: Vec<&'a PanelOrder>,
}

/// Renders `template` for `orders` into texts of at most `limit` (UTF-16 units, see
/// [`text_len`]). Per-batch templates take as many ids per text as fit; per-order templates
/// one line per order, as many lines per text as fit. A single order whose text alone is
/// too long still gets its own text (templates are capped at 1000 characters, so only an
/// absurd service name can cause it).
pub(crate) fn messages<'a>(
    template: &str,
    action: OrderAction,
    orders: &[&'a PanelOrder],
    limit: usize,
) -> Vec<Message<'a>> {
    if is_per_order(template) {
        per_order_messages(template, action, orders, limit)
    } else {
        batch_messages(template, action, orders, limit)
    }
}

/// Per-batch texts: greedily adds ids to the current text while it fits.
fn batch_messages<'a>(
    template: &str,
    action: OrderAction,
    orders: &[&'a PanelOrder],
    limit: usize,
) -> Vec<Message<'a>> {
    let mut out = Vec::new();
    let mut current: Vec<&PanelOrder> = Vec::new();
    let mut current_text = String::new();
    for order in orders {
        current.push(order);
        let text = render_batch(template, action, &current);
        if text_len(&text) > limit && current.len() > 1 {
            current.pop();
            out.push(Message {
                text: current_text,
                orders: current,
            });
            current = vec![order];
            current_text = render_batch(template, action, &current);
        } else {
            current_text = text;
        }
    }
    if !current.is_empty() {
        out.push(Message {
            text: current_text,
            orders: current,
        });
    }
    out
}

/// Per-order texts: one line per order, packed while they fit.
fn per_order_messages<'a>(
    template: &str,
    action: OrderAction,
    orders: &[&'a PanelOrder],
    limit: usize,
) -> Vec<Message<'a>> {
    let mut out: Vec<Message> = Vec::new();
    for order in orders {
        let line = render_order(template, action, order);
        match out.last_mut() {
            Some(last) if text_len(&last.text) + 1 + text_len(&line) <= limit => {
                last.text.push('\n');
                last.text.push_str(&line);
                last.orders.push(order);
            }
            _ => out.push(Message {
                text: line,
                orders: vec![order],
            }),
        }
    }
    out
}

/// A per-batch template rendered for `orders`.
fn render_batch(template: &str, action: OrderAction, orders: &[&PanelOrder]) -> String {
    let external_ids: Vec<&str> = orders
        .iter()
        .map(|order| order.external_id.as_deref().unwrap_or_default().trim())
        .collect();
    let order_ids: Vec<String> = orders.iter().map(|order| order.id.to_string()).collect();
    let count = orders.len().to_string();
    render(
        template,
        &[
            ("external_ids", &external_ids.join(",")),
            ("order_ids", &order_ids.join(",")),
            ("count", &count),
            ("action", action.name()),
        ],
    )
}

/// A per-order template rendered for `order`.
fn render_order(template: &str, action: OrderAction, order: &PanelOrder) -> String {
    render(
        template,
        &[
            (
                "external_id",
                order.external_id.as_deref().unwrap_or_default().trim(),
            ),
            ("order_id", &order.id.to_string()),
            ("username", order.user.trim()),
            ("service", order.service_name.as_deref().unwrap_or_default()),
            (
                "service_id",
                order.service_id.as_deref().unwrap_or_default(),
            ),
            ("status", order.status.label()),
            ("action", action.name()),
        ],
    )
}
