//! The engine's behaviour over in-memory ports.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::TimeDelta;
use panelrelay_core::command::{Action, CommandParser, ParserConfig};
use panelrelay_core::engine::{Engine, Settings, WorkspaceConfig, WorkspaceContext};
use panelrelay_core::ports::{PanelError, PanelUser};
use panelrelay_core::replies::{ReplyTemplates, TemplateKey, default_text};
use panelrelay_core::rules::{ReasonCode, RefillAnchor};
use panelrelay_core::sender::{AdminPermissions, SenderRole};
use panelrelay_core::service_rules::{RefillPolicy, ServiceRule, StartWindow};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use support::{
    FakePanel, World, context, context_with, group_text, linked, now, order, private_text, route,
    with_status,
};

fn panel() -> FakePanel {
    FakePanel {
        orders: vec![
            order(101, "alice", "a.com", "9101"),
            order(102, "bob", "a.com", "9102"),
            order(103, "alice", "b.com", "9103"),
            order(104, "alice", "nowhere.com", "9104"),
        ],
        users: vec![PanelUser {
            username: "alice".into(),
            balance: Some("12.50".into()),
            currency: Some("USD".into()),
        }],
        ..FakePanel::default()
    }
}

fn routes() -> Vec<panelrelay_core::routing::ProviderRoute> {
    vec![
        route("A", &["a.com"], "-100111"),
        route("B", &["b.com"], "-100222"),
    ]
}

fn reasons(result: &panelrelay_core::engine::EngineResult) -> Vec<(u64, ReasonCode)> {
    result
        .outcomes
        .iter()
        .map(|o| (o.order_id, o.reason))
        .collect()
}

#[tokio::test]
async fn order_ids_are_fetched_in_one_batch_and_checked_in_order() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("Alice "));
    let result = world
        .run(&private_text("101 102 103 104 105 refill"), &ctx)
        .await;
    assert_eq!(world.panel.fetch_calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        reasons(&result),
        vec![
            (101, ReasonCode::Accepted),
            (102, ReasonCode::NotYours),
            (103, ReasonCode::Accepted),
            (104, ReasonCode::RouteMissing),
            (105, ReasonCode::NotFound),
        ]
    );
    assert_eq!(
        result.reply.as_deref(),
        Some(
            "Order 101: refill requested.\n\
             Order 102: not found on your account.\n\
             Order 103: refill requested.\n\
             Order 104: we could not send this request automatically. Please contact support.\n\
             Order 105: not found."
        )
    );
    let sent: Vec<(&str, &str)> = result
        .dispatches
        .iter()
        .map(|d| (d.target.chat_id.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(
        sent,
        vec![("-100111", "9101 refill"), ("-100222", "9103 refill")]
    );
    assert_eq!(
        result.command.unwrap().order_ids,
        vec![101, 102, 103, 104, 105]
    );
    // Only the two accepted orders used up their cooldown.
    assert_eq!(world.store.len(), 2);
}

#[tokio::test]
async fn panel_failures_give_a_safe_reply_and_change_nothing() {
    let errors = [
        PanelError::Timeout,
        PanelError::Unreachable,
        PanelError::Tls,
        PanelError::Http(502),
        PanelError::ChallengePage,
        PanelError::BadKey,
        PanelError::Api {
            code: 7,
            message: "SQLSTATE[HY000] secret".into(),
        },
        PanelError::Decode("expected value at line 1".into()),
        PanelError::RateLimited,
        PanelError::Unsupported,
    ];
    for error in errors {
        let world = World::new(FakePanel {
            error: Some(error.clone()),
            ..panel()
        });
        for text in ["101, 103 refill", "101 details", "balance"] {
            let ctx = context(routes(), linked("alice"));
            let result = world.run(&private_text(text), &ctx).await;
            assert_eq!(
                result.reply.as_deref(),
                Some(default_text(TemplateKey::PanelUnavailable)),
                "{error:?} {text}"
            );
            assert!(result.dispatches.is_empty());
            assert!(
                result
                    .outcomes
                    .iter()
                    .all(|o| o.reason == ReasonCode::PanelUnavailable
                        && o.detail.as_deref() == Some(error.to_string().as_str()))
            );
        }
        assert_eq!(world.store.len(), 0, "{error:?}: no cooldown consumed");
    }
}

#[tokio::test]
async fn unknown_senders_get_the_link_prompt_without_a_panel_call() {
    let world = World::new(panel());
    let ctx = context(routes(), SenderRole::Unknown);
    let not_linked = default_text(TemplateKey::NotLinked);
    for text in [
        "101 refill",
        "101, 103 speed",
        "101 details",
        "balance",
        "hello there",
    ] {
        let result = world.run(&private_text(text), &ctx).await;
        assert_eq!(result.reply.as_deref(), Some(not_linked), "{text}");
        assert!(result.dispatches.is_empty());
    }
    assert_eq!(world.panel.fetch_calls.load(Ordering::SeqCst), 0);
    assert_eq!(world.panel.user_calls.load(Ordering::SeqCst), 0);
    // Help is for everyone.
    let help = world.run(&private_text("help"), &ctx).await;
    assert_eq!(help.reply.as_deref(), Some(default_text(TemplateKey::Help)));
}

#[tokio::test]
async fn admins_bypass_ownership() {
    let world = World::new(panel());
    let ctx = context(routes(), SenderRole::admin());
    let result = world.run(&private_text("102 cancel"), &ctx).await;
    // Completed orders cannot be cancelled by default, even by an admin.
    assert_eq!(reasons(&result), vec![(102, ReasonCode::StatusNotAllowed)]);

    let world = World::new(FakePanel {
        orders: vec![with_status(
            order(102, "bob", "a.com", "9102"),
            "In progress",
        )],
        ..panel()
    });
    let result = world.run(&private_text("102 cancel"), &ctx).await;
    assert_eq!(reasons(&result), vec![(102, ReasonCode::Accepted)]);
    assert_eq!(result.dispatches[0].text, "9102 cancel");
}

fn admin_with(permissions: AdminPermissions) -> panelrelay_core::engine::WorkspaceContext {
    context(routes(), SenderRole::Admin(permissions))
}

#[tokio::test]
async fn admin_view_any_order_decides_details_of_others_orders() {
    let world = World::new(panel());
    let viewer = admin_with(AdminPermissions::default());
    let result = world.run(&private_text("102 status"), &viewer).await;
    assert_eq!(reasons(&result), vec![(102, ReasonCode::Accepted)]);
    assert!(result.reply.unwrap().contains("Start count: 850"));

    let blind = admin_with(AdminPermissions {
        view_any_order: false,
        ..AdminPermissions::default()
    });
    let result = world.run(&private_text("102 status"), &blind).await;
    assert_eq!(reasons(&result), vec![(102, ReasonCode::NotPermitted)]);
    assert_eq!(
        result.reply.as_deref(),
        Some("Order 102: this chat is not allowed to do that.")
    );
    // Viewing is separate from dispatching: the same admin still forwards a refill.
    let refill = world.run(&private_text("101 refill"), &blind).await;
    assert_eq!(reasons(&refill), vec![(101, ReasonCode::Accepted)]);
    assert_eq!(refill.dispatches[0].text, "9101 refill");
}

#[tokio::test]
async fn admin_dispatch_any_order_decides_forwarding_without_ownership() {
    let world = World::new(panel());
    let no_dispatch = admin_with(AdminPermissions {
        dispatch_any_order: false,
        ..AdminPermissions::default()
    });
    for text in ["101 refill", "102 speed", "103 cancel"] {
        let result = world.run(&private_text(text), &no_dispatch).await;
        assert!(result.dispatches.is_empty(), "{text}");
        assert_eq!(
            result.outcomes[0].reason,
            ReasonCode::NotPermitted,
            "{text}"
        );
        let order_id = &text[..3];
        assert_eq!(
            result.reply.unwrap(),
            format!("Order {order_id}: this chat is not allowed to do that."),
            "told it lacks the permission, not that the order is not its own"
        );
    }
    // Many orders at once: the compact reply counts them apart from other customers' orders.
    let ctx = context_with(
        routes(),
        SenderRole::Admin(AdminPermissions {
            dispatch_any_order: false,
            ..AdminPermissions::default()
        }),
        Settings {
            compact_threshold: 1,
            ..Settings::default()
        },
        ReplyTemplates::default(),
    );
    let bulk = world.run(&private_text("101 102 refill"), &ctx).await;
    assert_eq!(bulk.reply.as_deref(), Some("Not allowed in this chat: 2"));
    // Details are still allowed.
    let details = world.run(&private_text("101 status"), &no_dispatch).await;
    assert_eq!(reasons(&details), vec![(101, ReasonCode::Accepted)]);
    assert_eq!(
        world.store.len(),
        0,
        "no cooldown claimed by refused requests"
    );

    let dispatcher = admin_with(AdminPermissions::default());
    let result = world.run(&private_text("101 refill"), &dispatcher).await;
    assert_eq!(result.dispatches.len(), 1);
}

#[tokio::test]
async fn admin_reply_in_groups_lifts_group_silence_for_that_admin_only() {
    let world = World::new(panel());
    let quiet = admin_with(AdminPermissions::default());
    assert_eq!(
        world.run(&group_text("what's up"), &quiet).await.reply,
        None
    );
    assert_eq!(world.run(&group_text("refill"), &quiet).await.reply, None);
    let talkative = admin_with(AdminPermissions {
        reply_in_groups: true,
        ..AdminPermissions::default()
    });
    assert_eq!(
        world
            .run(&group_text("what's up"), &talkative)
            .await
            .reply
            .as_deref(),
        Some(default_text(TemplateKey::Help))
    );
    assert_eq!(
        world
            .run(&group_text("refill"), &talkative)
            .await
            .reply
            .as_deref(),
        Some("Please send the order id with your request, for example: 2274209 refill")
    );
    // Customers stay silenced in the same group.
    assert_eq!(
        world
            .run(
                &group_text("what's up"),
                &context(routes(), linked("alice"))
            )
            .await
            .reply,
        None
    );
}

#[tokio::test]
async fn cooldown_is_claimed_last_and_reported_with_its_end() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("alice"));
    let first = world.run(&private_text("101 refill"), &ctx).await;
    assert_eq!(first.dispatches.len(), 1);

    world.clock.advance(TimeDelta::minutes(30));
    let second = world.run(&private_text("101 refill"), &ctx).await;
    assert!(second.dispatches.is_empty());
    assert_eq!(reasons(&second), vec![(101, ReasonCode::InCooldown)]);
    assert_eq!(second.outcomes[0].at, Some(now() + TimeDelta::hours(12)));
    assert_eq!(
        second.reply.as_deref(),
        Some(
            "Order 101: a refill request was already sent. You can ask again after 2026-11-24 19:30 UTC."
        )
    );

    // Refused orders never use up the turn: a route added later forwards at once.
    let before = world.run(&private_text("104 refill"), &ctx).await;
    assert_eq!(reasons(&before), vec![(104, ReasonCode::RouteMissing)]);
    let mut more_routes = routes();
    more_routes.push(route("N", &["nowhere.com"], "-100333"));
    let ctx = WorkspaceContext {
        config: Arc::new(WorkspaceConfig {
            routes: more_routes,
            ..(*ctx.config).clone()
        }),
        ..ctx
    };
    let after = world.run(&private_text("104 refill"), &ctx).await;
    assert_eq!(reasons(&after), vec![(104, ReasonCode::Accepted)]);
}

#[tokio::test]
async fn dry_runs_check_cooldowns_without_claiming() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("alice"));
    for _ in 0..3 {
        let result = Engine::dry_run()
            .handle(&private_text("101 refill"), &ctx, &world.ports())
            .await;
        assert_eq!(reasons(&result), vec![(101, ReasonCode::Accepted)]);
        assert_eq!(result.dispatches[0].text, "9101 refill");
    }
    assert_eq!(world.store.len(), 0);
    world.run(&private_text("101 refill"), &ctx).await;
    let simulated = Engine::dry_run()
        .handle(&private_text("101 refill"), &ctx, &world.ports())
        .await;
    assert_eq!(reasons(&simulated), vec![(101, ReasonCode::InCooldown)]);
}

#[tokio::test]
async fn store_failures_forward_nothing() {
    let world = World::new(panel());
    world.store.fail.store(true, Ordering::SeqCst);
    let ctx = context(routes(), linked("alice"));
    let result = world.run(&private_text("101 refill"), &ctx).await;
    assert_eq!(reasons(&result), vec![(101, ReasonCode::StoreUnavailable)]);
    assert!(result.dispatches.is_empty());
    assert_eq!(
        result.reply.as_deref(),
        Some("Order 101: we could not process this request right now. Please try again later.")
    );
}

#[tokio::test]
async fn a_store_that_lost_its_data_is_refilled_from_the_cooldown_log() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("alice"));
    let first = Engine::live_for("event-1")
        .handle(&private_text("101 refill"), &ctx, &world.ports())
        .await;
    assert_eq!(first.dispatches.len(), 1);
    // The worker logged the claim durably; then the store restarted without its data.
    let until = now() + TimeDelta::hours(12);
    world.cooldown_log.record(
        ctx.workspace,
        101,
        panelrelay_core::rules::OrderAction::Refill,
        "event-1",
        until,
    );
    world.store.wipe();
    world.clock.advance(TimeDelta::minutes(30));

    let simulated = Engine::dry_run()
        .handle(&private_text("101 refill"), &ctx, &world.ports())
        .await;
    assert_eq!(reasons(&simulated), vec![(101, ReasonCode::InCooldown)]);
    let again = Engine::live_for("event-2")
        .handle(&private_text("101 refill"), &ctx, &world.ports())
        .await;
    assert!(again.dispatches.is_empty());
    assert_eq!(reasons(&again), vec![(101, ReasonCode::InCooldown)]);
    assert_eq!(again.outcomes[0].at, Some(until));
    // The request that claimed it, handled again after a crash, still goes through.
    let retried = Engine::live_for("event-1")
        .handle(&private_text("101 refill"), &ctx, &world.ports())
        .await;
    assert_eq!(reasons(&retried), vec![(101, ReasonCode::Accepted)]);
}

#[tokio::test]
async fn an_unreadable_cooldown_log_forwards_nothing() {
    let world = World::new(panel());
    world.cooldown_log.fail.store(true, Ordering::SeqCst);
    let ctx = context(routes(), linked("alice"));
    let result = world.run(&private_text("101 refill"), &ctx).await;
    assert_eq!(reasons(&result), vec![(101, ReasonCode::StoreUnavailable)]);
    assert!(result.dispatches.is_empty());
    assert_eq!(world.store.len(), 0);
}

#[tokio::test]
async fn chatter_and_incomplete_commands() {
    let world = World::new(panel());
    let linked_ctx = context(routes(), linked("alice"));
    let help = default_text(TemplateKey::Help);

    let silent = world
        .run(&group_text("thanks everyone, see you"), &linked_ctx)
        .await;
    assert_eq!(silent.reply, None);
    assert_eq!(silent.command, None);
    let private = world
        .run(&private_text("thanks everyone"), &linked_ctx)
        .await;
    assert_eq!(private.reply.as_deref(), Some(help));

    assert_eq!(
        world
            .run(&group_text("refill please"), &linked_ctx)
            .await
            .reply,
        None
    );
    assert_eq!(
        world
            .run(&private_text("refill please"), &linked_ctx)
            .await
            .reply
            .as_deref(),
        Some("Please send the order id with your request, for example: 2274209 refill")
    );
    assert_eq!(
        world
            .run(&group_text("2274209, 2274210"), &linked_ctx)
            .await
            .reply
            .as_deref(),
        Some(
            "What should we do with 2274209, 2274210? Send the id with one of: status, speed, cancel, refill."
        )
    );

    let talkative = Settings {
        silent_in_groups: false,
        ..Settings::default()
    };
    let ctx = context_with(
        routes(),
        linked("alice"),
        talkative,
        ReplyTemplates::default(),
    );
    assert_eq!(
        world
            .run(&group_text("thanks everyone"), &ctx)
            .await
            .reply
            .as_deref(),
        Some(help)
    );
    assert_eq!(world.panel.fetch_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn bulk_limits() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("alice"));
    let ids: Vec<String> = (1000..1101).map(|i: u64| i.to_string()).collect();
    let parser_limit = world
        .run(&private_text(&format!("{} refill", ids.join(" "))), &ctx)
        .await;
    assert_eq!(
        parser_limit.reply.as_deref(),
        Some("Please send at most 100 order ids in one message (you sent 101).")
    );

    let small = Settings {
        max_order_ids: 2,
        ..Settings::default()
    };
    let ctx = context_with(routes(), linked("alice"), small, ReplyTemplates::default());
    let result = world.run(&private_text("101 102 103 refill"), &ctx).await;
    assert_eq!(
        result.reply.as_deref(),
        Some("Please send at most 2 order ids in one message (you sent 3).")
    );
    assert!(
        result
            .outcomes
            .iter()
            .all(|o| o.reason == ReasonCode::TooManyOrders)
    );
    assert_eq!(world.panel.fetch_calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn many_orders_get_a_compact_reply() {
    let mut orders = Vec::new();
    for i in 0..20u64 {
        let user = if i < 3 { "bob" } else { "alice" };
        let provider = if i % 2 == 0 { "a.com" } else { "b.com" };
        orders.push(order(5000 + i, user, provider, &format!("{}", 70_000 + i)));
    }
    let world = World::new(FakePanel { orders, ..panel() });
    let ctx = context(routes(), linked("alice"));
    world.run(&private_text("5019 refill"), &ctx).await;
    let ids: Vec<String> = (5000..5020).map(|i: u64| i.to_string()).collect();
    let result = world
        .run(
            &private_text(&format!("{} 9999 refill", ids.join(","))),
            &ctx,
        )
        .await;
    assert_eq!(
        result.reply.as_deref(),
        Some("Refill requested: 16 · In cooldown: 1 · Not yours: 3 · Not found: 1")
    );
    assert_eq!(result.dispatches.len(), 2);
    assert_eq!(result.dispatches[0].order_ids.len(), 8);
    assert_eq!(result.dispatches[1].order_ids.len(), 8);
}

#[tokio::test]
async fn speed_too_early_and_manual_rules() {
    let mut fresh = with_status(order(201, "alice", "a.com", "9201"), "pending");
    fresh.created_at = Some(now() - TimeDelta::minutes(15));
    let world = World::new(FakePanel {
        orders: vec![fresh],
        ..panel()
    });
    let ctx = context(routes(), linked("alice"));
    let result = world.run(&private_text("201 speed"), &ctx).await;
    assert_eq!(
        result.reply.as_deref(),
        Some(
            "Order 201: the order is still within its start time. You can ask for a speed-up after 2026-11-24 08:15 UTC."
        )
    );

    // A manual rule for the service id beats its name: instant start.
    let mut config = (*ctx.config).clone();
    config.service_rules.insert(
        "3463".into(),
        ServiceRule::manual(RefillPolicy::None, StartWindow::INSTANT),
    );
    let ctx = WorkspaceContext {
        config: Arc::new(config),
        ..ctx
    };
    let result = world.run(&private_text("201 speed"), &ctx).await;
    assert_eq!(result.dispatches[0].text, "9201 speed");
}

#[tokio::test]
async fn refill_window_from_first_seen_completed() {
    let mut old = order(301, "alice", "a.com", "9301");
    old.created_at = Some(now() - TimeDelta::days(60));
    old.updated_at = Some(now() - TimeDelta::days(59));
    let world = World::new(FakePanel {
        orders: vec![old],
        ..panel()
    });
    let mut settings = Settings::default();
    let by_created = context_with(
        routes(),
        linked("alice"),
        settings.clone(),
        ReplyTemplates::default(),
    );
    let expired = world.run(&private_text("301 refill"), &by_created).await;
    assert_eq!(
        expired.reply.as_deref(),
        Some("Order 301: the refill guarantee ended on 2026-10-25 07:30 UTC.")
    );

    settings.rules.refill.anchor = RefillAnchor::FirstSeenCompleted;
    let ctx = context_with(
        routes(),
        linked("alice"),
        settings,
        ReplyTemplates::default(),
    );
    world
        .history
        .record(ctx.workspace, 301, now() - TimeDelta::days(29));
    let accepted = world.run(&private_text("301 refill"), &ctx).await;
    assert_eq!(reasons(&accepted), vec![(301, ReasonCode::Accepted)]);

    // A workspace that never saw the order completed: the first sighting is now, so the
    // window starts now.
    let ctx = WorkspaceContext {
        workspace: panelrelay_core::ids::WorkspaceId::new(),
        ..ctx
    };
    let refill = world.run(&private_text("301 refill"), &ctx).await;
    assert_eq!(reasons(&refill), vec![(301, ReasonCode::Accepted)]);
}

#[tokio::test]
async fn balance_help_and_custom_commands() {
    let world = World::new(panel());
    let alice = context(routes(), linked("alice"));
    assert_eq!(
        world
            .run(&private_text("balance"), &alice)
            .await
            .reply
            .as_deref(),
        Some("Balance of alice: 12.50 USD")
    );
    let ghost = context(routes(), linked("ghost"));
    assert_eq!(
        world
            .run(&private_text("bal"), &ghost)
            .await
            .reply
            .as_deref(),
        Some("We can't show the balance of ghost right now. Please try again later.")
    );
    let admin = context(routes(), SenderRole::admin());
    assert_eq!(
        world
            .run(&private_text("balance"), &admin)
            .await
            .reply
            .as_deref(),
        Some(default_text(TemplateKey::NotLinked))
    );

    let mut templates = ReplyTemplates::default();
    templates.custom.insert(
        "Price list".into(),
        "Prices: https://panel.example/services {{USD}}".into(),
    );
    templates
        .overrides
        .insert(TemplateKey::Help, "Ask us anything.".into());
    let parser = CommandParser::new(&ParserConfig {
        custom_triggers: vec!["Price list".into(), "payment".into()],
        min_order_id_digits: 1,
        ..ParserConfig::default()
    })
    .unwrap();
    let mut config = (*alice.config).clone();
    config.parser = parser;
    config.templates = templates;
    let ctx = WorkspaceContext {
        config: Arc::new(config),
        ..alice
    };
    let result = world.run(&group_text("price list"), &ctx).await;
    assert_eq!(
        result.reply.as_deref(),
        Some("Prices: https://panel.example/services {USD}")
    );
    assert_eq!(
        result.command.unwrap().action,
        Action::Custom("Price list".into())
    );
    assert_eq!(
        world
            .run(&group_text("payment"), &ctx)
            .await
            .reply
            .as_deref(),
        Some(default_text(TemplateKey::Custom))
    );
    assert_eq!(
        world.run(&group_text("/help"), &ctx).await.reply.as_deref(),
        Some("Ask us anything.")
    );
}

#[tokio::test]
async fn concurrent_messages_forward_an_order_once() {
    let world = World::new(panel());
    let ctx = context(routes(), linked("alice"));
    let event = private_text("101, 103 refill");
    let (first, second) = tokio::join!(world.run(&event, &ctx), world.run(&event, &ctx));
    let dispatched: usize = [&first, &second]
        .iter()
        .flat_map(|result| &result.dispatches)
        .map(|dispatch| dispatch.order_ids.len())
        .sum();
    assert_eq!(dispatched, 2);
    let in_cooldown = [&first, &second]
        .iter()
        .flat_map(|result| &result.outcomes)
        .filter(|outcome| outcome.reason == ReasonCode::InCooldown)
        .count();
    assert_eq!(in_cooldown, 2);
}

#[test]
fn settings_default_from_empty_json_and_round_trip() {
    let empty: Settings = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, Settings::default());
    assert_eq!(empty.max_order_ids, 100);
    assert_eq!(empty.compact_threshold, 5);
    assert!(empty.silent_in_groups);
    assert_eq!(empty.cooldowns.refill_secs, 12 * 3600);
    let custom: Settings = serde_json::from_str(
        r#"{"cooldowns": {"refill_secs": 10800}, "rules": {"refill": {"anchor": "last_update"}}}"#,
    )
    .unwrap();
    assert_eq!(custom.cooldowns.refill_secs, 10_800);
    assert_eq!(custom.cooldowns.speed_secs, 12 * 3600);
    assert_eq!(custom.rules.refill.anchor, RefillAnchor::LastUpdate);
    let json = serde_json::to_string(&custom).unwrap();
    assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), custom);
}
