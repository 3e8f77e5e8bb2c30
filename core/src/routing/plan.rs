//! The routing plan: accepted orders grouped per provider into dispatches.

use super::domain::normalize_domain;
use super::route::{ProviderRoute, Target};
use super::split::messages;
use crate::ids::RouteId;
use crate::ports::PanelOrder;
use crate::rules::OrderAction;
use serde::{Deserialize, Serialize};

/// One text to send to a provider's chat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispatch {
    /// The route used.
    pub route_id: RouteId,
    /// The route's name.
    pub route_name: String,
    /// Where to send the text.
    pub target: Target,
    /// The forwarded action.
    pub action: OrderAction,
    /// The text, within the target medium's length limit.
    pub text: String,
    /// The panel order ids the text carries.
    pub order_ids: Vec<u64>,
    /// Their provider-side ids, where known, in the same order.
    pub external_ids: Vec<String>,
}

/// An accepted order and the route that forwards it.
#[derive(Clone, Copy, Debug)]
pub struct RoutedOrder<'a> {
    /// The order.
    pub order: &'a PanelOrder,
    /// Its route.
    pub route: &'a ProviderRoute,
}

/// Groups `orders` by route and provider, and renders each group with its route's template
/// for `action`, split to the target's length limit.
///
/// Two providers never share a text, even when one route serves both (or both reach the
/// fallback). Groups and ids keep the order in which the customer wrote them.
pub fn plan_dispatches(orders: &[RoutedOrder<'_>], action: OrderAction) -> Vec<Dispatch> {
    let mut groups: Vec<(RouteId, String, &ProviderRoute, Vec<&PanelOrder>)> = Vec::new();
    for routed in orders {
        let provider = normalize_domain(routed.order.provider.as_deref().unwrap_or_default());
        let existing = groups
            .iter_mut()
            .find(|(id, key, _, _)| *id == routed.route.id && *key == provider);
        match existing {
            Some((_, _, _, members)) => members.push(routed.order),
            None => groups.push((routed.route.id, provider, routed.route, vec![routed.order])),
        }
    }
    let mut dispatches = Vec::new();
    for (_, _, route, members) in groups {
        let template = route.templates.for_action(action);
        let limit = route.target.medium.max_text_len();
        for message in messages(template, action, &members, limit) {
            dispatches.push(Dispatch {
                route_id: route.id,
                route_name: route.name.clone(),
                target: route.target.clone(),
                action,
                text: message.text,
                order_ids: message.orders.iter().map(|order| order.id).collect(),
                external_ids: message
                    .orders
                    .iter()
                    .filter_map(|order| order.external_id.as_deref())
                    .map(|id| id.trim().to_owned())
                    .filter(|id| !id.is_empty())
                    .collect(),
            });
        }
    }
    dispatches
}
