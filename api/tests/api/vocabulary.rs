//! Reply templates, command aliases and custom commands: CRUD, validation, roles, tenant
//! isolation, and their effect on real customer messages (webhook → worker → sender → fake
//! Telegram, with a fake panel behind).

use crate::scenario::{customer_says, fake_panel, fake_telegram, telegram_sent, wire};
use crate::support::{Reply, TestApp};
use panelrelay_core::replies::TemplateKey;
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn put(app: &TestApp, path: &str, key: &str, body: Value) -> Reply {
    app.call(Method::PUT, path, Some(key), Some(body)).await
}

async fn delete(app: &TestApp, path: &str, key: &str) -> Reply {
    app.call(Method::DELETE, path, Some(key), None).await
}

/// A POST to `/v1/command-aliases` with an `Idempotency-Key`.
async fn post_once(app: &TestApp, owner: &str, key: &str, body: &Value) -> Reply {
    let auth = format!("Bearer {owner}");
    app.call_raw(
        Method::POST,
        "/v1/command-aliases",
        &[
            ("authorization", auth.as_str()),
            ("content-type", "application/json"),
            ("idempotency-key", key),
        ],
        poem::Body::from(body.to_string()),
    )
    .await
}

fn assert_error(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.error_code(), code, "{}", reply.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn templates_list_every_key_and_are_set_validated_previewed_and_reset() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;

    // Pages of 10 walk every key in the fixed order, defaults first.
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/templates?limit=10&cursor={c}"),
            None => "/v1/templates?limit=10".to_string(),
        };
        let page = app.get(&path, &viewer).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for item in page.body["items"].as_array().unwrap() {
            assert_eq!(item["customized"], false);
            assert_eq!(item["text"], item["default_text"]);
            names.push(item["key"].as_str().unwrap().to_string());
        }
        match page.body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    let all: Vec<&str> = TemplateKey::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names, all);
    assert_error(
        &app.get("/v1/templates?cursor=bm9wZQ", &viewer).await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    );

    let one = app.get("/v1/templates/refill_requested", &viewer).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.body["text"], "Order {order_id}: refill requested.");
    assert!(
        one.body["variables"]
            .as_array()
            .unwrap()
            .contains(&json!("order_id"))
    );
    assert!(one.body["updated_at"].is_null());
    assert_error(
        &app.get("/v1/templates/no_such_key", &viewer).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Validation names the problem.
    let path = "/v1/templates/refill_requested";
    for (text, code) in [
        (
            "Order {order_id} for {username}",
            "unknown_template_variable",
        ),
        ("Order {order_id", "template_syntax_error"),
        ("Order } done", "template_syntax_error"),
        ("   ", "template_empty"),
    ] {
        let reply = put(&app, path, &ws.owner_key, json!({ "text": text })).await;
        assert_error(&reply, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    let too_long = "x".repeat(4001);
    assert_error(
        &put(&app, path, &ws.owner_key, json!({ "text": too_long })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "template_too_long",
    );
    let unknown_variable = put(&app, path, &ws.owner_key, json!({"text": "{username}"})).await;
    assert!(
        unknown_variable.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("order_id"),
        "lists the allowed variables: {}",
        unknown_variable.body
    );
    assert_error(
        &put(
            &app,
            "/v1/templates/no_such_key",
            &ws.owner_key,
            json!({"text": "x"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Only the owner configures.
    let text = json!({ "text": "Done! {order_id} goes to refill ({status})." });
    for key in [&viewer, &agent] {
        assert_error(
            &put(&app, path, key, text.clone()).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
        assert_error(
            &delete(&app, path, key).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
    }
    let set = put(&app, path, &ws.owner_key, text.clone()).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body["customized"], true);
    assert!(set.body["updated_at"].is_string());
    let read = app.get(path, &viewer).await;
    assert_eq!(read.body["text"], text["text"]);
    assert_eq!(read.body["customized"], true);
    assert_eq!(
        app.get(path, &other.owner_key).await.body["customized"],
        false,
        "another workspace keeps the default"
    );

    // Preview: the current text, a draft, given values; an invalid draft is refused.
    let preview = app
        .post(
            "/v1/templates/preview",
            &viewer,
            json!({"key": "refill_requested"}),
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(
        preview.body["rendered"],
        "Done! 2274209 goes to refill (Completed)."
    );
    let draft = app
        .post(
            "/v1/templates/preview",
            &viewer,
            json!({"key": "cooldown", "text": "{order_id}: {action} again after {available_at}",
                "values": {"order_id": "42"}}),
        )
        .await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
    let rendered = draft.body["rendered"].as_str().unwrap();
    assert!(
        rendered.starts_with("42: refill again after 20"),
        "{rendered}"
    );
    assert!(rendered.ends_with(" UTC"), "{rendered}");
    let compact = app
        .post(
            "/v1/templates/preview",
            &viewer,
            json!({"key": "compact_summary"}),
        )
        .await;
    assert_eq!(
        compact.body["rendered"],
        "Refill requested: 3 · In cooldown: 2"
    );
    for key in TemplateKey::ALL {
        let reply = app
            .post("/v1/templates/preview", &viewer, json!({"key": key.name()}))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let rendered = reply.body["rendered"].as_str().unwrap();
        assert!(
            !rendered.is_empty() && !rendered.contains('{'),
            "{rendered}"
        );
    }
    for (body, code) in [
        (
            json!({"key": "not_found", "text": "{order_id} {balance}"}),
            "unknown_template_variable",
        ),
        (
            json!({"key": "not_found", "text": "{order_id"}),
            "template_syntax_error",
        ),
        (
            json!({"key": "not_found", "values": {"balance": "1"}}),
            "unknown_template_variable",
        ),
    ] {
        let reply = app.post("/v1/templates/preview", &viewer, body).await;
        assert_error(&reply, StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    assert_error(
        &app.post("/v1/templates/preview", &viewer, json!({"key": "nope"}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );

    // Reset.
    let reset = delete(&app, path, &ws.owner_key).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(reset.body["customized"], false);
    assert_eq!(
        app.get(path, &viewer).await.body["text"],
        "Order {order_id}: refill requested."
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn command_aliases_crud_validation_roles_and_isolation() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let (_, agent) = app.key(&ws.owner_key, "agent").await;
    let base = "/v1/command-aliases";

    // Create with an idempotency key: a retry gets the same alias.
    let body = json!({"phrase": "  Ulang ", "action": "refill"});
    let first = post_once(&app, &ws.owner_key, "alias-1", &body).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["phrase"], "Ulang");
    assert_eq!(first.body["action"], "refill");
    let again = post_once(&app, &ws.owner_key, "alias-1", &body).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body["id"], first.body["id"]);
    let id = first.body["id"].as_str().unwrap().to_string();
    let second = app
        .post(
            base,
            &ws.owner_key,
            json!({"phrase": "saldo kak", "action": "balance"}),
        )
        .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);

    // Validation.
    for (body, status, code) in [
        (
            json!({"phrase": "ULANG", "action": "speed"}),
            StatusCode::CONFLICT,
            "phrase_taken",
        ),
        (
            json!({"phrase": "u-lang!", "action": "speed"}),
            StatusCode::CREATED,
            "",
        ),
        (
            json!({"phrase": "refill 2", "action": "refill"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phrase_with_number",
        ),
        (
            json!({"phrase": "🙏🙏", "action": "refill"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phrase_without_words",
        ),
        (
            json!({"phrase": "", "action": "refill"}),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            json!({"phrase": "x".repeat(101), "action": "refill"}),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            json!({"phrase": "pricey", "action": "price_list"}),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
    ] {
        let reply = app.post(base, &ws.owner_key, body.clone()).await;
        if status == StatusCode::CREATED {
            // "u-lang" is not "ulang": a dash between letters separates words.
            assert_eq!(reply.status, status, "{body}: {}", reply.body);
        } else {
            assert_error(&reply, status, code);
        }
    }

    // Roles: viewers and agents read, only the owner writes.
    for key in [&viewer, &agent] {
        let listed = app.get(base, key).await;
        assert_eq!(listed.status, StatusCode::OK);
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 3);
        assert_eq!(
            app.get(&format!("{base}/{id}"), key).await.status,
            StatusCode::OK
        );
        assert_error(
            &app.post(
                base,
                key,
                json!({"phrase": "tolong isi", "action": "refill"}),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
        assert_error(
            &put(
                &app,
                &format!("{base}/{id}"),
                key,
                json!({"phrase": "x", "action": "help"}),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
        assert_error(
            &delete(&app, &format!("{base}/{id}"), key).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        );
    }

    // Pagination, newest first.
    let page = app.get(&format!("{base}?limit=2"), &viewer).await;
    let items = page.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["phrase"], "saldo kak");
    let cursor = page.body["next_cursor"].as_str().unwrap();
    let rest = app
        .get(&format!("{base}?limit=2&cursor={cursor}"), &viewer)
        .await;
    assert_eq!(rest.body["items"][0]["id"], id.as_str());
    assert!(rest.body["next_cursor"].is_null());

    // Update: its own phrase may stay; another alias's phrase may not.
    let path = format!("{base}/{id}");
    let updated = put(
        &app,
        &path,
        &ws.owner_key,
        json!({"phrase": "ulang", "action": "speed"}),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.body["action"], "speed");
    assert_error(
        &put(
            &app,
            &path,
            &ws.owner_key,
            json!({"phrase": "Saldo-Kak", "action": "speed"}),
        )
        .await,
        StatusCode::CONFLICT,
        "phrase_taken",
    );
    assert_error(
        &put(
            &app,
            &path,
            &ws.owner_key,
            json!({"phrase": "ulang 5", "action": "speed"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "phrase_with_number",
    );

    // Another workspace sees none of it.
    assert_eq!(
        app.get(base, &other.owner_key).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_error(
        &app.get(&path, &other.owner_key).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &put(
            &app,
            &path,
            &other.owner_key,
            json!({"phrase": "mine", "action": "help"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &delete(&app, &path, &other.owner_key).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_eq!(
        app.get(&path, &ws.owner_key).await.body["phrase"],
        "ulang",
        "untouched"
    );
    // B may use the same phrase for itself.
    assert_eq!(
        app.post(
            base,
            &other.owner_key,
            json!({"phrase": "ulang", "action": "refill"})
        )
        .await
        .status,
        StatusCode::CREATED
    );

    // Delete.
    let deleted = delete(&app, &path, &ws.owner_key).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(deleted.body["id"], id.as_str());
    assert_error(
        &app.get(&path, &ws.owner_key).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &app.get(&format!("{base}/not-an-id"), &ws.owner_key).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn custom_commands_crud_validation_roles_and_isolation() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let (_, viewer) = app.key(&ws.owner_key, "viewer").await;
    let base = "/v1/custom-commands";

    let created = app
        .post(
            base,
            &ws.owner_key,
            json!({"trigger": "Price list", "reply": "Prices: https://panel.example/services"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["enabled"], true);
    let id = created.body["id"].as_str().unwrap().to_string();
    let alias = app
        .post(
            "/v1/command-aliases",
            &ws.owner_key,
            json!({"phrase": "ulang", "action": "refill"}),
        )
        .await;
    assert_eq!(alias.status, StatusCode::CREATED);

    for (body, status, code) in [
        (
            json!({"trigger": "PRICE-LIST", "reply": "again"}),
            StatusCode::CONFLICT,
            "phrase_taken",
        ),
        (
            json!({"trigger": "Ulang", "reply": "clash with the alias"}),
            StatusCode::CONFLICT,
            "phrase_taken",
        ),
        (
            json!({"trigger": "refill", "reply": "built-in"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "builtin_phrase",
        ),
        (
            json!({"trigger": "please", "reply": "a filler word"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "builtin_phrase",
        ),
        (
            json!({"trigger": "check balance", "reply": "built-in words only"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "builtin_phrase",
        ),
        (
            json!({"trigger": "promo 2026", "reply": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phrase_with_number",
        ),
        (
            json!({"trigger": "!!!", "reply": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phrase_without_words",
        ),
        (
            json!({"trigger": "payment", "reply": "Order {order_id}"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_template_variable",
        ),
        (
            json!({"trigger": "payment", "reply": "Pay here {"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "template_syntax_error",
        ),
        (
            json!({"trigger": "payment", "reply": " "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "template_empty",
        ),
        (
            json!({"trigger": "payment"}),
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
    ] {
        let reply = app.post(base, &ws.owner_key, body).await;
        assert_error(&reply, status, code);
    }

    // Roles.
    assert_eq!(
        app.get(base, &viewer).await.body["items"][0]["id"],
        id.as_str()
    );
    let path = format!("{base}/{id}");
    assert_eq!(app.get(&path, &viewer).await.status, StatusCode::OK);
    assert_error(
        &app.post(base, &viewer, json!({"trigger": "payment", "reply": "x"}))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &put(
            &app,
            &path,
            &viewer,
            json!({"trigger": "payment", "reply": "x"}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );
    assert_error(
        &delete(&app, &path, &viewer).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    // Update: same trigger with a new reply, disabled.
    let updated = put(
        &app,
        &path,
        &ws.owner_key,
        json!({"trigger": "price list", "reply": "New prices: https://panel.example/p", "enabled": false}),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.body["enabled"], false);
    assert_eq!(updated.body["trigger"], "price list");
    assert_error(
        &put(
            &app,
            &path,
            &ws.owner_key,
            json!({"trigger": "ulang", "reply": "x"}),
        )
        .await,
        StatusCode::CONFLICT,
        "phrase_taken",
    );
    let list = app.get(&format!("{base}?limit=1"), &viewer).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert!(list.body["next_cursor"].is_null());

    // Isolation.
    for reply in [
        app.get(&path, &other.owner_key).await,
        put(
            &app,
            &path,
            &other.owner_key,
            json!({"trigger": "mine", "reply": "x"}),
        )
        .await,
        delete(&app, &path, &other.owner_key).await,
    ] {
        assert_error(&reply, StatusCode::NOT_FOUND, "not_found");
    }
    assert_eq!(
        app.get(&path, &ws.owner_key).await.body["reply"],
        "New prices: https://panel.example/p"
    );

    let deleted = delete(&app, &path, &ws.owner_key).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_error(
        &app.get(&path, &ws.owner_key).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    // The trigger is free again.
    assert_eq!(
        app.post(
            base,
            &ws.owner_key,
            json!({"trigger": "price list", "reply": "back"})
        )
        .await
        .status,
        StatusCode::CREATED
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn aliases_custom_commands_and_templates_shape_real_customer_replies() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    let telegram = fake_telegram().await;
    let webhook = wire(&app, &ws, panel.url(), telegram.url()).await;

    let alias = app
        .post(
            "/v1/command-aliases",
            &ws.owner_key,
            json!({"phrase": "ulang", "action": "refill"}),
        )
        .await;
    assert_eq!(alias.status, StatusCode::CREATED);
    let custom = app
        .post(
            "/v1/custom-commands",
            &ws.owner_key,
            json!({"trigger": "price list", "reply": "Prices: https://panel.example/services"}),
        )
        .await;
    assert_eq!(custom.status, StatusCode::CREATED);
    let template = put(
        &app,
        "/v1/templates/refill_requested",
        &ws.owner_key,
        json!({"text": "Done! {order_id} goes to refill."}),
    )
    .await;
    assert_eq!(template.status, StatusCode::OK);

    customer_says(&app, &webhook, 1, "2274209 ulang please").await;
    customer_says(&app, &webhook, 2, "Price-List").await;
    let sent = telegram_sent(&telegram);
    let expected = [
        ("-1001", "7450284 refill"),
        ("555", "Done! 2274209 goes to refill."),
        ("555", "Prices: https://panel.example/services"),
    ];
    let mut got: Vec<(&str, &str)> = sent.iter().map(|(c, t)| (c.as_str(), t.as_str())).collect();
    // The dispatch and the reply of one command may be sent in either order.
    got[..2].sort();
    assert_eq!(got, expected);

    // A disabled custom command is not a command any more: the help text answers.
    let id = custom.body["id"].as_str().unwrap();
    let disabled = put(
        &app,
        &format!("/v1/custom-commands/{id}"),
        &ws.owner_key,
        json!({"trigger": "price list", "reply": "Prices: https://panel.example/services", "enabled": false}),
    )
    .await;
    assert_eq!(disabled.status, StatusCode::OK);
    customer_says(&app, &webhook, 3, "price list").await;
    let sent = telegram_sent(&telegram);
    assert_eq!(sent.len(), 4);
    assert!(sent[3].1.starts_with("Send your order id"), "{}", sent[3].1);
}
