//! Throughput of the hot path: parsing, service-name rules, both together, and the engine's
//! `handle` over in-memory ports. Criterion's `thrpt` lines read as messages per second
//! (one element = one customer message; for service-name rules, one service name).
//!
//! `cargo bench -p panelrelay-core --bench engine` (add `-- --quick` for a fast pass).

#![allow(clippy::unwrap_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use panelrelay_core::command::{CommandParser, ParseOutcome};
use panelrelay_core::engine::Engine;
use panelrelay_core::ports::PanelOrder;
use panelrelay_core::rules::{OrderAction, RuleSettings, evaluate};
use panelrelay_core::service_rules::ServiceRule;
use std::hint::black_box;
use std::time::Duration;
use support::{FakePanel, World, context, linked, now, order, private_text, route};

/// Customer texts: commands in several languages and shapes, and chatter.
const MESSAGES: &[&str] = &[
    "2274209 refill",
    "123456, 123457 speed",
    "balance",
    "/help",
    "Refill Order #2274209 please",
    "I paid 500 rs yesterday",
    "2274209 рефилл пожалуйста",
    "tolong cek pesanan 2274209",
    "cancel 1234 5678 9012",
    "thanks bro",
    "order 5k followers",
    "１２３４５ refill",
    "bhai 2274209 jaldi karo",
    "2274209 reposição",
    "status 2274209",
    "hello, is anyone there? my order is slow",
    "hi admin, 4417702 speed up plz",
    "reposição do pedido 4417702 por favor, caiu tudo",
    "ID: 4417702 | Instagram Followers | 1000 | Completed\nrefill please",
    "/status@my_shop_bot 4417702",
    "bhai 8812034 abhi tak start nahi hua, call me +91 98765 43210",
];

/// The labelled service-name corpus of the reference.
fn service_names() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/service_names.json"
    );
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    entries
        .iter()
        .map(|entry| entry["name"].as_str().unwrap().to_owned())
        .collect()
}

fn rules(c: &mut Criterion) {
    let parser = CommandParser::default();
    let names = service_names();
    let mut group = c.benchmark_group("messages");

    group.throughput(Throughput::Elements(MESSAGES.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in MESSAGES {
                black_box(parser.parse(black_box(text)));
            }
        })
    });

    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("service_name_rules", |b| {
        b.iter(|| {
            for name in &names {
                black_box(ServiceRule::from_service_name(black_box(name)));
            }
        })
    });

    // Each message's orders get the rule of one corpus service and the eligibility check.
    let orders: Vec<PanelOrder> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut order = order(i as u64 + 1, "alice", "a.com", "1");
            order.service_name = Some(name.clone());
            order
        })
        .collect();
    let settings = RuleSettings::default();
    group.throughput(Throughput::Elements(MESSAGES.len() as u64));
    group.bench_function("parse_and_rules", |b| {
        b.iter(|| {
            for (index, text) in MESSAGES.iter().enumerate() {
                if let ParseOutcome::Command(command) = parser.parse(black_box(text)) {
                    for _ in &command.order_ids {
                        let order = &orders[index % orders.len()];
                        let name = order.service_name.as_deref().unwrap_or_default();
                        let rule = ServiceRule::from_service_name(name);
                        let verdict = evaluate(
                            order,
                            OrderAction::Refill,
                            &rule,
                            order.created_at,
                            now(),
                            &settings,
                        );
                        black_box(verdict.is_ok());
                    }
                }
            }
        })
    });
    group.finish();
}

/// 20 completed orders of alice at two providers.
fn panel() -> FakePanel {
    let orders = (0..20u64)
        .map(|i| {
            let provider = if i % 2 == 0 { "a.com" } else { "b.com" };
            order(5000 + i, "alice", provider, &(70_000 + i).to_string())
        })
        .collect();
    FakePanel {
        orders,
        ..FakePanel::default()
    }
}

fn engine(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let routes = vec![
        route("A", &["a.com"], "-100111"),
        route("B", &["b.com"], "-100222"),
    ];
    let ctx = context(routes, linked("alice"));
    let single = private_text("5000 refill");
    let ids: Vec<String> = (5000..5020u64).map(|i| i.to_string()).collect();
    let bulk = private_text(&format!("{} refill", ids.join(", ")));
    let mut group = c.benchmark_group("engine_handle");
    group.throughput(Throughput::Elements(1));

    // Live: a fresh store per message, so every cooldown claim succeeds.
    group.bench_function("live_refill_1_order", |b| {
        b.to_async(&runtime).iter_batched(
            || World::new(panel()),
            |world| {
                let (ctx, event) = (ctx.clone(), single.clone());
                async move { black_box(world.run(&event, &ctx).await) }
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("live_refill_20_orders_2_providers", |b| {
        b.to_async(&runtime).iter_batched(
            || World::new(panel()),
            |world| {
                let (ctx, event) = (ctx.clone(), bulk.clone());
                async move { black_box(world.run(&event, &ctx).await) }
            },
            BatchSize::SmallInput,
        )
    });

    // Simulations only look at cooldowns, so one world serves every iteration.
    let world = World::new(panel());
    let engine = Engine::dry_run();
    group.bench_function("dry_run_refill_20_orders_2_providers", |b| {
        b.to_async(&runtime)
            .iter(|| async { black_box(engine.handle(&bulk, &ctx, &world.ports()).await) })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = rules, engine
}
criterion_main!(benches);
