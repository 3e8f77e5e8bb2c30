//! Which route serves an order.

use super::domain::normalize_domain;
use super::route::ProviderRoute;
use super::template::needs_external_id;
use crate::ports::PanelOrder;
use crate::rules::{Denial, OrderAction, ReasonCode};

/// The enabled route serving `provider`: the first whose domains contain it (compared by
/// [`normalize_domain`]) or whose alias equals it (trimmed, case-insensitive); else the
/// first enabled fallback route. An order without a provider goes to the fallback.
pub fn find_route<'a>(
    routes: &'a [ProviderRoute],
    provider: Option<&str>,
) -> Option<&'a ProviderRoute> {
    let provider = provider.map(str::trim).filter(|p| !p.is_empty());
    let direct = provider.and_then(|provider| {
        let domain = normalize_domain(provider);
        let lower = provider.to_lowercase();
        routes.iter().filter(|route| route.enabled).find(|route| {
            let by_domain = !domain.is_empty()
                && route
                    .provider_domains
                    .iter()
                    .any(|d| normalize_domain(d) == domain);
            let by_alias = route
                .alias
                .as_deref()
                .is_some_and(|alias| alias.trim().to_lowercase() == lower);
            by_domain || by_alias
        })
    });
    direct.or_else(|| {
        routes
            .iter()
            .find(|route| route.enabled && route.is_fallback)
    })
}

/// The route that forwards `action` for `order`.
///
/// - no route and no fallback: `provider_missing` when the order names no provider, else
///   `route_missing`;
/// - a route whose template forwards provider-side ids, for an order without one:
///   `provider_missing`. (A fallback template written with `{order_id}`/`{order_ids}` can
///   forward such orders to staff.)
pub fn resolve_route<'a>(
    routes: &'a [ProviderRoute],
    order: &PanelOrder,
    action: OrderAction,
) -> Result<&'a ProviderRoute, Denial> {
    let provider = order.provider.as_deref().filter(|p| !p.trim().is_empty());
    let Some(route) = find_route(routes, provider) else {
        return Err(match provider {
            None => Denial::new(ReasonCode::ProviderMissing, "the order names no provider"),
            Some(provider) => Denial::new(
                ReasonCode::RouteMissing,
                format!("no enabled route or fallback serves provider {provider:?}"),
            ),
        });
    };
    let has_external_id = order
        .external_id
        .as_deref()
        .is_some_and(|id| !id.trim().is_empty());
    if !has_external_id && needs_external_id(route.templates.for_action(action)) {
        return Err(Denial::new(
            ReasonCode::ProviderMissing,
            format!(
                "the order has no provider-side id for route {:?}",
                route.name
            ),
        ));
    }
    Ok(route)
}
