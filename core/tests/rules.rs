//! Eligibility rules: every status × action cell, refill window edges per anchor, speed.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::{DateTime, TimeDelta, Utc};
use panelrelay_core::ports::PanelOrder;
use panelrelay_core::rules::{
    ActionCells, LifetimeMeaning, OrderAction, OrderStatus, ReasonCode, RefillAnchor,
    RefillSettings, RuleSettings, StatusMatrix, UnknownRefillPolicy, check_ownership, check_refill,
    check_speed, evaluate, refill_anchor_at, speed_available_at,
};
use panelrelay_core::sender::{AdminPermissions, SenderRole};
use panelrelay_core::service_rules::{RefillPolicy, ServiceRule, StartWindow};
use support::{now, order, with_status};

const STATUSES: [&str; 9] = [
    "Pending",
    "In progress",
    "Processing",
    "Completed",
    "Partial",
    "Canceled",
    "Fail",
    "Refunded",
    "Awaiting",
];

/// The documented default: (status, speed, cancel, refill).
const DEFAULTS: [(&str, bool, bool, bool); 9] = [
    ("Pending", true, true, false),
    ("In progress", true, true, false),
    ("Processing", true, true, false),
    ("Completed", false, false, true),
    ("Partial", false, false, false),
    ("Canceled", false, false, false),
    ("Fail", false, false, false),
    ("Refunded", false, false, false),
    ("Awaiting", false, false, false),
];

/// A rule that lets the matrix alone decide: lifetime refill, instant start.
fn permissive_rule() -> ServiceRule {
    ServiceRule::manual(RefillPolicy::Lifetime, StartWindow::INSTANT)
}

fn allowed(order: &PanelOrder, action: OrderAction, settings: &RuleSettings) -> bool {
    match evaluate(
        order,
        action,
        &permissive_rule(),
        order.created_at,
        now(),
        settings,
    ) {
        Ok(()) => true,
        Err(denial) => {
            assert_eq!(denial.reason, ReasonCode::StatusNotAllowed);
            false
        }
    }
}

fn row_mut<'a>(matrix: &'a mut StatusMatrix, status: &OrderStatus) -> &'a mut ActionCells {
    match status {
        OrderStatus::Pending => &mut matrix.pending,
        OrderStatus::InProgress => &mut matrix.in_progress,
        OrderStatus::Processing => &mut matrix.processing,
        OrderStatus::Completed => &mut matrix.completed,
        OrderStatus::Partial => &mut matrix.partial,
        OrderStatus::Canceled => &mut matrix.canceled,
        OrderStatus::Failed => &mut matrix.failed,
        OrderStatus::Refunded => &mut matrix.refunded,
        OrderStatus::Unknown(_) => &mut matrix.unknown,
    }
}

fn cell_mut(cells: &mut ActionCells, action: OrderAction) -> &mut bool {
    match action {
        OrderAction::Speed => &mut cells.speed,
        OrderAction::Cancel => &mut cells.cancel,
        OrderAction::Refill => &mut cells.refill,
    }
}

#[test]
fn every_default_cell_is_as_documented() {
    let settings = RuleSettings::default();
    for (raw, speed, cancel, refill) in DEFAULTS {
        let order = with_status(order(1, "alice", "p.com", "9"), raw);
        assert_eq!(
            allowed(&order, OrderAction::Speed, &settings),
            speed,
            "{raw} speed"
        );
        assert_eq!(
            allowed(&order, OrderAction::Cancel, &settings),
            cancel,
            "{raw} cancel"
        );
        assert_eq!(
            allowed(&order, OrderAction::Refill, &settings),
            refill,
            "{raw} refill"
        );
    }
}

#[test]
fn every_cell_is_configurable_on_its_own() {
    let defaults = RuleSettings::default();
    for raw in STATUSES {
        let target = with_status(order(1, "alice", "p.com", "9"), raw);
        for action in OrderAction::ALL {
            let mut settings = RuleSettings::default();
            let cell = cell_mut(row_mut(&mut settings.status_matrix, &target.status), action);
            *cell = !*cell;
            // The flipped cell answers the other way; every other cell keeps its default.
            for other_raw in STATUSES {
                let other = with_status(order(1, "alice", "p.com", "9"), other_raw);
                for other_action in OrderAction::ALL {
                    let flipped = other_raw == raw && other_action == action;
                    let default = allowed(&other, other_action, &defaults);
                    assert_eq!(
                        allowed(&other, other_action, &settings),
                        default != flipped,
                        "flip {raw}/{action:?}, check {other_raw}/{other_action:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_matrix_round_trips_and_partial_json_keeps_defaults() {
    let matrix = StatusMatrix::default();
    let json = serde_json::to_string(&matrix).unwrap();
    assert_eq!(serde_json::from_str::<StatusMatrix>(&json).unwrap(), matrix);

    let partial: StatusMatrix =
        serde_json::from_str(r#"{"partial": {"speed": false, "cancel": false, "refill": true}}"#)
            .unwrap();
    assert!(partial.allows(&OrderStatus::Partial, OrderAction::Refill));
    assert!(partial.allows(&OrderStatus::Pending, OrderAction::Speed));
    assert!(!partial.allows(&OrderStatus::Completed, OrderAction::Cancel));
}

fn thirty_days() -> ServiceRule {
    ServiceRule::manual(RefillPolicy::Days(30), StartWindow::UNKNOWN)
}

fn refill_at(
    order: &PanelOrder,
    anchor: RefillAnchor,
    first_seen: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<(), ReasonCode> {
    let settings = RefillSettings {
        anchor,
        ..RefillSettings::default()
    };
    let start = refill_anchor_at(anchor, order, first_seen);
    check_refill(thirty_days().refill, start, at, &settings).map_err(|denial| denial.reason)
}

#[test]
fn refill_window_edges_for_each_anchor() {
    let order = order(1, "alice", "p.com", "9");
    let created = order.created_at.unwrap();
    let updated = order.updated_at.unwrap();
    let first_seen = created + TimeDelta::days(3);
    let second = TimeDelta::seconds(1);
    let cases = [
        (RefillAnchor::Created, created),
        (RefillAnchor::LastUpdate, updated),
        (RefillAnchor::FirstSeenCompleted, first_seen),
    ];
    for (anchor, start) in cases {
        let end = start + TimeDelta::days(30);
        assert_eq!(
            refill_at(&order, anchor, Some(first_seen), end - second),
            Ok(()),
            "{anchor:?}"
        );
        assert_eq!(
            refill_at(&order, anchor, Some(first_seen), end),
            Err(ReasonCode::RefillWindowExpired),
            "{anchor:?}"
        );
        assert_eq!(
            refill_at(&order, anchor, Some(first_seen), end + second),
            Err(ReasonCode::RefillWindowExpired),
            "{anchor:?}"
        );
    }
    // The denial carries the end of the window.
    let settings = RefillSettings::default();
    let end = created + TimeDelta::days(30);
    let denial = check_refill(
        RefillPolicy::Days(30),
        Some(created),
        end + second,
        &settings,
    )
    .unwrap_err();
    assert_eq!(denial.at, Some(end));
}

#[test]
fn lifetime_none_and_unknown_policies() {
    let start = Some(now() - TimeDelta::days(400));
    let unlimited = RefillSettings::default();
    assert_eq!(
        check_refill(RefillPolicy::Lifetime, start, now(), &unlimited),
        Ok(())
    );

    let year = RefillSettings {
        lifetime: LifetimeMeaning::Days(365),
        ..RefillSettings::default()
    };
    let end = now() - TimeDelta::days(35);
    assert_eq!(
        check_refill(
            RefillPolicy::Lifetime,
            start,
            end - TimeDelta::seconds(1),
            &year
        ),
        Ok(())
    );
    assert_eq!(
        check_refill(
            RefillPolicy::Lifetime,
            start,
            end + TimeDelta::seconds(1),
            &year
        )
        .unwrap_err()
        .reason,
        ReasonCode::RefillWindowExpired
    );

    assert_eq!(
        check_refill(RefillPolicy::None, start, now(), &unlimited)
            .unwrap_err()
            .reason,
        ReasonCode::RefillNotOffered
    );

    let choices = [
        (UnknownRefillPolicy::Allow, None),
        (
            UnknownRefillPolicy::Deny,
            Some(ReasonCode::RefillPolicyUnknown),
        ),
        (UnknownRefillPolicy::AskAdmin, Some(ReasonCode::NeedsAdmin)),
    ];
    for (choice, expected) in choices {
        let settings = RefillSettings {
            unknown_policy: choice,
            ..RefillSettings::default()
        };
        let unknown = check_refill(RefillPolicy::Unknown, start, now(), &settings);
        assert_eq!(unknown.err().map(|d| d.reason), expected, "{choice:?}");
        // A window whose start is unknown is decided the same way.
        let no_start = check_refill(RefillPolicy::Days(30), None, now(), &settings);
        assert_eq!(no_start.err().map(|d| d.reason), expected, "{choice:?}");
    }
}

#[test]
fn refill_settings_serialise() {
    let settings = RefillSettings {
        anchor: RefillAnchor::FirstSeenCompleted,
        lifetime: LifetimeMeaning::Days(365),
        unknown_policy: UnknownRefillPolicy::AskAdmin,
    };
    let json = serde_json::to_string(&settings).unwrap();
    assert_eq!(
        json,
        r#"{"anchor":"first_seen_completed","lifetime":{"kind":"days","days":365},"unknown_policy":"ask_admin"}"#
    );
    assert_eq!(
        serde_json::from_str::<RefillSettings>(&json).unwrap(),
        settings
    );
    assert_eq!(
        serde_json::from_str::<RefillSettings>("{}").unwrap(),
        RefillSettings::default()
    );
}

#[test]
fn speed_waits_for_the_start_window() {
    let created = now();
    let hour = StartWindow::between(0, 60);
    let opens = created + TimeDelta::hours(1);
    assert_eq!(speed_available_at(hour, Some(created)), Some(opens));
    let early = check_speed(hour, Some(created), opens - TimeDelta::seconds(1)).unwrap_err();
    assert_eq!(early.reason, ReasonCode::SpeedTooEarly);
    assert_eq!(early.at, Some(opens));
    assert_eq!(check_speed(hour, Some(created), opens), Ok(()));
    // Only a minimum stated: wait for it. Nothing stated, or no creation time: no wait.
    let min_only = StartWindow {
        min_minutes: Some(30),
        max_minutes: None,
    };
    assert_eq!(
        speed_available_at(min_only, Some(created)),
        Some(created + TimeDelta::minutes(30))
    );
    assert_eq!(
        check_speed(StartWindow::UNKNOWN, Some(created), created),
        Ok(())
    );
    assert_eq!(check_speed(hour, None, created), Ok(()));
}

#[test]
fn speed_through_evaluate_reports_the_time() {
    let mut pending = with_status(order(1, "alice", "p.com", "9"), "pending");
    pending.created_at = Some(now() - TimeDelta::minutes(20));
    let rule = ServiceRule::from_service_name("Likes [Start: 0-1 Hour]");
    let denial = evaluate(
        &pending,
        OrderAction::Speed,
        &rule,
        None,
        now(),
        &RuleSettings::default(),
    )
    .unwrap_err();
    assert_eq!(denial.reason, ReasonCode::SpeedTooEarly);
    assert_eq!(denial.at, Some(now() + TimeDelta::minutes(40)));
    // Cancel has no extra rule.
    assert_eq!(
        evaluate(
            &pending,
            OrderAction::Cancel,
            &rule,
            None,
            now(),
            &RuleSettings::default()
        ),
        Ok(())
    );
}

#[test]
fn an_admin_chat_without_the_permission_is_not_permitted_rather_than_not_owner() {
    let cases = [
        (
            AdminPermissions {
                dispatch_any_order: false,
                ..AdminPermissions::default()
            },
            Some(OrderAction::Refill),
        ),
        (
            AdminPermissions {
                view_any_order: false,
                ..AdminPermissions::default()
            },
            None,
        ),
    ];
    for (permissions, action) in cases {
        let denial = check_ownership("bob", &SenderRole::Admin(permissions), action).unwrap_err();
        assert_eq!(denial.reason, ReasonCode::NotPermitted, "{action:?}");
    }
    // A linked customer asking about another customer's order is still not its owner.
    let linked = SenderRole::Linked {
        username: "alice".into(),
    };
    let denial = check_ownership("bob", &linked, Some(OrderAction::Refill)).unwrap_err();
    assert_eq!(denial.reason, ReasonCode::NotYours);
}
