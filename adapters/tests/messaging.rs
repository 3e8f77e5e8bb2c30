//! The messaging layer: every shared webhook fixture through the parsers, and webhook
//! authentication.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use panelrelay_adapters::messaging::inbound::{
    AuthFailure, InboundError, InboundItem, InboundKind, InboundMessage, meta_challenge,
    parse_greenapi, parse_meta, parse_telegram, verify_greenapi_token, verify_meta_signature,
    verify_telegram_secret,
};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/webhooks"
);

const META_PHONE_ID: &str = "109876543210987";

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
    assert_eq!(item.dedupe_key, "tg:884215001");
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
    assert_eq!(item.dedupe_key, "tg:884215002");
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
    assert_eq!(item.dedupe_key, "tg:884215003");
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
    assert_eq!(item.dedupe_key, "tg:884215004");
    let message = message(&item);
    assert!(message.edited);
    assert_eq!(message.text, "balance");
    assert_eq!(message.message_id, "1521");
    assert_eq!(message.chat_id, "5123456789");
    assert_eq!(message.sent_at, at(1795506112), "the edit's time");
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
