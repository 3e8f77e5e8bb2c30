//! End to end: customer texts from the shared webhook fixtures through the engine, for
//! linked, unlinked and admin senders, asserting the exact reply and dispatch texts.
//!
//! The fixtures carry `2274209 refill`, `123456, 123457 speed`, `balance` and `/help`;
//! cancel and details are the same fixture texts with the action word swapped.

#![allow(clippy::unwrap_used)]

mod support;

use chrono::TimeDelta;
use panelrelay_core::engine::InboundEvent;
use panelrelay_core::medium::Medium;
use panelrelay_core::ports::{PanelOrder, PanelUser};
use panelrelay_core::replies::{TemplateKey, default_text};
use panelrelay_core::rules::OrderStatus;
use panelrelay_core::sender::SenderRole;
use serde_json::Value;
use support::{FakePanel, World, context, linked, now, order, route};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/webhooks");

/// The customer message of a webhook fixture, normalised as the ingress would; `None` for
/// notifications that are never commands (statuses, state changes, echoes, channel posts,
/// membership changes, non-text messages).
fn inbound(file: &str) -> Option<InboundEvent> {
    let path = format!("{FIXTURES}/{file}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let text = |value: &Value| value.as_str().map(str::to_owned);
    if file.starts_with("greenapi/") {
        if json["typeWebhook"] != "incomingMessageReceived" {
            return None;
        }
        let data = &json["messageData"];
        let body = match data["typeMessage"].as_str()? {
            "textMessage" => text(&data["textMessageData"]["textMessage"])?,
            "extendedTextMessage" | "quotedMessage" => {
                text(&data["extendedTextMessageData"]["text"])?
            }
            _ => return None,
        };
        let chat_id = text(&json["senderData"]["chatId"])?;
        return Some(InboundEvent {
            medium: Medium::WhatsappGreenapi,
            is_group: chat_id.ends_with("@g.us"),
            chat_id,
            sender_id: text(&json["senderData"]["sender"])?,
            text: body,
        });
    }
    if file.starts_with("meta/") {
        let value = &json["entry"][0]["changes"][0]["value"];
        let message = &value["messages"][0];
        if message["type"] != "text" {
            return None;
        }
        let from = text(&message["from"])?;
        return Some(InboundEvent {
            medium: Medium::WhatsappMeta,
            is_group: message.get("group_id").is_some(),
            chat_id: text(&message["group_id"]).unwrap_or_else(|| from.clone()),
            sender_id: from,
            text: text(&message["text"]["body"])?,
        });
    }
    let message = json.get("message").or_else(|| json.get("edited_message"))?;
    let chat_type = message["chat"]["type"].as_str()?;
    Some(InboundEvent {
        medium: Medium::Telegram,
        chat_id: message["chat"]["id"].to_string(),
        sender_id: message["from"]["id"].to_string(),
        text: text(&message["text"])?,
        is_group: chat_type == "group" || chat_type == "supergroup",
    })
}

/// The panel behind every case: 2274209 (alice, completed 10 days ago, 30-day refill),
/// 123456 (alice, in progress at someprovider.com), 123457 (Bob, pending at
/// otherprovider.net), both started more than an hour ago.
fn panel() -> FakePanel {
    let in_progress = |id: u64, user: &str, provider: &str, external: &str, raw: &str| {
        let mut order = order(id, user, provider, external);
        order.status = OrderStatus::parse(raw);
        order.raw_status = raw.into();
        order.service_name = Some("Instagram Likes [No Refill] [Start: 0-1 Hour]".into());
        order.remains = Some(400);
        order.created_at = Some(now() - TimeDelta::hours(3));
        order
    };
    let orders: Vec<PanelOrder> = vec![
        order(2_274_209, "alice", "someprovider.com", "7450284"),
        in_progress(
            123_456,
            "alice",
            "https://someprovider.com/",
            "3155",
            "in_progress",
        ),
        in_progress(123_457, "Bob", "www.otherprovider.net", "9001", "pending"),
    ];
    FakePanel {
        orders,
        users: vec![PanelUser {
            username: "alice".into(),
            balance: Some("12.50".into()),
            currency: Some("USD".into()),
        }],
        ..FakePanel::default()
    }
}

fn routes() -> Vec<panelrelay_core::routing::ProviderRoute> {
    let mut other = route("Other", &["otherprovider.net"], "120363000000000002@g.us");
    other.target.medium = Medium::WhatsappGreenapi;
    vec![
        route("Some", &["someprovider.com"], "-1001000000001"),
        other,
    ]
}

const SOME: &str = "-1001000000001";
const OTHER: &str = "120363000000000002@g.us";

#[derive(Clone, Copy, Debug)]
enum Who {
    Linked,
    Unlinked,
    Admin,
}

struct Case {
    file: &'static str,
    /// The action word swapped, for actions the fixtures do not carry.
    swap: Option<(&'static str, &'static str)>,
    who: Who,
    reply: &'static str,
    dispatches: Vec<(&'static str, &'static str)>,
}

fn case(
    file: &'static str,
    swap: Option<(&'static str, &'static str)>,
    who: Who,
    reply: &'static str,
    dispatches: &[(&'static str, &'static str)],
) -> Case {
    Case {
        file,
        swap,
        who,
        reply,
        dispatches: dispatches.to_vec(),
    }
}

fn cases() -> Vec<Case> {
    use Who::*;
    let not_linked = default_text(TemplateKey::NotLinked);
    let help = default_text(TemplateKey::Help);
    let refill_ok = "Order 2274209: refill requested.";
    let refill_sent: &[(&str, &str)] = &[(SOME, "7450284 refill")];
    let refill_files = [
        "greenapi/incoming_text_private.json",
        "greenapi/incoming_quoted_reply.json",
        "meta/incoming_text.json",
        "telegram/private_text.json",
    ];
    let mut cases = Vec::new();
    for file in refill_files {
        cases.push(case(file, None, Linked, refill_ok, refill_sent));
        cases.push(case(file, None, Unlinked, not_linked, &[]));
        cases.push(case(file, None, Admin, refill_ok, refill_sent));
        cases.push(case(
            file,
            Some(("refill", "details")),
            Linked,
            "Order 2274209: Completed. Start count: 850. Remains: 0.",
            &[],
        ));
        cases.push(case(
            file,
            Some(("refill", "details")),
            Unlinked,
            not_linked,
            &[],
        ));
        cases.push(case(
            file,
            Some(("refill", "speed")),
            Linked,
            "Order 2274209: speed is not available for orders with status Completed.",
            &[],
        ));
    }
    for file in [
        "greenapi/incoming_text_group.json",
        "telegram/group_text.json",
    ] {
        cases.push(case(
            file,
            None,
            Linked,
            "Order 123456: speed-up requested.\nOrder 123457: not found on your account.",
            &[(SOME, "3155 speed")],
        ));
        cases.push(case(file, None, Unlinked, not_linked, &[]));
        cases.push(case(
            file,
            None,
            Admin,
            "Order 123456: speed-up requested.\nOrder 123457: speed-up requested.",
            &[(SOME, "3155 speed"), (OTHER, "9001 speed")],
        ));
        cases.push(case(
            file,
            Some(("speed", "cancel")),
            Linked,
            "Order 123456: cancellation requested.\nOrder 123457: not found on your account.",
            &[(SOME, "3155 cancel")],
        ));
        cases.push(case(
            file,
            Some(("speed", "cancel")),
            Unlinked,
            not_linked,
            &[],
        ));
        cases.push(case(
            file,
            Some(("speed", "cancel")),
            Admin,
            "Order 123456: cancellation requested.\nOrder 123457: cancellation requested.",
            &[(SOME, "3155 cancel"), (OTHER, "9001 cancel")],
        ));
        cases.push(case(
            file,
            Some(("speed", "refill")),
            Admin,
            "Order 123456: refill is not available for orders with status In progress.\n\
             Order 123457: refill is not available for orders with status Pending.",
            &[],
        ));
        cases.push(case(
            file,
            Some(("speed", "details")),
            Admin,
            "Order 123456: In progress. Start count: 850. Remains: 400.\n\
             Order 123457: Pending. Start count: 850. Remains: 400.",
            &[],
        ));
    }
    for file in [
        "greenapi/incoming_extended_text.json",
        "telegram/edited_message.json",
    ] {
        cases.push(case(file, None, Linked, "Balance of alice: 12.50 USD", &[]));
        cases.push(case(file, None, Unlinked, not_linked, &[]));
        cases.push(case(file, None, Admin, not_linked, &[]));
    }
    for who in [Linked, Unlinked, Admin] {
        cases.push(case(
            "telegram/supergroup_topic_text.json",
            None,
            who,
            help,
            &[],
        ));
    }
    cases
}

#[tokio::test]
async fn fixture_texts_through_the_engine() {
    let cases = cases();
    for case in &cases {
        let mut event = inbound(case.file).unwrap_or_else(|| panic!("{} has no text", case.file));
        if let Some((from, to)) = case.swap {
            assert!(event.text.contains(from), "{}: {:?}", case.file, event.text);
            event.text = event.text.replace(from, to);
        }
        let role = match case.who {
            Who::Linked => linked("alice"),
            Who::Unlinked => SenderRole::Unknown,
            Who::Admin => SenderRole::admin(),
        };
        let world = World::new(panel());
        let ctx = context(routes(), role);
        let result = world.run(&event, &ctx).await;
        let label = format!("{} {:?} as {:?}", case.file, event.text, case.who);
        assert_eq!(result.reply.as_deref(), Some(case.reply), "{label}");
        let sent: Vec<(&str, &str)> = result
            .dispatches
            .iter()
            .map(|d| (d.target.chat_id.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(sent, case.dispatches, "{label}");
    }
    assert_eq!(cases.len(), 49);
}

#[test]
fn notifications_that_are_not_messages_carry_no_command() {
    for file in [
        "greenapi/outgoing_status.json",
        "greenapi/state_changed.json",
        "meta/status_update.json",
        "meta/status_failed_131047.json",
        "meta/incoming_non_text.json",
        "telegram/channel_post.json",
        "telegram/my_chat_member_added.json",
    ] {
        assert!(inbound(file).is_none(), "{file}");
    }
    let group = inbound("greenapi/incoming_text_group.json").unwrap();
    assert!(group.is_group);
    assert_eq!(group.sender_id, "79007654321@c.us");
    let topic = inbound("telegram/supergroup_topic_text.json").unwrap();
    assert_eq!((topic.text.as_str(), topic.is_group), ("/help", true));
}
