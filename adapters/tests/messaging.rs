//! The messaging layer: every shared webhook fixture through the parsers, webhook
//! authentication, and the three outbound clients against HTTP-level fakes (wiremock) —
//! exact requests, every error class, timeouts, channel validation, and no token in any
//! error or log line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use panelrelay_adapters::messaging::inbound::{
    AuthFailure, InboundError, InboundItem, InboundKind, InboundMessage, meta_challenge,
    parse_greenapi, parse_meta, parse_telegram, verify_greenapi_token, verify_meta_signature,
    verify_telegram_secret,
};
use panelrelay_adapters::messaging::{
    GreenApi, GreenApiWebhook, HttpClient, META_GRAPH_VERSION, MetaCloud, TELEGRAM_ALLOWED_UPDATES,
    TelegramBot, TelegramWebhook,
};
use panelrelay_core::ports::messenger::{Messenger, OutboundText, SendError};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/webhooks");

const BOT_TOKEN: &str = "7345678901:AAHbot-t0ken-s3cr3t-f00d";
const GA_INSTANCE: u64 = 1101823456;
const GA_TOKEN: &str = "ga-api-t0ken-s3cr3t-9d1e7c";
const META_PHONE_ID: &str = "109876543210987";
const META_TOKEN: &str = "EAAGmeta-access-t0ken-s3cr3t-42";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).unwrap()
}

fn at(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}

/// The only item of a single-event payload.
fn single(items: Vec<InboundItem>) -> InboundItem {
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap()
}

fn message(item: &InboundItem) -> &InboundMessage {
    match &item.kind {
        InboundKind::Message(message) => message,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn ignored_reason(item: &InboundItem) -> &str {
    match &item.kind {
        InboundKind::Ignored { reason } => reason,
        other => panic!("expected an ignored item, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Telegram payloads
// ---------------------------------------------------------------------------------------

#[test]
fn telegram_private_text() {
    let item = single(parse_telegram(&fixture("telegram/private_text.json")).unwrap());
    assert!(
        item.dedupe_key.starts_with("tg-msg:5123456789:1520:"),
        "{}",
        item.dedupe_key
    );
    assert_eq!(item.account, None);
    assert_eq!(
        message(&item),
        &InboundMessage {
            chat_id: "5123456789".into(),
            sender_id: "5123456789".into(),
            sender_name: Some("Aziz Karimov".into()),
            text: "2274209 refill".into(),
            is_group: false,
            topic_id: None,
            message_id: "1520".into(),
            edited: false,
            sent_at: at(1795505900),
        }
    );
}

#[test]
fn telegram_group_text() {
    let item = single(parse_telegram(&fixture("telegram/group_text.json")).unwrap());
    assert!(item.dedupe_key.starts_with("tg-msg:-4123456789:311:"));
    let message = message(&item);
    assert_eq!(message.chat_id, "-4123456789");
    assert_eq!(message.sender_id, "6234567890");
    assert_eq!(message.sender_name.as_deref(), Some("Olga"));
    assert_eq!(message.text, "123456, 123457 speed");
    assert!(message.is_group);
    assert_eq!(message.topic_id, None);
    assert_eq!(message.message_id, "311");
    assert_eq!(message.sent_at, at(1795505960));
}

#[test]
fn telegram_supergroup_topic_keeps_the_topic() {
    let item = single(parse_telegram(&fixture("telegram/supergroup_topic_text.json")).unwrap());
    assert!(item.dedupe_key.starts_with("tg-msg:-1001987654321:1044:"));
    let message = message(&item);
    assert_eq!(message.chat_id, "-1001987654321");
    assert_eq!(message.sender_id, "6234567890");
    assert_eq!(message.text, "/help");
    assert!(message.is_group);
    assert_eq!(message.topic_id, Some(77));
    assert_eq!(message.message_id, "1044");
    assert!(!message.edited);
}

#[test]
fn telegram_reply_threads_outside_forums_are_not_topics() {
    let mut update = fixture_json("telegram/supergroup_topic_text.json");
    update["message"]["is_topic_message"] = json!(false);
    let body = serde_json::to_vec(&update).unwrap();
    let item = single(parse_telegram(&body).unwrap());
    assert_eq!(message(&item).topic_id, None);
}

#[test]
fn telegram_edited_message() {
    let item = single(parse_telegram(&fixture("telegram/edited_message.json")).unwrap());
    assert!(item.dedupe_key.starts_with("tg-msg:5123456789:1521:"));
    let message = message(&item);
    assert!(message.edited);
    assert_eq!(message.text, "balance");
    assert_eq!(message.message_id, "1521");
    assert_eq!(message.chat_id, "5123456789");
    assert_eq!(message.sent_at, at(1795506112), "the edit's time");
}

/// An edit is keyed by chat, message id and text: unchanged text is the message's own key
/// (a duplicate), changed text a new key, the same for every redelivery of that edit.
#[test]
fn telegram_edits_are_keyed_by_their_text() {
    let original = fixture_json("telegram/private_text.json");
    let mut unchanged =
        json!({"update_id": 884215100, "edited_message": original["message"].clone()});
    unchanged["edited_message"]["edit_date"] = json!(1795505999);
    let mut changed = unchanged.clone();
    changed["update_id"] = json!(884215101);
    changed["edited_message"]["text"] = json!("2274290 refill");
    let mut changed_again = changed.clone();
    changed_again["update_id"] = json!(884215102);
    let key = |value: &serde_json::Value| {
        single(parse_telegram(value.to_string().as_bytes()).unwrap()).dedupe_key
    };
    assert_eq!(key(&original), key(&unchanged));
    assert_ne!(key(&original), key(&changed));
    assert_eq!(
        key(&changed),
        key(&changed_again),
        "a redelivered edit keeps its key"
    );
    let mut other_message = original.clone();
    other_message["message"]["message_id"] = json!(1599);
    assert_ne!(key(&original), key(&other_message));
}

#[test]
fn telegram_membership_change_and_channel_post_are_ignored() {
    let added = single(parse_telegram(&fixture("telegram/my_chat_member_added.json")).unwrap());
    assert_eq!(added.dedupe_key, "tg:884215005");
    assert_eq!(
        ignored_reason(&added),
        "my_chat_member: the bot went from left to member in chat -1001987654321"
    );
    let post = single(parse_telegram(&fixture("telegram/channel_post.json")).unwrap());
    assert_eq!(post.dedupe_key, "tg:884215006");
    assert_eq!(ignored_reason(&post), "channel post");
}

#[test]
fn telegram_unknown_and_non_text_updates_are_ignored() {
    let callback = json!({"update_id": 9, "callback_query": {"id": "1", "data": "x"}});
    let item = single(parse_telegram(callback.to_string().as_bytes()).unwrap());
    assert_eq!(item.dedupe_key, "tg:9");
    assert_eq!(
        ignored_reason(&item),
        "unhandled update type callback_query"
    );

    let mut photo = fixture_json("telegram/private_text.json");
    photo["message"].as_object_mut().unwrap().remove("text");
    photo["message"]["photo"] = json!([{"file_id": "f", "width": 1, "height": 1}]);
    let item = single(parse_telegram(photo.to_string().as_bytes()).unwrap());
    assert_eq!(ignored_reason(&item), "non-text message");
}

#[test]
fn telegram_anonymous_admins_are_the_group() {
    let mut update = fixture_json("telegram/group_text.json");
    update["message"]["sender_chat"] =
        json!({"id": -4123456789i64, "title": "Dealers North", "type": "group"});
    let item = single(parse_telegram(update.to_string().as_bytes()).unwrap());
    let message = message(&item);
    assert_eq!(message.sender_id, "-4123456789");
    assert_eq!(message.sender_name.as_deref(), Some("Dealers North"));
}

#[test]
fn telegram_malformed_payloads() {
    for body in [&b"not json"[..], b"{}", b"[]", br#"{"update_id":"x"}"#] {
        assert!(
            matches!(parse_telegram(body), Err(InboundError::Malformed(_))),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Green API payloads
// ---------------------------------------------------------------------------------------

#[test]
fn greenapi_private_text() {
    let item = single(parse_greenapi(&fixture("greenapi/incoming_text_private.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "ga:1101823456:79001234567@c.us:A5F1C0D2E3B4A5968778695A4B3C2D1E"
    );
    assert_eq!(item.account.as_deref(), Some("1101823456"));
    assert_eq!(
        message(&item),
        &InboundMessage {
            chat_id: "79001234567@c.us".into(),
            sender_id: "79001234567@c.us".into(),
            sender_name: Some("Ivan".into()),
            text: "2274209 refill".into(),
            is_group: false,
            topic_id: None,
            message_id: "A5F1C0D2E3B4A5968778695A4B3C2D1E".into(),
            edited: false,
            sent_at: at(1795505400),
        }
    );
}

#[test]
fn greenapi_group_text_replies_to_the_group() {
    let item = single(parse_greenapi(&fixture("greenapi/incoming_text_group.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "ga:1101823456:120363025478365921@g.us:3A8F2C61D0B7E4A95C13"
    );
    let message = message(&item);
    assert_eq!(message.chat_id, "120363025478365921@g.us");
    assert_eq!(message.sender_id, "79007654321@c.us");
    assert_eq!(message.sender_name.as_deref(), Some("Anna K."));
    assert_eq!(message.text, "123456, 123457 speed");
    assert!(message.is_group);
    assert_eq!(message.sent_at, at(1795505465));
}

#[test]
fn greenapi_extended_text_and_quoted_reply() {
    let item = single(parse_greenapi(&fixture("greenapi/incoming_extended_text.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "ga:1101823456:79001234567@c.us:7C9E1B3D5F7A9C1E3B5D7F9A1C3E5B7D"
    );
    assert_eq!(message(&item).text, "balance");
    assert!(!message(&item).is_group);

    let item = single(parse_greenapi(&fixture("greenapi/incoming_quoted_reply.json")).unwrap());
    assert_eq!(
        message(&item).text,
        "2274209 refill",
        "the reply's own text, not the quoted one"
    );
    assert_eq!(
        message(&item).message_id,
        "E2D4F6A8C0B2D4F6A8C0E2D4F6A8C0B2"
    );
    assert_eq!(message(&item).sent_at, at(1795505590));
}

#[test]
fn greenapi_outgoing_status() {
    let item = single(parse_greenapi(&fixture("greenapi/outgoing_status.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "ga-status:1101823456:79001234567@c.us:BAE5F4886F0B1E49:delivered"
    );
    assert_eq!(item.account.as_deref(), Some("1101823456"));
    assert_eq!(
        item.kind,
        InboundKind::Status {
            message_id: "BAE5F4886F0B1E49".into(),
            status: "delivered".into(),
            error: None,
        }
    );
}

#[test]
fn greenapi_failed_status_carries_the_description() {
    let mut status = fixture_json("greenapi/outgoing_status.json");
    status["status"] = json!("failed");
    status["description"] =
        json!("SWE004: the number of participants in the group has been exceeded - 300");
    let item = single(parse_greenapi(status.to_string().as_bytes()).unwrap());
    assert!(item.dedupe_key.ends_with(":failed"));
    let InboundKind::Status { error, .. } = &item.kind else {
        panic!("{item:?}");
    };
    assert!(error.as_deref().unwrap().starts_with("SWE004"));
}

#[test]
fn greenapi_state_change_is_ignored() {
    let body = fixture("greenapi/state_changed.json");
    let item = single(parse_greenapi(&body).unwrap());
    assert_eq!(item.account.as_deref(), Some("1101823456"));
    assert!(item.dedupe_key.starts_with("ga-event:1101823456:"));
    assert_eq!(
        ignored_reason(&item),
        "instance state changed to notAuthorized"
    );
    // A redelivery has the same key; another state change another.
    let again = single(parse_greenapi(&body).unwrap());
    assert_eq!(again.dedupe_key, item.dedupe_key);
    let mut authorized = fixture_json("greenapi/state_changed.json");
    authorized["stateInstance"] = json!("authorized");
    let other = single(parse_greenapi(authorized.to_string().as_bytes()).unwrap());
    assert_ne!(other.dedupe_key, item.dedupe_key);
}

#[test]
fn greenapi_echoes_are_never_messages() {
    for kind in ["outgoingAPIMessageReceived", "outgoingMessageReceived"] {
        let mut echo = fixture_json("greenapi/incoming_text_private.json");
        echo["typeWebhook"] = json!(kind);
        let item = single(parse_greenapi(echo.to_string().as_bytes()).unwrap());
        assert_eq!(
            item.kind,
            InboundKind::Echo {
                chat_id: "79001234567@c.us".into(),
                message_id: "A5F1C0D2E3B4A5968778695A4B3C2D1E".into(),
            },
            "{kind}"
        );
    }
    // An "incoming" message whose author is the instance's own number is an echo too.
    let mut own = fixture_json("greenapi/incoming_text_group.json");
    own["senderData"]["sender"] = json!("79991234567@c.us");
    let item = single(parse_greenapi(own.to_string().as_bytes()).unwrap());
    assert!(matches!(item.kind, InboundKind::Echo { .. }), "{item:?}");
}

#[test]
fn greenapi_placeholders_and_non_text_are_ignored() {
    let mut placeholder = fixture_json("greenapi/incoming_text_private.json");
    placeholder["messageData"]["textMessageData"]["textMessage"] = json!("{{SWE001}}");
    let item = single(parse_greenapi(placeholder.to_string().as_bytes()).unwrap());
    assert_eq!(ignored_reason(&item), "delivery placeholder {{SWE001}}");
    assert_eq!(
        item.dedupe_key,
        "ga:1101823456:79001234567@c.us:A5F1C0D2E3B4A5968778695A4B3C2D1E"
    );

    let mut image = fixture_json("greenapi/incoming_text_private.json");
    image["messageData"] = json!({"typeMessage": "imageMessage",
        "fileMessageData": {"downloadUrl": "https://x/y.jpg", "caption": "balance"}});
    let item = single(parse_greenapi(image.to_string().as_bytes()).unwrap());
    assert_eq!(ignored_reason(&item), "non-text message imageMessage");

    let call = json!({"typeWebhook": "incomingCall", "instanceData": {"idInstance": 1101823456,
        "wid": "79991234567@c.us", "typeInstance": "whatsapp"}, "timestamp": 1795505400,
        "from": "79001234567@c.us", "status": "offer", "idMessage": "C1"});
    let item = single(parse_greenapi(call.to_string().as_bytes()).unwrap());
    assert_eq!(ignored_reason(&item), "unhandled notification incomingCall");
}

#[test]
fn greenapi_malformed_payloads() {
    let no_instance = json!({"typeWebhook": "incomingMessageReceived", "idMessage": "X"});
    let no_sender = json!({"typeWebhook": "incomingMessageReceived",
        "instanceData": {"idInstance": 1}, "idMessage": "X"});
    for body in [
        b"{".to_vec(),
        b"{}".to_vec(),
        no_instance.to_string().into_bytes(),
        no_sender.to_string().into_bytes(),
    ] {
        assert!(
            matches!(parse_greenapi(&body), Err(InboundError::Malformed(_))),
            "{}",
            String::from_utf8_lossy(&body)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Meta payloads
// ---------------------------------------------------------------------------------------

#[test]
fn meta_incoming_text() {
    let item = single(parse_meta(&fixture("meta/incoming_text.json")).unwrap());
    // `\/` in the wire bytes is a plain `/` in the id.
    assert_eq!(
        item.dedupe_key,
        "meta:wamid.HBgNNTIxNTUxMjM0NTY3OBUCABIYFjNFQjAzQjE4RjI5Qj/BNkE3QzJENUEA"
    );
    assert_eq!(item.account.as_deref(), Some(META_PHONE_ID));
    assert_eq!(
        message(&item),
        &InboundMessage {
            chat_id: "5215512345678".into(),
            sender_id: "5215512345678".into(),
            sender_name: Some("José Ramírez".into()),
            text: "2274209 refill".into(),
            is_group: false,
            topic_id: None,
            message_id: "wamid.HBgNNTIxNTUxMjM0NTY3OBUCABIYFjNFQjAzQjE4RjI5Qj/BNkE3QzJENUEA".into(),
            edited: false,
            sent_at: at(1795505700),
        }
    );
}

#[test]
fn meta_non_text_is_ignored() {
    let item = single(parse_meta(&fixture("meta/incoming_non_text.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "meta:wamid.HBgNNTIxNTUxMjM0NTY3OBUCABIYFjNFQjA1RDdGOUIxQzNFNUY3QTlCMUQA"
    );
    assert_eq!(item.account.as_deref(), Some(META_PHONE_ID));
    assert_eq!(ignored_reason(&item), "non-text message image");
}

#[test]
fn meta_statuses() {
    let item = single(parse_meta(&fixture("meta/status_update.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "meta-status:wamid.HBgNNTIxNTUxMjM0NTY3OBUCABEYEjRFNkM4QTBCMkQ0RjZBOEMwRQA=:delivered"
    );
    assert_eq!(item.account.as_deref(), Some(META_PHONE_ID));
    assert_eq!(
        item.kind,
        InboundKind::Status {
            message_id: "wamid.HBgNNTIxNTUxMjM0NTY3OBUCABEYEjRFNkM4QTBCMkQ0RjZBOEMwRQA=".into(),
            status: "delivered".into(),
            error: None,
        }
    );

    let item = single(parse_meta(&fixture("meta/status_failed_131047.json")).unwrap());
    assert_eq!(
        item.dedupe_key,
        "meta-status:wamid.HBgNNTIxNTUxMjM0NTY3OBUCABEYEjlBMUMzRTVGN0IyRDRGNkE4QwA=:failed"
    );
    assert_eq!(
        item.kind,
        InboundKind::Status {
            message_id: "wamid.HBgNNTIxNTUxMjM0NTY3OBUCABEYEjlBMUMzRTVGN0IyRDRGNkE4QwA=".into(),
            status: "failed".into(),
            error: Some(
                "131047 Re-engagement message: Message failed to send because more than 24 \
                 hours have passed since the customer last replied to this number."
                    .into()
            ),
        }
    );
}

#[test]
fn meta_payloads_with_several_entries_changes_messages_and_statuses() {
    let text = |id: &str, body: &str| {
        json!({"from": "5215512345678", "id": id, "timestamp": "1795505700", "type": "text",
            "text": {"body": body}})
    };
    let payload = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "184756302918475", "changes": [
            {"field": "messages", "value": {"messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15557840021", "phone_number_id": META_PHONE_ID},
                "contacts": [{"profile": {"name": "José"}, "wa_id": "5215512345678"}],
                "messages": [text("wamid.A", "2274209 refill"), text("wamid.B", "balance")],
                "statuses": [{"id": "wamid.OUT", "status": "read", "timestamp": "1795505701",
                    "recipient_id": "5215512345678"}]}},
            {"field": "account_update", "value": {"event": "VERIFIED_ACCOUNT"}}
        ]},
        {"id": "999", "changes": [
            {"field": "messages", "value": {"messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550001111", "phone_number_id": "222"},
                "errors": [{"code": 131000, "title": "Something went wrong"}]}}
        ]}
    ]});
    let items = parse_meta(payload.to_string().as_bytes()).unwrap();
    let keys: Vec<&str> = items.iter().map(|item| item.dedupe_key.as_str()).collect();
    assert_eq!(keys.len(), 5, "{keys:?}");
    assert_eq!(
        keys[0..3],
        ["meta:wamid.A", "meta:wamid.B", "meta-status:wamid.OUT:read"]
    );
    assert!(keys[3].starts_with("meta-event:184756302918475:"));
    assert!(keys[4].starts_with("meta-event:999:"));
    assert_eq!(message(&items[0]).text, "2274209 refill");
    assert_eq!(message(&items[1]).text, "balance");
    assert_eq!(message(&items[1]).sender_name.as_deref(), Some("José"));
    assert_eq!(ignored_reason(&items[3]), "unhandled field account_update");
    assert_eq!(
        ignored_reason(&items[4]),
        "error notification 131000 Something went wrong"
    );
    assert_eq!(items[0].account.as_deref(), Some(META_PHONE_ID));
    assert_eq!(items[4].account.as_deref(), Some("222"));
}

#[test]
fn meta_username_users_are_keyed_by_their_bsuid() {
    let mut payload = fixture_json("meta/incoming_text.json");
    let value = &mut payload["entry"][0]["changes"][0]["value"];
    value["messages"][0].as_object_mut().unwrap().remove("from");
    value["contacts"][0]
        .as_object_mut()
        .unwrap()
        .remove("wa_id");
    let item = single(parse_meta(payload.to_string().as_bytes()).unwrap());
    let message = message(&item);
    assert_eq!(message.sender_id, "MX.84120951738264019");
    assert_eq!(message.chat_id, "MX.84120951738264019");
    assert_eq!(message.sender_name.as_deref(), Some("José Ramírez"));
}

#[test]
fn meta_group_messages_reply_to_the_group() {
    let mut payload = fixture_json("meta/incoming_text.json");
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["group_id"] =
        json!("120363999888777666");
    let item = single(parse_meta(payload.to_string().as_bytes()).unwrap());
    assert!(message(&item).is_group);
    assert_eq!(message(&item).chat_id, "120363999888777666");
    assert_eq!(message(&item).sender_id, "5215512345678");
}

#[test]
fn meta_malformed_payloads() {
    let page = json!({"object": "page", "entry": []});
    let bad_value = json!({"object": "whatsapp_business_account", "entry": [{"id": "1",
        "changes": [{"field": "messages", "value": {"messages": [{"id": 5}]}}]}]});
    for body in [
        b"not json".to_vec(),
        b"{}".to_vec(),
        page.to_string().into_bytes(),
        bad_value.to_string().into_bytes(),
    ] {
        assert!(
            matches!(parse_meta(&body), Err(InboundError::Malformed(_))),
            "{}",
            String::from_utf8_lossy(&body)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Webhook authentication
// ---------------------------------------------------------------------------------------

#[test]
fn meta_signature_over_the_exact_bytes() {
    let example = fixture_json("meta/signature_example.json");
    let secret = example["app_secret"].as_str().unwrap();
    let signature = example["x_hub_signature_256"].as_str().unwrap();
    let body = fixture(&format!("meta/{}", example["body_file"].as_str().unwrap()));
    assert_eq!(
        verify_meta_signature(&body, Some(signature), secret),
        Ok(())
    );

    // One byte changed anywhere: refused.
    for index in [0, body.len() / 2, body.len() - 1] {
        let mut tampered = body.clone();
        tampered[index] ^= 0x01;
        assert_eq!(
            verify_meta_signature(&tampered, Some(signature), secret),
            Err(AuthFailure::Mismatch),
            "byte {index}"
        );
    }
    // Re-serialising the parsed JSON changes the bytes (unescaped é and /): refused.
    let reserialised = serde_json::to_vec(&fixture_json("meta/incoming_text.json")).unwrap();
    assert_eq!(
        verify_meta_signature(&reserialised, Some(signature), secret),
        Err(AuthFailure::Mismatch)
    );
    assert_eq!(
        verify_meta_signature(&body, Some(signature), "another-app-secret"),
        Err(AuthFailure::Mismatch)
    );
    let uppercase = format!("sha256={}", signature["sha256=".len()..].to_uppercase());
    assert_eq!(
        verify_meta_signature(&body, Some(&uppercase), secret),
        Ok(())
    );
    assert_eq!(
        verify_meta_signature(&body, None, secret),
        Err(AuthFailure::Missing)
    );
    for malformed in [
        "273e5000446f9ea81eedfac795ab14b46b66df07c2b7606a2c6d7a6918ca11e7",
        "sha1=273e5000",
        "sha256=not-hex",
    ] {
        assert_eq!(
            verify_meta_signature(&body, Some(malformed), secret),
            Err(AuthFailure::Malformed),
            "{malformed}"
        );
    }
    assert_eq!(
        verify_meta_signature(&body, Some("sha256=00"), secret),
        Err(AuthFailure::Mismatch),
        "a short signature"
    );
    assert_eq!(
        verify_meta_signature(&body, Some(signature), ""),
        Err(AuthFailure::NotConfigured)
    );
}

#[test]
fn meta_verification_handshake() {
    let query = String::from_utf8(fixture("meta/verify_query.txt")).unwrap();
    assert_eq!(
        meta_challenge(&query, "acme-wa-verify-7f3c2a"),
        Ok("1158201444".to_string())
    );
    assert_eq!(
        meta_challenge(&query, "another-token"),
        Err(AuthFailure::Mismatch)
    );
    assert_eq!(meta_challenge(&query, ""), Err(AuthFailure::NotConfigured));
    assert_eq!(
        meta_challenge(
            "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=acme-wa-verify-7f3c2a",
            "acme-wa-verify-7f3c2a"
        ),
        Err(AuthFailure::Malformed)
    );
    assert_eq!(
        meta_challenge(
            "hub.mode=subscribe&hub.challenge=1",
            "acme-wa-verify-7f3c2a"
        ),
        Err(AuthFailure::Missing)
    );
    assert_eq!(
        meta_challenge(
            "hub.mode=subscribe&hub.verify_token=acme-wa-verify-7f3c2a",
            "acme-wa-verify-7f3c2a"
        ),
        Err(AuthFailure::Missing),
        "no challenge"
    );
    assert_eq!(
        meta_challenge(
            "hub.verify_token=a%20b%2Bc&hub.challenge=42&hub.mode=subscribe",
            "a b+c"
        ),
        Ok("42".to_string()),
        "percent-decoded, any order"
    );
}

#[test]
fn telegram_secret_token_header() {
    let secret = "tg-webhook-secret_Abc-123";
    assert_eq!(verify_telegram_secret(Some(secret), secret), Ok(()));
    assert_eq!(
        verify_telegram_secret(Some("tg-webhook-secret_Abc-124"), secret),
        Err(AuthFailure::Mismatch)
    );
    assert_eq!(
        verify_telegram_secret(Some(""), secret),
        Err(AuthFailure::Mismatch)
    );
    assert_eq!(
        verify_telegram_secret(None, secret),
        Err(AuthFailure::Missing)
    );
    assert_eq!(
        verify_telegram_secret(Some(""), ""),
        Err(AuthFailure::NotConfigured),
        "an empty secret accepts nothing"
    );
}

#[test]
fn greenapi_bearer_or_bare_token() {
    let token = "ga-webhook-token-77c1";
    for accepted in [
        "Bearer ga-webhook-token-77c1",
        "bearer ga-webhook-token-77c1",
        "ga-webhook-token-77c1",
        "  Bearer  ga-webhook-token-77c1 ",
    ] {
        assert_eq!(
            verify_greenapi_token(Some(accepted), token),
            Ok(()),
            "{accepted}"
        );
    }
    assert_eq!(
        verify_greenapi_token(Some("Bearer ga-webhook-token-77c2"), token),
        Err(AuthFailure::Mismatch)
    );
    assert_eq!(
        verify_greenapi_token(Some("Basic ga-webhook-token-77c1"), token),
        Err(AuthFailure::Malformed)
    );
    assert_eq!(
        verify_greenapi_token(None, token),
        Err(AuthFailure::Missing)
    );
    assert_eq!(
        verify_greenapi_token(Some("Bearer x"), ""),
        Err(AuthFailure::NotConfigured)
    );
}

// ---------------------------------------------------------------------------------------
// Outbound: fakes, log capture
// ---------------------------------------------------------------------------------------

/// Every log line of this test binary, to prove no token appears in one.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || LogWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn http() -> HttpClient {
    captured_logs();
    HttpClient::new(Duration::from_millis(800)).unwrap()
}

fn telegram(server: &MockServer) -> TelegramBot {
    TelegramBot::new(http(), &server.uri(), BOT_TOKEN)
}

fn greenapi(server: &MockServer) -> GreenApi {
    GreenApi::new(http(), &server.uri(), GA_INSTANCE, GA_TOKEN)
}

fn meta(server: &MockServer) -> MetaCloud {
    MetaCloud::new(
        http(),
        &server.uri(),
        META_GRAPH_VERSION,
        META_PHONE_ID,
        META_TOKEN,
    )
}

fn text(chat_id: &str, topic_id: Option<i64>, text: &str) -> OutboundText {
    OutboundText {
        chat_id: chat_id.into(),
        topic_id,
        text: text.into(),
    }
}

/// The JSON bodies the fake received, in order.
async fn received_bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| serde_json::from_slice(&request.body).unwrap_or(Value::Null))
        .collect()
}

/// A fake answering every request with `response`.
async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn telegram_path(method: &str) -> String {
    format!("/bot{BOT_TOKEN}/{method}")
}

fn greenapi_path(method: &str) -> String {
    format!("/waInstance{GA_INSTANCE}/{method}/{GA_TOKEN}")
}

/// An address nothing listens on: a port the OS just handed out, released again.
/// (A dropped `MockServer` goes back to wiremock's pool and keeps listening.)
fn closed_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

// ---------------------------------------------------------------------------------------
// Outbound: Telegram
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn telegram_sends_into_the_topic_as_plain_text() {
    let server = MockServer::start().await;
    let expected = json!({"chat_id": -1001987654321i64, "message_thread_id": 77,
        "text": "Order 2274209: refill requested."});
    Mock::given(method("POST"))
        .and(path(telegram_path("sendMessage")))
        .and(header("content-type", "application/json"))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture_json("telegram/api_send_message_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let sent = telegram(&server)
        .send_text(&text(
            "-1001987654321",
            Some(77),
            "Order 2274209: refill requested.",
        ))
        .await
        .unwrap();
    assert_eq!(sent.provider_message_id.as_deref(), Some("1045"));
    assert!(
        sent.response.contains("\"message_id\":1045"),
        "{}",
        sent.response
    );
    assert!(sent.response.len() <= 2048);
    assert_eq!(received_bodies(&server).await, [expected]);
}

#[tokio::test]
async fn telegram_private_chats_and_channel_usernames() {
    let server = answering(
        ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": {"message_id": 9}})),
    )
    .await;
    let bot = telegram(&server);
    bot.send_text(&text("5123456789", None, "balance: 10 USD"))
        .await
        .unwrap();
    bot.send_text(&text("@acme_status", None, "ok"))
        .await
        .unwrap();
    assert_eq!(
        received_bodies(&server).await,
        [
            json!({"chat_id": 5123456789i64, "text": "balance: 10 USD"}),
            json!({"chat_id": "@acme_status", "text": "ok"}),
        ]
    );
}

#[tokio::test]
async fn telegram_flood_control_reports_retry_after() {
    let server = answering(
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "17")
            .set_body_json(fixture_json("telegram/api_error_429.json")),
    )
    .await;
    let err = telegram(&server)
        .send_text(&text("5123456789", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::RateLimited {
            retry_after: Some(Duration::from_secs(17))
        }
    );
    assert!(err.is_retryable());

    // The header alone is enough.
    let server = answering(
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "5")
            .set_body_string("Too Many Requests"),
    )
    .await;
    let err = telegram(&server)
        .send_text(&text("5123456789", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::RateLimited {
            retry_after: Some(Duration::from_secs(5))
        }
    );
}

#[tokio::test]
async fn telegram_migrated_group() {
    let server = answering(
        ResponseTemplate::new(400).set_body_json(fixture_json("telegram/api_error_migrated.json")),
    )
    .await;
    let err = telegram(&server)
        .send_text(&text("-4123456789", None, "123456 speed"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::ChatMigrated {
            new_chat_id: "-1001555666777".into()
        }
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn telegram_blocked_bad_token_and_server_errors() {
    let server = answering(
        ResponseTemplate::new(403).set_body_json(fixture_json("telegram/api_error_blocked.json")),
    )
    .await;
    let err = telegram(&server)
        .send_text(&text("5123456789", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::Rejected {
            code: Some("403".into()),
            reason: "Forbidden: bot was blocked by the user".into()
        }
    );
    assert!(!err.is_retryable());

    let server = answering(ResponseTemplate::new(400).set_body_json(
        json!({"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}),
    ))
    .await;
    let err = telegram(&server)
        .send_text(&text("1", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::Rejected {
            code: Some("400".into()),
            reason: "Bad Request: chat not found".into()
        }
    );

    let server = answering(
        ResponseTemplate::new(401)
            .set_body_json(json!({"ok": false, "error_code": 401, "description": "Unauthorized"})),
    )
    .await;
    let err = telegram(&server)
        .send_text(&text("1", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(err, SendError::AuthFailed);

    let server = answering(ResponseTemplate::new(502).set_body_string("Bad Gateway")).await;
    let err = telegram(&server)
        .send_text(&text("1", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(err, SendError::Http(502));
    assert!(err.is_retryable());

    let server = answering(ResponseTemplate::new(200).set_body_string("<html>oops</html>")).await;
    let err = telegram(&server)
        .send_text(&text("1", None, "x"))
        .await
        .unwrap_err();
    assert!(matches!(err, SendError::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn slow_and_absent_providers() {
    let slow = answering(
        ResponseTemplate::new(200)
            .set_delay(Duration::from_secs(3))
            .set_body_json(json!({"ok": true, "result": {"message_id": 1}})),
    )
    .await;
    let started = std::time::Instant::now();
    let err = telegram(&slow)
        .send_text(&text("1", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(err, SendError::Timeout);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the per-request timeout"
    );
    assert!(err.is_retryable());

    let closed = closed_address();
    let bot = TelegramBot::new(http(), &closed, BOT_TOKEN);
    assert_eq!(
        bot.send_text(&text("1", None, "x")).await.unwrap_err(),
        SendError::Unreachable
    );
    let instance = GreenApi::new(http(), &closed, GA_INSTANCE, GA_TOKEN);
    assert_eq!(
        instance
            .send_text(&text("79001234567@c.us", None, "x"))
            .await
            .unwrap_err(),
        SendError::Unreachable
    );
}

// ---------------------------------------------------------------------------------------
// Outbound: Green API
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn greenapi_sends_to_the_chat() {
    let server = MockServer::start().await;
    let expected = json!({"chatId": "79001234567@c.us",
        "message": "Refill for account 2274209 accepted."});
    Mock::given(method("POST"))
        .and(path(greenapi_path("sendMessage")))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture_json("greenapi/api_send_message_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let sent = greenapi(&server)
        .send_text(&text(
            "79001234567@c.us",
            Some(77),
            "Refill for account 2274209 accepted.",
        ))
        .await
        .unwrap();
    assert_eq!(
        sent.provider_message_id.as_deref(),
        Some("BAE5F4886F0B1E49")
    );
    assert!(sent.response.contains("BAE5F4886F0B1E49"));
    assert_eq!(received_bodies(&server).await, [expected], "no topic field");
}

#[tokio::test]
async fn greenapi_quota_rate_limit_and_instance_states() {
    let server = answering(
        ResponseTemplate::new(466)
            .set_body_json(fixture_json("greenapi/api_error_466_correspondents.json")),
    )
    .await;
    let err = greenapi(&server)
        .send_text(&text("79001239999@c.us", None, "x"))
        .await
        .unwrap_err();
    let SendError::Rejected { code, reason } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(code.as_deref(), Some("CORRESPONDENTS_QUOTE_EXCEEDED"));
    assert!(
        reason.starts_with("Monthly quota has been exceeded"),
        "{reason}"
    );
    assert!(!err.is_retryable());

    let cases = [
        (
            ResponseTemplate::new(429).insert_header("Retry-After", "3"),
            SendError::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
            },
        ),
        (
            ResponseTemplate::new(429),
            SendError::RateLimited { retry_after: None },
        ),
        (
            ResponseTemplate::new(400).set_body_string("instance in starting process try later"),
            SendError::Unreachable,
        ),
        (
            ResponseTemplate::new(400).set_body_string("instance account not authorized"),
            SendError::AuthFailed,
        ),
        (ResponseTemplate::new(401), SendError::AuthFailed),
        (ResponseTemplate::new(403), SendError::AuthFailed),
        (
            ResponseTemplate::new(400).set_body_json(json!({"message": "Validation failed. \
                Details: 'message' length must be less than or equal to 20000 characters long"})),
            SendError::Rejected {
                code: Some("400".into()),
                reason: "Validation failed. Details: 'message' length must be less than or \
                    equal to 20000 characters long"
                    .into(),
            },
        ),
        (ResponseTemplate::new(500), SendError::Http(500)),
        (ResponseTemplate::new(502), SendError::Http(502)),
    ];
    for (response, expected) in cases {
        let server = answering(response).await;
        let err = greenapi(&server)
            .send_text(&text("79001234567@c.us", None, "x"))
            .await
            .unwrap_err();
        assert_eq!(err, expected);
    }
}

// ---------------------------------------------------------------------------------------
// Outbound: Meta
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn meta_sends_a_text_with_the_bearer_token() {
    let server = MockServer::start().await;
    let expected = json!({"messaging_product": "whatsapp", "recipient_type": "individual",
        "to": "5215512345678", "type": "text",
        "text": {"preview_url": false, "body": "Refill for account 2274209 accepted."}});
    Mock::given(method("POST"))
        .and(path(format!(
            "/{META_GRAPH_VERSION}/{META_PHONE_ID}/messages"
        )))
        .and(header(
            "authorization",
            format!("Bearer {META_TOKEN}").as_str(),
        ))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture_json("meta/api_send_text_response.json")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let sent = meta(&server)
        .send_text(&text(
            "5215512345678",
            None,
            "Refill for account 2274209 accepted.",
        ))
        .await
        .unwrap();
    assert_eq!(
        sent.provider_message_id.as_deref(),
        Some("wamid.HBgNNTIxNTUxMjM0NTY3OBUCABEYEjRFNkM4QTBCMkQ0RjZBOEMwRQA=")
    );
    assert!(sent.response.contains("accepted"));
    // The fixture request without its optional reply context.
    let mut fixture_request = fixture_json("meta/api_send_text_request.json");
    fixture_request.as_object_mut().unwrap().remove("context");
    assert_eq!(received_bodies(&server).await, [fixture_request]);
}

#[tokio::test]
async fn meta_addresses_username_users_by_bsuid() {
    let server = answering(
        ResponseTemplate::new(200).set_body_json(fixture_json("meta/api_send_text_response.json")),
    )
    .await;
    meta(&server)
        .send_text(&text("MX.84120951738264019", None, "hi"))
        .await
        .unwrap();
    let body = &received_bodies(&server).await[0];
    assert_eq!(body["recipient"], "MX.84120951738264019");
    assert!(body.get("to").is_none());
}

#[tokio::test]
async fn meta_error_codes() {
    let server = answering(
        ResponseTemplate::new(400).set_body_json(fixture_json("meta/api_error_131047.json")),
    )
    .await;
    let err = meta(&server)
        .send_text(&text("5215512345678", None, "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SendError::Rejected {
            code: Some("131047".into()),
            reason: "(#131047) Re-engagement message: Message failed to send because more than \
                24 hours have passed since the customer last replied to this number."
                .into(),
        }
    );
    assert!(!err.is_retryable());

    let graph_error = |code: i64| {
        json!({"error": {"message": "x", "type": "OAuthException",
        "code": code, "fbtrace_id": "A"}})
    };
    let cases = [
        (
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "60")
                .set_body_json(graph_error(130429)),
            SendError::RateLimited {
                retry_after: Some(Duration::from_secs(60)),
            },
        ),
        (
            ResponseTemplate::new(400).set_body_json(graph_error(131056)),
            SendError::RateLimited { retry_after: None },
        ),
        (
            ResponseTemplate::new(400).set_body_json(graph_error(80007)),
            SendError::RateLimited { retry_after: None },
        ),
        (
            ResponseTemplate::new(401).set_body_json(graph_error(190)),
            SendError::AuthFailed,
        ),
        (
            ResponseTemplate::new(400).set_body_json(graph_error(190)),
            SendError::AuthFailed,
        ),
        (
            ResponseTemplate::new(400).set_body_json(graph_error(131016)),
            SendError::Unreachable,
        ),
        (
            ResponseTemplate::new(503).set_body_string("Service Unavailable"),
            SendError::Http(503),
        ),
        (
            ResponseTemplate::new(400).set_body_json(graph_error(131026)),
            SendError::Rejected {
                code: Some("131026".into()),
                reason: "x".into(),
            },
        ),
    ];
    for (response, expected) in cases {
        let server = answering(response).await;
        let err = meta(&server)
            .send_text(&text("5215512345678", None, "x"))
            .await
            .unwrap_err();
        assert_eq!(err, expected);
    }
}

// ---------------------------------------------------------------------------------------
// No token in errors or logs
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn tokens_never_appear_in_errors_debug_output_or_logs() {
    // Providers echoing the request path or the token in an error body.
    let ga_server = answering(
        ResponseTemplate::new(404)
            .set_body_string(format!("Not found: {}", greenapi_path("sendMessage"))),
    )
    .await;
    let meta_server = answering(ResponseTemplate::new(400).set_body_json(json!({"error": {
        "message": format!("Malformed access token {META_TOKEN}"), "code": 100}})))
    .await;
    let tg_server = answering(ResponseTemplate::new(400).set_body_json(json!({"ok": false,
        "error_code": 400, "description": format!("Bad Request: bot{BOT_TOKEN}")})))
    .await;
    let slow = answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(3))).await;
    let closed = closed_address();

    let mut errors = Vec::new();
    for base in [ga_server.uri(), slow.uri(), closed.clone()] {
        let instance = GreenApi::new(http(), &base, GA_INSTANCE, GA_TOKEN);
        errors.push(
            instance
                .send_text(&text("79001234567@c.us", None, "x"))
                .await
                .unwrap_err(),
        );
        assert!(!format!("{instance:?}").contains(GA_TOKEN));
    }
    for base in [meta_server.uri(), slow.uri(), closed.clone()] {
        let number = MetaCloud::new(http(), &base, "v26.0", META_PHONE_ID, META_TOKEN);
        errors.push(
            number
                .send_text(&text("5215512345678", None, "x"))
                .await
                .unwrap_err(),
        );
        assert!(!format!("{number:?}").contains(META_TOKEN));
    }
    for base in [tg_server.uri(), slow.uri(), closed] {
        let bot = TelegramBot::new(http(), &base, BOT_TOKEN);
        errors.push(bot.send_text(&text("1", None, "x")).await.unwrap_err());
        assert!(!format!("{bot:?}").contains(BOT_TOKEN));
    }
    assert!(
        matches!(&errors[0], SendError::Rejected { reason, .. } if reason.contains("<redacted>"))
    );
    assert!(
        matches!(&errors[3], SendError::Rejected { reason, .. } if reason.contains("<redacted>"))
    );
    assert!(
        matches!(&errors[6], SendError::Rejected { reason, .. } if reason.contains("<redacted>"))
    );
    for err in &errors {
        for token in [GA_TOKEN, META_TOKEN, BOT_TOKEN] {
            assert!(!format!("{err}").contains(token), "{err}");
            assert!(!format!("{err:?}").contains(token), "{err:?}");
        }
    }
    let webhook = GreenApiWebhook {
        url: "https://relay.example/webhooks/whatsapp_greenapi/ch_1".into(),
        token: "ga-webhook-token-77c1".into(),
    };
    assert!(!format!("{webhook:?}").contains("ga-webhook-token-77c1"));

    let logs = String::from_utf8(captured_logs().lock().unwrap().clone()).unwrap();
    assert!(logs.contains("messaging"), "requests are logged: {logs}");
    for token in [GA_TOKEN, META_TOKEN, BOT_TOKEN] {
        assert!(!logs.contains(token), "a log line holds a token");
    }
}

// ---------------------------------------------------------------------------------------
// Channel validation
// ---------------------------------------------------------------------------------------

const WEBHOOK_URL: &str = "https://relay.example/webhooks/telegram/ch_01";
const WEBHOOK_SECRET: &str = "tg-webhook-secret_Abc-123";

fn telegram_webhook() -> TelegramWebhook {
    TelegramWebhook {
        url: WEBHOOK_URL.into(),
        secret_token: WEBHOOK_SECRET.into(),
    }
}

async fn mount_telegram(server: &MockServer, method_name: &str, answer: Value) {
    Mock::given(method("POST"))
        .and(path(telegram_path(method_name)))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(server)
        .await;
}

fn get_me(can_read_all: bool) -> Value {
    json!({"ok": true, "result": {"id": 7345678901i64, "is_bot": true,
        "first_name": "Acme Support", "username": "acme_support_bot",
        "can_join_groups": true, "can_read_all_group_messages": can_read_all}})
}

#[tokio::test]
async fn telegram_validation_sets_the_webhook() {
    let server = MockServer::start().await;
    mount_telegram(&server, "getMe", get_me(false)).await;
    Mock::given(method("POST"))
        .and(path(telegram_path("setWebhook")))
        .and(body_json(
            json!({"url": WEBHOOK_URL, "secret_token": WEBHOOK_SECRET,
            "allowed_updates": ["message", "edited_message", "channel_post", "my_chat_member"]}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"ok": true, "result": true, "description": "Webhook was set"}),
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    mount_telegram(
        &server,
        "getWebhookInfo",
        json!({"ok": true, "result": {"url": WEBHOOK_URL, "has_custom_certificate": false,
            "pending_update_count": 2, "last_error_date": 1795505000,
            "last_error_message": "Connection refused"}}),
    )
    .await;
    let report = telegram(&server).validate(&telegram_webhook()).await;
    assert!(report.ok, "{report:?}");
    assert_eq!(report.status, "ok");
    assert_eq!(report.bot_username.as_deref(), Some("acme_support_bot"));
    assert_eq!(report.can_read_all_group_messages, Some(false));
    assert!(
        report.detail.contains("2 pending update(s)"),
        "{}",
        report.detail
    );
    assert!(report.detail.contains("Connection refused"));
    assert!(report.detail.contains("privacy mode is on"));
    assert!(!report.detail.contains(WEBHOOK_SECRET));
    assert!(!report.detail.contains(BOT_TOKEN));
    assert_eq!(TELEGRAM_ALLOWED_UPDATES.len(), 4);
}

#[tokio::test]
async fn telegram_validation_failures() {
    // A refused token stops at getMe.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(telegram_path("getMe")))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"ok": false, "error_code": 401, "description": "Unauthorized"}),
            ),
        )
        .mount(&server)
        .await;
    let report = telegram(&server).validate(&telegram_webhook()).await;
    assert!(!report.ok);
    assert_eq!(report.status, "auth_failed");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // An invalid secret is refused before any call.
    let server = MockServer::start().await;
    let report = telegram(&server)
        .validate(&TelegramWebhook {
            url: WEBHOOK_URL.into(),
            secret_token: "not allowed!".into(),
        })
        .await;
    assert_eq!(report.status, "invalid_config");
    assert!(server.received_requests().await.unwrap().is_empty());

    // setWebhook refused (e.g. not HTTPS).
    let server = MockServer::start().await;
    mount_telegram(&server, "getMe", get_me(true)).await;
    Mock::given(method("POST"))
        .and(path(telegram_path("setWebhook")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"ok": false,
            "error_code": 400, "description": "Bad Request: bad webhook: HTTPS url must be provided for webhook"})))
        .mount(&server)
        .await;
    let report = telegram(&server).validate(&telegram_webhook()).await;
    assert_eq!(report.status, "provider_error");
    assert!(
        report.detail.contains("HTTPS url must be provided"),
        "{}",
        report.detail
    );
    assert_eq!(report.bot_username.as_deref(), Some("acme_support_bot"));

    // The webhook reads back as another URL.
    let server = MockServer::start().await;
    mount_telegram(&server, "getMe", get_me(true)).await;
    mount_telegram(&server, "setWebhook", json!({"ok": true, "result": true})).await;
    mount_telegram(
        &server,
        "getWebhookInfo",
        json!({"ok": true, "result": {"url": "https://other.example/hook", "pending_update_count": 0}}),
    )
    .await;
    let report = telegram(&server).validate(&telegram_webhook()).await;
    assert_eq!(report.status, "webhook_mismatch");
    assert!(!report.ok);
}

fn greenapi_webhook() -> GreenApiWebhook {
    GreenApiWebhook {
        url: "https://relay.example/webhooks/whatsapp_greenapi/ch_02".into(),
        token: "ga-webhook-token-77c1".into(),
    }
}

#[tokio::test]
async fn greenapi_validation_sets_the_webhook() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(greenapi_path("getStateInstance")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"stateInstance": "authorized"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(greenapi_path("setSettings")))
        .and(body_json(json!({
            "webhookUrl": "https://relay.example/webhooks/whatsapp_greenapi/ch_02",
            "webhookUrlToken": "ga-webhook-token-77c1",
            "incomingWebhook": "yes",
            "outgoingWebhook": "yes",
            "stateWebhook": "yes",
            "outgoingMessageWebhook": "no",
            "outgoingAPIMessageWebhook": "no",
            "incomingCallWebhook": "no",
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"saveSettings": true})))
        .expect(1)
        .mount(&server)
        .await;
    let report = greenapi(&server).validate(&greenapi_webhook()).await;
    assert!(report.ok, "{report:?}");
    assert!(report.detail.contains("1101823456 is authorized"));
    assert!(!report.detail.contains("ga-webhook-token-77c1"));
}

#[tokio::test]
async fn greenapi_validation_needs_an_authorized_instance() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(greenapi_path("getStateInstance")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"stateInstance": "notAuthorized"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(greenapi_path("setSettings")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"saveSettings": true})))
        .expect(0)
        .mount(&server)
        .await;
    let report = greenapi(&server).validate(&greenapi_webhook()).await;
    assert!(!report.ok);
    assert_eq!(report.status, "instance_not_authorized");
    assert!(report.detail.contains("QR code"), "{}", report.detail);

    let server = answering(ResponseTemplate::new(401)).await;
    let report = greenapi(&server).validate(&greenapi_webhook()).await;
    assert_eq!(report.status, "auth_failed");
    assert!(!report.detail.contains(GA_TOKEN));

    // A refusal echoing the webhook token: the detail does not keep it.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(greenapi_path("getStateInstance")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"stateInstance": "authorized"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(greenapi_path("setSettings")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"message":
            "Validation failed. Details: 'webhookUrlToken' ga-webhook-token-77c1 is invalid"})))
        .mount(&server)
        .await;
    let report = greenapi(&server).validate(&greenapi_webhook()).await;
    assert_eq!(report.status, "provider_error");
    assert!(
        report.detail.contains("'webhookUrlToken' <redacted>"),
        "{}",
        report.detail
    );
}

#[tokio::test]
async fn meta_validation_reads_the_number() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/{META_GRAPH_VERSION}/{META_PHONE_ID}")))
        .and(query_param(
            "fields",
            "id,display_phone_number,verified_name,quality_rating",
        ))
        .and(header(
            "authorization",
            format!("Bearer {META_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "verified_name": "Acme Support", "code_verification_status": "VERIFIED",
            "display_phone_number": "+1 555-784-0021", "quality_rating": "GREEN",
            "platform_type": "CLOUD_API", "id": META_PHONE_ID})))
        .expect(1)
        .mount(&server)
        .await;
    let report = meta(&server).validate().await;
    assert!(report.ok, "{report:?}");
    assert_eq!(report.display_phone.as_deref(), Some("+1 555-784-0021"));
    assert_eq!(report.verified_name.as_deref(), Some("Acme Support"));
    assert!(report.detail.contains("GREEN"));

    let server = answering(ResponseTemplate::new(401).set_body_json(json!({"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException",
        "code": 190, "error_subcode": 463}})))
    .await;
    let report = meta(&server).validate().await;
    assert_eq!(report.status, "auth_failed");
    assert!(!report.ok);

    let server = answering(ResponseTemplate::new(200).set_body_json(json!({"id": "123"}))).await;
    assert_eq!(meta(&server).validate().await.status, "phone_mismatch");
}
