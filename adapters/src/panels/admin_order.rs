//! What the two admin APIs share: the order object (read leniently under either API's key
//! names) and the service list derived from recent orders.

use super::lenient::{decimal, field, first, id, int, text};
use chrono::{DateTime, Utc};
use panelrelay_core::ports::panel::{PanelOrder, PanelService};
use panelrelay_core::rules::OrderStatus;
use serde_json::{Map, Value};

/// Reads an admin order object; the caller supplies the times, which the APIs express
/// differently.
pub fn read_order(
    order: &Map<String, Value>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
) -> Option<PanelOrder> {
    let raw_status = first(order, &["status", "order_status"])
        .and_then(text)
        .unwrap_or_default();
    Some(PanelOrder {
        id: field(order, "id").and_then(id)?,
        user: first(order, &["user", "username"])
            .and_then(text)
            .unwrap_or_default(),
        service_id: field(order, "service_id").and_then(text),
        service_name: first(order, &["service_name", "service"]).and_then(text),
        status: OrderStatus::parse(&raw_status),
        raw_status,
        remains: field(order, "remains").and_then(int),
        start_count: field(order, "start_count").and_then(int),
        charge: field(order, "charge").and_then(decimal),
        provider: field(order, "provider").and_then(text),
        external_id: field(order, "external_id").and_then(text),
        created_at,
        updated_at,
    })
}

/// The distinct services of a list of orders, first seen first. Orders without a service
/// id are keyed by their service name.
pub fn services_from_orders<'a>(
    orders: impl Iterator<Item = &'a Map<String, Value>>,
) -> Vec<PanelService> {
    let mut services: Vec<PanelService> = Vec::new();
    for order in orders {
        let Some(name) = first(order, &["service_name", "service"]).and_then(text) else {
            continue;
        };
        let id = field(order, "service_id")
            .and_then(text)
            .unwrap_or_else(|| name.clone());
        if !services.iter().any(|service| service.id == id) {
            services.push(PanelService {
                id,
                name,
                category: None,
                rate: None,
                refill: None,
                cancel: None,
            });
        }
    }
    services
}
