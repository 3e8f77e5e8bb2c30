//! Routing: grouping per provider, templates, splitting, alias and fallback routes.

#![allow(clippy::unwrap_used)]

mod support;

use panelrelay_core::medium::{Medium, text_len};
use panelrelay_core::ports::PanelOrder;
use panelrelay_core::routing::{
    Dispatch, DispatchTemplates, ProviderRoute, RoutedOrder, find_route, plan_dispatches,
    resolve_route,
};
use panelrelay_core::rules::{OrderAction, ReasonCode};
use support::{order, route};

fn plan(orders: &[PanelOrder], routes: &[ProviderRoute], action: OrderAction) -> Vec<Dispatch> {
    let routed: Vec<RoutedOrder> = orders
        .iter()
        .map(|order| RoutedOrder {
            order,
            route: resolve_route(routes, order, action).unwrap(),
        })
        .collect();
    plan_dispatches(&routed, action)
}

#[test]
fn two_providers_in_one_bulk_make_two_messages() {
    let routes = vec![
        route("A", &["providera.com"], "-100111"),
        route("B", &["https://www.ProviderB.net/"], "-100222"),
    ];
    let orders = vec![
        order(11, "alice", "providera.com", "3155"),
        order(12, "alice", "providerb.net", "7450284"),
        order(13, "alice", "www.providera.com", "3154"),
        order(14, "alice", "PROVIDERB.NET", "7450283"),
        order(15, "alice", "providerb.net", "7450282"),
    ];
    let dispatches = plan(&orders, &routes, OrderAction::Cancel);
    let sent: Vec<(&str, &str, Vec<u64>)> = dispatches
        .iter()
        .map(|d| {
            (
                d.target.chat_id.as_str(),
                d.text.as_str(),
                d.order_ids.clone(),
            )
        })
        .collect();
    assert_eq!(
        sent,
        vec![
            ("-100111", "3155,3154 cancel", vec![11, 13]),
            (
                "-100222",
                "7450284,7450283,7450282 cancel",
                vec![12, 14, 15]
            ),
        ]
    );
    assert_eq!(dispatches[0].external_ids, vec!["3155", "3154"]);
    assert_eq!(dispatches[1].route_name, "B");
    assert!(dispatches.iter().all(|d| d.action == OrderAction::Cancel));
}

#[test]
fn one_route_for_two_providers_still_sends_two_messages() {
    let routes = vec![route("Shared", &["a.com", "b.com"], "-100111")];
    let orders = vec![
        order(1, "alice", "a.com", "10"),
        order(2, "alice", "b.com", "20"),
        order(3, "alice", "a.com", "30"),
    ];
    let texts: Vec<String> = plan(&orders, &routes, OrderAction::Refill)
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert_eq!(texts, vec!["10,30 refill", "20 refill"]);
}

#[test]
fn long_batches_split_at_the_medium_limit_without_cutting_ids() {
    for (medium, limit) in [
        (Medium::Telegram, 4096),
        (Medium::WhatsappMeta, 4096),
        (Medium::WhatsappGreenapi, 20_000),
    ] {
        let mut provider = route("A", &["a.com"], "-100111");
        provider.target.medium = medium;
        // 100 orders with 250-digit provider ids: 25 000+ characters in all.
        let orders: Vec<PanelOrder> = (0..100u64)
            .map(|i| order(1000 + i, "alice", "a.com", &format!("{i:0>250}")))
            .collect();
        let dispatches = plan(&orders, &[provider], OrderAction::Refill);
        assert!(dispatches.len() > 1, "{medium:?}");
        let mut forwarded = Vec::new();
        for dispatch in &dispatches {
            assert!(text_len(&dispatch.text) <= limit, "{medium:?}");
            let ids = dispatch.text.strip_suffix(" refill").unwrap();
            let ids: Vec<&str> = ids.split(',').collect();
            assert_eq!(ids, dispatch.external_ids, "{medium:?}");
            forwarded.extend(dispatch.order_ids.iter().copied());
        }
        let all: Vec<u64> = orders.iter().map(|o| o.id).collect();
        assert_eq!(forwarded, all, "{medium:?}: every id once, in order");
        // Every text but the last is as full as it can be: one more id would not fit.
        let first = &dispatches[0];
        assert!(text_len(&first.text) + 251 > limit, "{medium:?}");
    }
}

#[test]
fn per_order_templates_pack_lines() {
    let mut provider = route("A", &["a.com"], "-100111");
    provider.templates = DispatchTemplates {
        speed: Some("{external_id} {action} (panel order {order_id}, {username})".into()),
        ..DispatchTemplates::default()
    };
    let orders: Vec<PanelOrder> = (0..3u64)
        .map(|i| order(500 + i, "alice", "a.com", &format!("90{i}")))
        .collect();
    let dispatches = plan(&orders, &[provider.clone()], OrderAction::Speed);
    assert_eq!(dispatches.len(), 1);
    assert_eq!(
        dispatches[0].text,
        "900 speed (panel order 500, alice)\n901 speed (panel order 501, alice)\n902 speed (panel order 502, alice)"
    );

    // Lines never straddle two texts.
    let long: Vec<PanelOrder> = (0..200u64)
        .map(|i| order(10_000 + i, "alice", "a.com", &format!("{i:0>40}")))
        .collect();
    let dispatches = plan(&long, &[provider], OrderAction::Speed);
    assert!(dispatches.len() > 1);
    for dispatch in &dispatches {
        assert!(text_len(&dispatch.text) <= 4096);
        assert_eq!(dispatch.text.lines().count(), dispatch.order_ids.len());
    }
}

#[test]
fn aliases_match_provider_names() {
    let mut named = route("Named", &[], "-100333");
    named.alias = Some("  Super Provider ".into());
    let routes = vec![route("A", &["a.com"], "-100111"), named];
    assert_eq!(
        find_route(&routes, Some("super provider")).unwrap().name,
        "Named"
    );
    assert_eq!(
        find_route(&routes, Some("SUPER PROVIDER")).unwrap().name,
        "Named"
    );
    assert_eq!(
        find_route(&routes, Some("https://a.com/")).unwrap().name,
        "A"
    );
    assert!(find_route(&routes, Some("other.com")).is_none());

    let dispatches = plan(
        &[order(1, "alice", "Super Provider", "77")],
        &routes,
        OrderAction::Refill,
    );
    assert_eq!(dispatches[0].target.chat_id, "-100333");
    assert_eq!(dispatches[0].text, "77 refill");
}

#[test]
fn fallback_routes_take_unknown_providers_and_disabled_routes_are_skipped() {
    let mut disabled = route("A", &["a.com"], "-100111");
    disabled.enabled = false;
    let mut fallback = route("Support", &[], "-100999");
    fallback.is_fallback = true;
    let routes = vec![disabled, fallback.clone()];

    let unknown = order(1, "alice", "unknown.com", "55");
    assert_eq!(
        resolve_route(&routes, &unknown, OrderAction::Refill)
            .unwrap()
            .name,
        "Support"
    );
    let a = order(2, "alice", "a.com", "66");
    assert_eq!(
        resolve_route(&routes, &a, OrderAction::Refill)
            .unwrap()
            .name,
        "Support"
    );

    // Without a fallback: route_missing.
    let only_disabled = &routes[..1];
    assert_eq!(
        resolve_route(only_disabled, &a, OrderAction::Refill)
            .unwrap_err()
            .reason,
        ReasonCode::RouteMissing
    );

    // Two unknown providers through the fallback: still two messages.
    let dispatches = plan(
        &[unknown, order(3, "alice", "else.com", "56")],
        &routes,
        OrderAction::Refill,
    );
    assert_eq!(dispatches.len(), 2);
}

#[test]
fn provider_missing_without_provider_or_external_id() {
    let routes = vec![route("A", &["a.com"], "-100111")];
    let mut no_external = order(1, "alice", "a.com", "");
    no_external.external_id = None;
    assert_eq!(
        resolve_route(&routes, &no_external, OrderAction::Refill)
            .unwrap_err()
            .reason,
        ReasonCode::ProviderMissing
    );
    let mut blank_external = order(1, "alice", "a.com", "  ");
    assert_eq!(
        resolve_route(&routes, &blank_external, OrderAction::Refill)
            .unwrap_err()
            .reason,
        ReasonCode::ProviderMissing
    );
    blank_external.provider = None;
    assert_eq!(
        resolve_route(&routes, &blank_external, OrderAction::Refill)
            .unwrap_err()
            .reason,
        ReasonCode::ProviderMissing
    );

    // A fallback whose template forwards panel ids serves manual orders.
    let mut staff = route("Staff", &[], "-100999");
    staff.is_fallback = true;
    staff.templates.refill = Some("Manual refill: {order_ids}".into());
    let mut manual = order(42, "alice", "", "");
    manual.provider = None;
    manual.external_id = None;
    let routes = vec![routes[0].clone(), staff];
    let dispatches = plan(&[manual], &routes, OrderAction::Refill);
    assert_eq!(dispatches[0].text, "Manual refill: 42");
    assert_eq!(dispatches[0].target.chat_id, "-100999");
    assert!(dispatches[0].external_ids.is_empty());
}
