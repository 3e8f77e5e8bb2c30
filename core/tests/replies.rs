//! Replies: defaults, overrides, validation, and the aggregated reply of a command.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::TimeDelta;
use panelrelay_core::command::Action;
use panelrelay_core::outcome::OrderOutcome;
use panelrelay_core::replies::{
    ReplyLine, ReplyTemplates, TemplateKey, default_text, order_reply, validate_template,
};
use panelrelay_core::rules::{Denial, ReasonCode};
use panelrelay_core::template::TemplateError;
use support::{now, order};

fn outcome(order_id: u64, reason: ReasonCode) -> OrderOutcome {
    let action = Action::Refill;
    match reason {
        ReasonCode::Accepted => OrderOutcome::accepted(order_id, &action),
        reason => OrderOutcome::denied(
            order_id,
            &action,
            Denial::timed(reason, now() + TimeDelta::seconds(90), "test"),
        ),
    }
}

fn reply(templates: &ReplyTemplates, outcomes: &[OrderOutcome], threshold: usize) -> String {
    let lines: Vec<ReplyLine> = outcomes
        .iter()
        .map(|outcome| ReplyLine {
            outcome,
            order: None,
        })
        .collect();
    order_reply(templates, &Action::Refill, &lines, threshold, 4096)
}

/// 23 accepted, 4 in cooldown, 3 not yours, interleaved.
fn bulk() -> Vec<OrderOutcome> {
    (0..30u64)
        .map(|i| {
            let reason = match i % 10 {
                3 | 7 if i < 20 => ReasonCode::InCooldown,
                5 if i < 30 => ReasonCode::NotYours,
                _ => ReasonCode::Accepted,
            };
            outcome(1000 + i, reason)
        })
        .collect()
}

#[test]
fn every_default_text_is_a_valid_template() {
    for key in TemplateKey::ALL {
        assert_eq!(validate_template(key, default_text(key)), Ok(()), "{key:?}");
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, format!("\"{}\"", key.name()));
    }
}

#[test]
fn compact_summary_above_the_threshold() {
    let templates = ReplyTemplates::default();
    let outcomes = bulk();
    assert_eq!(
        reply(&templates, &outcomes, 5),
        "Refill requested: 23 · In cooldown: 4 · Not yours: 3"
    );
    // At the threshold, one line per order.
    let few = &outcomes[..5];
    assert_eq!(
        reply(&templates, few, 5),
        "Order 1000: refill requested.\n\
         Order 1001: refill requested.\n\
         Order 1002: refill requested.\n\
         Order 1003: a refill request was already sent. You can ask again after 2026-11-24 07:32 UTC.\n\
         Order 1004: refill requested."
    );
    assert_eq!(
        reply(&templates, &outcomes[..6], 5),
        "Refill requested: 4 · In cooldown: 1 · Not yours: 1"
    );
    // Lines that would not fit the medium also go compact.
    let lines: Vec<ReplyLine> = few
        .iter()
        .map(|outcome| ReplyLine {
            outcome,
            order: None,
        })
        .collect();
    assert_eq!(
        order_reply(&templates, &Action::Refill, &lines, 5, 100),
        "Refill requested: 4 · In cooldown: 1"
    );
}

#[test]
fn every_reason_has_a_safe_line() {
    let templates = ReplyTemplates::default();
    let reasons = [
        (ReasonCode::NotFound, "Order 7: not found."),
        (ReasonCode::NotYours, "Order 7: not found on your account."),
        (
            ReasonCode::NotPermitted,
            "Order 7: this chat is not allowed to do that.",
        ),
        (
            ReasonCode::RefillNotOffered,
            "Order 7: this service has no refill guarantee.",
        ),
        (
            ReasonCode::RefillWindowExpired,
            "Order 7: the refill guarantee ended on 2026-11-24 07:32 UTC.",
        ),
        (
            ReasonCode::RefillPolicyUnknown,
            "Order 7: we could not confirm a refill guarantee for this service. Please contact support.",
        ),
        (
            ReasonCode::NeedsAdmin,
            "Order 7: our team will review this refill request.",
        ),
        (
            ReasonCode::RouteMissing,
            "Order 7: we could not send this request automatically. Please contact support.",
        ),
        (
            ReasonCode::ProviderMissing,
            "Order 7: this order cannot be forwarded automatically. Please contact support.",
        ),
        (
            ReasonCode::StoreUnavailable,
            "Order 7: we could not process this request right now. Please try again later.",
        ),
        (
            ReasonCode::PanelUnavailable,
            "Order 7: we could not process this request right now. Please try again later.",
        ),
    ];
    for (reason, expected) in reasons {
        assert_eq!(
            reply(&templates, &[outcome(7, reason)], 5),
            expected,
            "{reason:?}"
        );
    }
}

#[test]
fn workspace_overrides_win() {
    let mut templates = ReplyTemplates::default();
    templates.overrides.insert(
        TemplateKey::RefillRequested,
        "✅ {order_id} — рефилл принят".into(),
    );
    templates
        .overrides
        .insert(TemplateKey::SummaryRefillRequested, "OK: {count}".into());
    templates.overrides.insert(
        TemplateKey::CompactSummary,
        "{total} orders: {items}".into(),
    );
    templates
        .custom
        .insert("price list".into(), "Prices: see panel".into());
    assert_eq!(templates.validate(), Ok(()));
    assert_eq!(
        reply(&templates, &[outcome(9, ReasonCode::Accepted)], 5),
        "✅ 9 — рефилл принят"
    );
    assert_eq!(
        reply(&templates, &bulk(), 5),
        "30 orders: OK: 23 · In cooldown: 4 · Not yours: 3"
    );
    assert_eq!(templates.custom_text("price list"), "Prices: see panel");
    assert_eq!(
        templates.custom_text("payment"),
        default_text(TemplateKey::Custom)
    );

    // Round trip as stored.
    let json = serde_json::to_string(&templates).unwrap();
    assert!(json.contains("\"refill_requested\""), "{json}");
    assert_eq!(
        serde_json::from_str::<ReplyTemplates>(&json).unwrap(),
        templates
    );
}

#[test]
fn unknown_variables_are_rejected_not_blanked() {
    assert_eq!(
        validate_template(TemplateKey::Balance, "Balance: {balance} {credit}"),
        Err(TemplateError::UnknownVariable {
            name: "credit".into(),
            allowed: vec!["username", "balance", "currency"],
        })
    );
    // A variable valid for one key is unknown for another.
    assert!(validate_template(TemplateKey::NotFound, "Order {order_id}").is_ok());
    assert!(matches!(
        validate_template(TemplateKey::NotFound, "Order {order_id} ({status})"),
        Err(TemplateError::UnknownVariable { name, .. }) if name == "status"
    ));
    assert!(matches!(
        validate_template(TemplateKey::Help, "Hi {username"),
        Err(TemplateError::Unclosed { .. })
    ));
    let error = validate_template(TemplateKey::Cooldown, "{when}").unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"unknown variable {when}; allowed variables: ["order_id", "action", "available_at"]"#
    );

    let mut templates = ReplyTemplates::default();
    templates
        .overrides
        .insert(TemplateKey::NotYours, "{order_id} is {owner}'s".into());
    let invalid = templates.validate().unwrap_err();
    assert_eq!(invalid.name, "not_yours");
    let mut templates = ReplyTemplates::default();
    templates
        .custom
        .insert("price list".into(), "{price}".into());
    assert_eq!(templates.validate().unwrap_err().name, "custom:price list");
}

#[test]
fn details_lines_show_order_figures() {
    let templates = ReplyTemplates::default();
    let mut shown = order(2_274_209, "alice", "a.com", "1");
    shown.remains = None;
    let outcome = OrderOutcome::accepted(shown.id, &Action::Details);
    let lines = [ReplyLine {
        outcome: &outcome,
        order: Some(&shown),
    }];
    assert_eq!(
        order_reply(&templates, &Action::Details, &lines, 5, 4096),
        "Order 2274209: Completed. Start count: 850. Remains: n/a."
    );
}
