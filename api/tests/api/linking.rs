//! Linked users (CRUD, normalised identities, `verify_username`, bulk import), admin chat
//! permissions, and self-service linking through the real flow: webhook → worker → panel
//! ticket → sender → fake Telegram.

use crate::support::{Reply, TestApp, TestWorkspace};
use panelrelay_api::fakes::panel_admin_v2::PanelAdminV2;
use panelrelay_api::fakes::telegram::Telegram;
use panelrelay_api::fakes::{Answer, Fake, Rule, Running, serve};
use panelrelay_api::flow::{sender, worker};
use poem::http::{Method, StatusCode};
use serde_json::{Value, json};

const SECRET: &str = "hook-secret-123";

/// A fake Perfect Panel that knows the users alice and bob, opens tickets, and has one
/// order of bob's (2274209, in progress).
async fn fake_panel() -> Running<PanelAdminV2> {
    let panel = PanelAdminV2::new("k-123456").with_tickets();
    for name in ["alice", "bob"] {
        panel.put_user(json!({"id": 1, "username": name, "balance": "5.00"}));
    }
    let created = (chrono::Utc::now() - chrono::Duration::hours(1))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    panel.put_order(json!({"id": 2274209, "user": "bob",
        "service_id": 1, "service_name": "Followers [Refill: 30 Days]", "status": "in_progress",
        "provider": "provider-one.com", "external_id": "7450284", "created": created}));
    serve(panel).await.unwrap()
}

/// A panel whose every answer is an API error.
async fn failing_panel() -> Running<PanelAdminV2> {
    let panel = PanelAdminV2::new("k-123456");
    panel.controls().script(Rule::on(
        "",
        Answer::Json(
            200,
            json!({"data": null, "error_code": 500, "error_message": "database is down"}),
        ),
    ));
    serve(panel).await.unwrap()
}

async fn connect_panel(app: &TestApp, ws: &TestWorkspace, kind: &str, url: &str) {
    let body = json!({"type": kind, "base_url": url, "api_key": "k-123456"});
    let reply = app
        .call(Method::PUT, "/v1/panel", Some(&ws.owner_key), Some(body))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn patch(app: &TestApp, path: &str, key: &str, body: Value) -> Reply {
    app.call(Method::PATCH, path, Some(key), Some(body)).await
}

async fn csv(app: &TestApp, path: &str, key: &str, text: &str) -> Reply {
    app.call_raw(
        Method::POST,
        path,
        &[
            ("authorization", &format!("Bearer {key}")),
            ("content-type", "text/csv; charset=utf-8"),
        ],
        poem::Body::from(text.to_string()),
    )
    .await
}

fn items(reply: &Reply) -> &Vec<Value> {
    reply.body["items"].as_array().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn linked_users_are_normalised_unique_readable_and_renamable() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let key = &ws.owner_key;
    let (_, agent) = app.key(key, "agent").await;
    let (_, viewer) = app.key(key, "viewer").await;

    let created = app
        .post(
            "/v1/linked-users",
            &agent,
            json!({"medium": "whatsapp_greenapi", "identity": "+7 900 123-45-67", "username": " alice "}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["identity"], "79001234567@c.us");
    assert_eq!(created.body["username"], "alice");
    let id = created.body["id"].as_str().unwrap().to_string();

    // The same person under other spellings, or the same identity for another username.
    for spelling in ["79001234567@c.us", "79001234567", "+7 (900) 123 45 67"] {
        let again = app
            .post(
                "/v1/linked-users",
                key,
                json!({"medium": "whatsapp_greenapi", "identity": spelling, "username": "mallory"}),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{spelling}");
        assert_eq!(again.error_code(), "identity_already_linked");
    }
    // Another medium is another identity.
    let meta = app
        .post(
            "/v1/linked-users",
            key,
            json!({"medium": "whatsapp_meta", "identity": "+7 900 123 45 67", "username": "alice"}),
        )
        .await;
    assert_eq!(meta.status, StatusCode::CREATED);
    assert_eq!(meta.body["identity"], "79001234567");
    for (medium, identity) in [
        ("telegram", "@alice"),
        ("whatsapp_greenapi", "alice"),
        ("whatsapp_meta", "12"),
        ("telegram", ""),
    ] {
        let bad = app
            .post(
                "/v1/linked-users",
                key,
                json!({"medium": medium, "identity": identity, "username": "x"}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{medium} {identity}");
        assert_eq!(bad.error_code(), "invalid_body");
    }
    let no_user = app
        .post(
            "/v1/linked-users",
            key,
            json!({"medium": "telegram", "identity": "555", "username": "  "}),
        )
        .await;
    assert_eq!(no_user.status, StatusCode::BAD_REQUEST);

    // Filters, identity in any spelling.
    let by_identity = app
        .get("/v1/linked-users?identity=%2B79001234567", &viewer)
        .await;
    assert_eq!(items(&by_identity).len(), 2, "{}", by_identity.body);
    let greenapi = app
        .get(
            "/v1/linked-users?medium=whatsapp_greenapi&identity=79001234567",
            &viewer,
        )
        .await;
    assert_eq!(items(&greenapi).len(), 1);
    assert_eq!(items(&greenapi)[0]["id"], id.as_str());
    assert_eq!(
        items(&app.get("/v1/linked-users?username=alice", &viewer).await).len(),
        2
    );
    assert_eq!(
        items(
            &app.get("/v1/linked-users?medium=whatsapp_meta", &viewer)
                .await
        )
        .len(),
        1
    );
    assert!(items(&app.get("/v1/linked-users?username=bob", &viewer).await).is_empty());

    // Get and rename: viewers read, agents write; other workspaces see nothing.
    let path = format!("/v1/linked-users/{id}");
    let got = app.get(&path, &viewer).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["username"], "alice");
    assert_eq!(
        patch(&app, &path, &viewer, json!({"username": "bob"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let renamed = patch(&app, &path, &agent, json!({"username": "bob"})).await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.body["username"], "bob");
    assert_eq!(app.get(&path, key).await.body["username"], "bob");
    assert_eq!(
        patch(&app, &path, key, json!({"username": ""}))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&path, &other.owner_key).await.status,
        StatusCode::NOT_FOUND
    );
    let foreign = patch(&app, &path, &other.owner_key, json!({"username": "eve"})).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(foreign.error_code(), "not_found");
    assert_eq!(app.get(&path, key).await.body["username"], "bob");
    assert_eq!(
        app.get("/v1/linked-users/not-an-id", key).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(Method::DELETE, &path, Some(&viewer), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(Method::DELETE, &path, Some(&agent), None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(app.get(&path, key).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn verify_username_asks_the_panel() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let key = &ws.owner_key;
    let link = |identity: &str, username: &str| json!({"medium": "telegram", "identity": identity, "username": username, "verify_username": true});

    let unconnected = app.post("/v1/linked-users", key, link("1", "alice")).await;
    assert_eq!(unconnected.status, StatusCode::CONFLICT);
    assert_eq!(unconnected.error_code(), "panel_not_connected");

    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let found = app.post("/v1/linked-users", key, link("1", "alice")).await;
    assert_eq!(found.status, StatusCode::CREATED, "{}", found.body);
    let missing = app.post("/v1/linked-users", key, link("2", "ghost")).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.error_code(), "username_not_on_panel");
    // Without the flag, nobody asks the panel.
    let unchecked = app
        .post(
            "/v1/linked-users",
            key,
            json!({"medium": "telegram", "identity": "2", "username": "ghost"}),
        )
        .await;
    assert_eq!(unchecked.status, StatusCode::CREATED);
    let id = unchecked.body["id"].as_str().unwrap();
    let path = format!("/v1/linked-users/{id}");
    let rename = patch(
        &app,
        &path,
        key,
        json!({"username": "nobody", "verify_username": true}),
    )
    .await;
    assert_eq!(rename.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rename.error_code(), "username_not_on_panel");
    assert_eq!(app.get(&path, key).await.body["username"], "ghost");
    let rename = patch(
        &app,
        &path,
        key,
        json!({"username": "bob", "verify_username": true}),
    )
    .await;
    assert_eq!(rename.status, StatusCode::OK);

    let broken = failing_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", broken.url()).await;
    let failed = app.post("/v1/linked-users", key, link("3", "alice")).await;
    assert_eq!(failed.status, StatusCode::BAD_GATEWAY);
    assert_eq!(failed.error_code(), "panel_error");
    assert!(!failed.body.to_string().contains("k-123456"));
}

#[tokio::test(flavor = "multi_thread")]
async fn json_import_reports_every_row() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let key = &ws.owner_key;
    app.post(
        "/v1/linked-users",
        key,
        json!({"medium": "telegram", "identity": "100", "username": "alice"}),
    )
    .await;
    app.post(
        "/v1/linked-users",
        key,
        json!({"medium": "telegram", "identity": "101", "username": "alice"}),
    )
    .await;
    let body = json!({"rows": [
        {"medium": "telegram", "identity": "200", "username": "carol"},
        {"medium": "whatsapp_greenapi", "identity": "+7 900 000 00 01", "username": "dave"},
        {"medium": "telegram", "identity": "100", "username": "Alice"},
        {"medium": "telegram", "identity": "101", "username": "mallory"},
        {"medium": "telegram", "identity": "0200", "username": "erin"},
        {"medium": "fax", "identity": "1", "username": "x"},
        {"medium": "telegram", "identity": "abc", "username": "x"},
        {"medium": "telegram", "identity": "300", "username": ""},
        {"medium": "telegram", "identity": "301"}
    ]});

    let (_, agent) = app.key(key, "agent").await;
    let forbidden = app
        .post("/v1/linked-users/import", &agent, body.clone())
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let dry = {
        let mut dry = body.clone();
        dry["dry_run"] = json!(true);
        app.post("/v1/linked-users/import", key, dry).await
    };
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert_eq!(dry.body["dry_run"], true);
    assert_eq!(dry.body["created"], 2);
    assert!(dry.body["rows"][0]["id"].is_null());
    assert_eq!(
        items(&app.get("/v1/linked-users", key).await).len(),
        2,
        "a dry run writes nothing"
    );

    let report = app.post("/v1/linked-users/import", key, body).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let b = &report.body;
    assert_eq!(
        (&b["total"], &b["created"], &b["unchanged"], &b["errors"]),
        (&json!(9), &json!(2), &json!(1), &json!(6))
    );
    let rows = b["rows"].as_array().unwrap();
    let summary: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["status"].as_str().unwrap(),
                r["code"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "created", "-"),
            (2, "created", "-"),
            (3, "unchanged", "-"),
            (4, "error", "identity_already_linked"),
            (5, "error", "duplicate_row"),
            (6, "error", "invalid_medium"),
            (7, "error", "invalid_identity"),
            (8, "error", "invalid_username"),
            (9, "error", "malformed_row"),
        ]
    );
    assert_eq!(rows[1]["identity"], "79000000001@c.us");
    assert!(
        rows.iter()
            .filter(|r| r["status"] == "error")
            .all(|r| r["message"].is_string())
    );
    let created_id = rows[0]["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/v1/linked-users/{created_id}"), key)
            .await
            .body["username"],
        "carol"
    );
    assert_eq!(
        items(&app.get("/v1/linked-users?limit=200", key).await).len(),
        4
    );

    let too_many: Vec<Value> = (0..10_001)
        .map(|i| json!({"medium": "telegram", "identity": (i + 1).to_string(), "username": "u"}))
        .collect();
    let refused = app
        .post("/v1/linked-users/import", key, json!({"rows": too_many}))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_code(), "too_many_rows");
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_import_reads_good_duplicate_and_malformed_rows() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let key = &ws.owner_key;
    let text = "username,medium,identity\r\n\
                alice,telegram,555\r\n\
                bob,whatsapp_greenapi,\"+7 900 111-22-33\"\r\n\
                \r\n\
                carol,whatsapp_greenapi,79001112233@c.us\r\n\
                dave,telegram,5\"6\r\n\
                erin,telegram\r\n\
                \"frank, jr\",whatsapp_meta,15550109999\r\n";
    let path = "/v1/linked-users/import-csv";
    let first = csv(&app, path, key, text).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let rows = first.body["rows"].as_array().unwrap();
    let statuses: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap(),
                r["code"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("created", "-"),
            ("created", "-"),
            ("error", "duplicate_row"),
            ("error", "malformed_row"),
            ("error", "malformed_row"),
            ("created", "-"),
        ]
    );
    assert_eq!(rows[2]["message"], "row 2 has the same identity");
    assert_eq!(rows[5]["username"], "frank, jr");
    assert_eq!(first.body["created"], 3);

    // Again: what exists is unchanged; another workspace's import is its own.
    let again = csv(&app, path, key, text).await;
    assert_eq!(again.body["created"], 0);
    assert_eq!(again.body["unchanged"], 3);
    assert_eq!(
        csv(&app, path, &other.owner_key, text).await.body["created"],
        3
    );

    // Dry run and verification come as query parameters.
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let checked = csv(
        &app,
        &format!("{path}?verify_usernames=true&dry_run=true"),
        key,
        "medium,identity,username\ntelegram,900,bob\ntelegram,901,ghost\n",
    )
    .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    assert_eq!(checked.body["dry_run"], true);
    assert_eq!(checked.body["rows"][0]["status"], "created");
    assert_eq!(checked.body["rows"][1]["code"], "username_not_on_panel");
    assert!(
        items(&app.get("/v1/linked-users?identity=900", key).await).is_empty(),
        "dry run"
    );

    // A header without the columns, and a body that is not CSV nor JSON.
    let no_header = csv(&app, path, key, "name,phone\nx,y\n").await;
    assert_eq!(no_header.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_header.error_code(), "invalid_body");
    let xml = app
        .call_raw(
            Method::POST,
            path,
            &[
                ("authorization", &format!("Bearer {key}")),
                ("content-type", "application/xml"),
            ],
            poem::Body::from("<rows/>"),
        )
        .await;
    assert_eq!(xml.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // CSV has its own operation; the JSON one takes JSON only.
    let misplaced = csv(&app, "/v1/linked-users/import", key, text).await;
    assert_eq!(misplaced.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(misplaced.error_code(), "unsupported_media_type");

    // Idempotency-Key: the same import replays its first report.
    let headers = |k: &str| {
        vec![
            ("authorization".to_string(), format!("Bearer {key}")),
            ("content-type".to_string(), "text/csv".to_string()),
            ("idempotency-key".to_string(), k.to_string()),
        ]
    };
    let send = |k: &'static str, body: &'static str| {
        let headers = headers(k);
        let app = &app;
        async move {
            let refs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            app.call_raw(Method::POST, path, &refs, poem::Body::from(body))
                .await
        }
    };
    // The spec's content type, for generated clients, reads the same.
    let uploaded = app
        .call_raw(
            Method::POST,
            path,
            &[
                ("authorization", &format!("Bearer {key}")),
                ("content-type", "application/octet-stream"),
            ],
            poem::Body::from("medium,identity,username\ntelegram,4244,yve\n"),
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
    assert_eq!(uploaded.body["created"], 1);
    let body = "medium,identity,username\ntelegram,4242,zed\n";
    let once = send("import-1", body).await;
    assert_eq!(once.body["created"], 1);
    let replay = send("import-1", body).await;
    assert_eq!(replay.body, once.body);
    let reused = send("import-1", "medium,identity,username\ntelegram,4243,zed\n").await;
    assert_eq!(reused.error_code(), "idempotency_key_reused");
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_chats_carry_permissions() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let other = app.workspace("B").await;
    let key = &ws.owner_key;
    let (_, agent) = app.key(key, "agent").await;
    let (_, viewer) = app.key(key, "viewer").await;

    let added = app
        .post(
            "/v1/admin-chats",
            key,
            json!({"medium": "telegram", "identity": "777", "name": "ops"}),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED);
    assert_eq!(
        (
            &added.body["view_any_order"],
            &added.body["dispatch_any_order"],
            &added.body["reply_in_groups"]
        ),
        (&json!(true), &json!(true), &json!(false))
    );
    let custom = app
        .post(
            "/v1/admin-chats",
            key,
            json!({"medium": "whatsapp_greenapi", "identity": "79001112233", "name": "boss",
                "dispatch_any_order": false, "reply_in_groups": true}),
        )
        .await;
    assert_eq!(custom.body["identity"], "79001112233@c.us");
    assert_eq!(custom.body["dispatch_any_order"], false);
    assert_eq!(custom.body["reply_in_groups"], true);
    assert_eq!(
        app.post(
            "/v1/admin-chats",
            key,
            json!({"medium": "whatsapp_greenapi", "identity": "+7 900 111 22 33", "name": "dup"}),
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    let id = added.body["id"].as_str().unwrap();
    let path = format!("/v1/admin-chats/{id}");
    assert_eq!(app.get(&path, &viewer).await.body["name"], "ops");
    for forbidden_key in [&viewer, &agent] {
        assert_eq!(
            patch(&app, &path, forbidden_key, json!({"reply_in_groups": true}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    let updated = patch(
        &app,
        &path,
        key,
        json!({"view_any_order": false, "reply_in_groups": true}),
    )
    .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(
        updated.body["name"], "ops",
        "absent fields keep their value"
    );
    assert_eq!(updated.body["view_any_order"], false);
    assert_eq!(updated.body["dispatch_any_order"], true);
    assert_eq!(updated.body["reply_in_groups"], true);
    assert_eq!(
        patch(&app, &path, key, json!({"name": ""})).await.status,
        StatusCode::BAD_REQUEST
    );
    let listed = app.get("/v1/admin-chats?medium=telegram", &viewer).await;
    assert_eq!(items(&listed).len(), 1);
    assert_eq!(items(&listed)[0]["view_any_order"], false);
    for foreign in [
        app.get(&path, &other.owner_key).await,
        patch(&app, &path, &other.owner_key, json!({"name": "x"})).await,
    ] {
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        assert_eq!(foreign.error_code(), "not_found");
    }
    assert_eq!(app.get(&path, key).await.body["name"], "ops");
}

// ---------------------------------------------------------------------------------------
// Through the real flow.

struct Chat {
    channel_id: String,
    telegram: Running<Telegram>,
    update_id: std::sync::atomic::AtomicU64,
}

/// A Telegram channel whose API is a fake.
async fn telegram_channel(app: &TestApp, ws: &TestWorkspace) -> Chat {
    let telegram = serve(Telegram::new("123:ABC")).await.unwrap();
    let created = app
        .post(
            "/v1/channels",
            &ws.owner_key,
            json!({"medium": "telegram", "bot_token": "123:ABC", "webhook_secret": SECRET,
                "api_base_url": telegram.url()}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    Chat {
        channel_id: created.body["id"].as_str().unwrap().to_string(),
        telegram,
        update_id: std::sync::atomic::AtomicU64::new(1),
    }
}

impl Chat {
    /// Delivers a message from `from` in `chat` (negative: a group) and runs the flow;
    /// returns the texts sent to `chat` by this message.
    async fn say_in(&self, app: &TestApp, chat: i64, from: i64, text: &str) -> Vec<String> {
        let before = self.sent_to(chat).len();
        self.deliver(app, chat, from, text).await;
        self.run(app).await;
        self.sent_to(chat).split_off(before)
    }

    /// Delivers a message from `from` in `chat` without running the flow.
    async fn deliver(&self, app: &TestApp, chat: i64, from: i64, text: &str) {
        let id = self
            .update_id
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let kind = if chat < 0 { "supergroup" } else { "private" };
        let update = json!({"update_id": id, "message": {"message_id": id, "from": {"id": from, "is_bot": false,
            "first_name": "C"}, "chat": {"id": chat, "type": kind, "title": "g"}, "date": 1795505900, "text": text}});
        let reply = app
            .call_raw(
                Method::POST,
                &format!("/webhooks/telegram/{}", self.channel_id),
                &[
                    ("content-type", "application/json"),
                    ("x-telegram-bot-api-secret-token", SECRET),
                ],
                poem::Body::from(update.to_string()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK);
    }

    /// Runs the worker until the inbox is empty and the sender until the outbox is.
    async fn run(&self, app: &TestApp) {
        while worker::run_once(&app.state, 16).await.unwrap() > 0 {}
        // Telegram allows one message a second per chat: wait for the outbox to drain.
        for _ in 0..50 {
            while sender::run_once(&app.state, 16).await.unwrap() > 0 {}
            let (pending, _) = app.state.db.outbox_depth(chrono::Utc::now()).await.unwrap();
            if pending == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    async fn say(&self, app: &TestApp, from: i64, text: &str) -> Vec<String> {
        self.say_in(app, from, from, text).await
    }

    fn sent_to(&self, chat: i64) -> Vec<String> {
        self.telegram
            .send_requests()
            .into_iter()
            .filter(|(to, _)| *to == chat.to_string())
            .map(|(_, text)| text)
            .collect()
    }
}

/// The 6-digit code in a ticket's message.
fn code_in(ticket: &Value) -> String {
    let message = ticket["message"].as_str().unwrap();
    message
        .split(|c: char| !c.is_ascii_digit())
        .find(|word| word.len() == 6)
        .unwrap_or_else(|| panic!("no code in {message}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_links_their_chat_with_a_code_from_a_panel_ticket() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    let key = &ws.owner_key;

    assert_eq!(
        chat.say(&app, 555, "link").await,
        vec!["To link this chat to your panel account, send: link <your panel username>"]
    );
    let unknown = chat.say(&app, 555, "link ghost").await;
    assert_eq!(
        unknown,
        vec![
            "We could not find the panel user ghost. Check the spelling and send: link <your panel username>"
        ]
    );
    assert!(panel.tickets().is_empty());

    let sent = chat.say(&app, 555, "link alice").await;
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("ticket in the panel account alice"),
        "{sent:?}"
    );
    assert!(sent[0].contains("15 minutes"), "{sent:?}");
    let opened = panel.tickets();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0]["username"], "alice");
    assert_eq!(opened[0]["subject"], "Chat verification code");
    let code = code_in(&opened[0]);
    assert!(!sent[0].contains(&code), "the code is only in the panel");

    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(
        chat.say(&app, 555, wrong).await,
        vec!["That code is not right. Attempts left: 4."]
    );
    assert!(
        items(&app.get("/v1/linked-users?identity=555", key).await).is_empty(),
        "not linked by a wrong code"
    );
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let linked = chat.say(&app, 555, &spaced).await;
    assert_eq!(linked.len(), 1);
    assert!(
        linked[0].starts_with("This chat is now linked to alice."),
        "{linked:?}"
    );
    let links = app.get("/v1/linked-users?identity=555", key).await;
    assert_eq!(items(&links).len(), 1);
    assert_eq!(items(&links)[0]["username"], "alice");
    assert_eq!(items(&links)[0]["medium"], "telegram");
    // The code is used up: the same digits now go to the engine.
    let reused = chat.say(&app, 555, &code).await;
    assert_eq!(reused.len(), 1);
    assert!(
        !reused[0].starts_with("That code") && !reused[0].starts_with("This chat is now"),
        "{reused:?}"
    );

    // Linked as alice, the customer's orders are theirs; bob's are not.
    let not_yours = chat.say(&app, 555, "2274209 status").await;
    assert_eq!(not_yours, vec!["Order 2274209: not found on your account."]);

    // Linking again to the same username needs no code (third request this hour)...
    let same = chat.say(&app, 555, "link Alice").await;
    assert!(
        same[0].starts_with("This chat is now linked to alice."),
        "{same:?}"
    );
    assert_eq!(panel.tickets().len(), 1);
    // ...and the fourth request within the hour is refused.
    let limited = chat.say(&app, 555, "link bob").await;
    assert_eq!(limited.len(), 1);
    assert!(
        limited[0].starts_with("Too many linking attempts."),
        "{limited:?}"
    );
    assert_eq!(panel.tickets().len(), 1);

    let workspace = panelrelay_core::ids::WorkspaceId::parse(&ws.id).unwrap();
    let log = app.state.db.command_log(workspace, 20).await.unwrap();
    assert!(
        log.iter()
            .filter(|c| c.action.as_deref() == Some("link"))
            .count()
            >= 6
    );
    assert!(
        log.iter()
            .all(|c| !c.reply.as_deref().unwrap_or_default().contains(&code)
                || c.text.contains(&code)),
        "the code never appears in a reply"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_command_right_after_the_code_is_handled_as_the_linked_customer() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    chat.say(&app, 555, "link alice").await;
    let code = code_in(&panel.tickets()[0]);
    // The code and a command arrive together: the worker claims both in one round, with
    // the sender still unlinked at claim time.
    chat.deliver(&app, 555, 555, &code).await;
    chat.deliver(&app, 555, 555, "2274209 status").await;
    let before = chat.sent_to(555).len();
    chat.run(&app).await;
    let replies = chat.sent_to(555).split_off(before);
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(
        replies[0].starts_with("This chat is now linked to alice."),
        "{replies:?}"
    );
    assert_eq!(replies[1], "Order 2274209: not found on your account.");
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_codes_run_out_and_another_identity_is_repointed() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    let key = &ws.owner_key;

    chat.say(&app, 556, "link alice").await;
    let code = code_in(&panel.tickets()[0]);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (1..=4).rev() {
        assert_eq!(
            chat.say(&app, 556, wrong).await,
            vec![format!("That code is not right. Attempts left: {left}.")]
        );
    }
    let exhausted = chat.say(&app, 556, wrong).await;
    assert!(
        exhausted[0].starts_with("Too many linking attempts."),
        "{exhausted:?}"
    );
    // The code died with the last attempt: the right one no longer links.
    chat.say(&app, 556, &code).await;
    assert!(items(&app.get("/v1/linked-users?identity=556", key).await).is_empty());

    // A linked customer proves another account and is re-pointed to it.
    app.post(
        "/v1/linked-users",
        key,
        json!({"medium": "telegram", "identity": "557", "username": "alice"}),
    )
    .await;
    chat.say(&app, 557, "link bob").await;
    let opened = panel.tickets();
    assert_eq!(opened.len(), 2);
    assert_eq!(opened[1]["username"], "bob");
    let done = chat.say(&app, 557, &code_in(&opened[1])).await;
    assert!(
        done[0].starts_with("This chat is now linked to bob."),
        "{done:?}"
    );
    let links = app.get("/v1/linked-users?identity=557", key).await;
    assert_eq!(items(&links).len(), 1);
    assert_eq!(items(&links)[0]["username"], "bob");
    let owned = chat.say(&app, 557, "2274209 status").await;
    assert!(owned[0].starts_with("Order 2274209:"), "{owned:?}");
    assert!(!owned[0].contains("not found"), "{owned:?}");

    // Groups are not linking chats.
    assert!(
        chat.say_in(&app, -100900, 558, "link alice")
            .await
            .is_empty()
    );
    assert_eq!(panel.tickets().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn panels_without_tickets_say_linking_is_unsupported() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "admin_v1", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    assert_eq!(
        chat.say(&app, 555, "link alice").await,
        vec![
            "Linking from the chat is not available for this panel. Please contact support to link your account."
        ]
    );
    assert!(panel.controls().requests().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_chat_permissions_apply_in_the_flow() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    let key = &ws.owner_key;
    let talkative = app
        .post(
            "/v1/admin-chats",
            key,
            json!({"medium": "telegram", "identity": "777", "name": "ops", "reply_in_groups": true,
                "view_any_order": false}),
        )
        .await;
    assert_eq!(talkative.status, StatusCode::CREATED);
    app.post(
        "/v1/admin-chats",
        key,
        json!({"medium": "telegram", "identity": "778", "name": "quiet"}),
    )
    .await;

    // In a group kept silent, the admin allowed to reply gets the help; the other does not.
    let help = chat.say_in(&app, -100500, 777, "hello team").await;
    assert_eq!(help.len(), 1);
    assert!(help[0].starts_with("Send your order id"), "{help:?}");
    assert!(
        chat.say_in(&app, -100500, 778, "hello team")
            .await
            .is_empty()
    );

    // view_any_order false: bob's order is not shown to 777, which is told why; 778 sees it.
    assert_eq!(
        chat.say(&app, 777, "2274209 status").await,
        vec!["Order 2274209: this chat is not allowed to do that."]
    );
    let shown = chat.say(&app, 778, "2274209 status").await;
    assert!(!shown[0].contains("not found"), "{shown:?}");

    // Admins never enter the linking flow.
    let admin_link = chat.say(&app, 778, "link alice").await;
    assert!(panel.tickets().is_empty(), "{admin_link:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_request_handled_again_after_a_crash_opens_one_ticket() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    let update = json!({"update_id": 77, "message": {"message_id": 77, "from": {"id": 555, "is_bot": false,
        "first_name": "C"}, "chat": {"id": 555, "type": "private"}, "date": 1795505900, "text": "link alice"}});
    let reply = app
        .call_raw(
            Method::POST,
            &format!("/webhooks/telegram/{}", chat.channel_id),
            &[
                ("content-type", "application/json"),
                ("x-telegram-bot-api-secret-token", SECRET),
            ],
            poem::Body::from(update.to_string()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let now = chrono::Utc::now();
    let claimed = app
        .state
        .db
        .inbox_claim(10, worker::INBOX_LEASE, now, &[])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    // The first handling opens the ticket, then the process stops before committing.
    let _lost = worker::handle(&app.state, &claimed[0]).await.unwrap();
    assert_eq!(panel.tickets().len(), 1);
    // After the lease another worker handles it again: same answer, no second ticket.
    let later = now + worker::INBOX_LEASE + chrono::Duration::seconds(1);
    let retaken = app
        .state
        .db
        .inbox_claim(10, worker::INBOX_LEASE, later, &[])
        .await
        .unwrap();
    assert_eq!(retaken.len(), 1);
    let completion = worker::handle(&app.state, &retaken[0]).await.unwrap();
    assert_eq!(panel.tickets().len(), 1, "one ticket for one request");
    let answer = completion.command.as_ref().and_then(|c| c.reply.clone());
    assert!(
        answer
            .as_deref()
            .is_some_and(|a| a.contains("ticket in the panel account alice")),
        "{answer:?}"
    );
    app.state
        .db
        .inbox_complete(&retaken[0].id, completion, later)
        .await
        .unwrap();
    // The code in that one ticket links the chat.
    let code = code_in(&panel.tickets()[0]);
    let linked = chat.say(&app, 555, &code).await;
    assert!(
        linked
            .iter()
            .any(|l| l.starts_with("This chat is now linked to alice.")),
        "{linked:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rounds_sender_roles_are_read_at_once_and_stay_within_their_workspace() {
    use panelrelay_adapters::storage::identities::SenderKey;
    use panelrelay_core::medium::Medium;
    use panelrelay_core::sender::SenderRole;
    let app = TestApp::new().await;
    let (a, b) = (app.workspace("A").await, app.workspace("B").await);
    for (ws, username) in [(&a, "alice"), (&b, "bob")] {
        let linked = app
            .post(
                "/v1/linked-users",
                &ws.owner_key,
                json!({"medium": "telegram", "identity": "555", "username": username}),
            )
            .await;
        assert_eq!(linked.status, StatusCode::CREATED, "{}", linked.body);
    }
    // 777 is both a linked customer and an admin chat in A: the admin chat wins.
    for body in [
        json!({"medium": "telegram", "identity": "777", "username": "carol"}),
        json!({"medium": "telegram", "identity": "777", "name": "ops", "dispatch_any_order": false}),
    ] {
        let path = if body.get("name").is_some() {
            "/v1/admin-chats"
        } else {
            "/v1/linked-users"
        };
        assert_eq!(
            app.post(path, &a.owner_key, body).await.status,
            StatusCode::CREATED
        );
    }
    let id = |ws: &TestWorkspace| panelrelay_core::ids::WorkspaceId::parse(&ws.id).unwrap();
    let key = |ws: &TestWorkspace, medium: Medium, identity: &str| SenderKey {
        workspace: id(ws),
        medium,
        identity: identity.into(),
    };
    let asked = [
        key(&a, Medium::Telegram, "555"),
        key(&b, Medium::Telegram, "555"),
        key(&a, Medium::WhatsappGreenapi, "555"),
        key(&a, Medium::Telegram, "777"),
        key(&b, Medium::Telegram, "777"),
        key(&a, Medium::Telegram, "999"),
    ];
    let roles = app.state.db.sender_roles(&asked).await.unwrap();
    assert_eq!(roles.len(), asked.len());
    let linked = |username: &str| SenderRole::Linked {
        username: username.into(),
    };
    assert_eq!(roles[&asked[0]], linked("alice"));
    assert_eq!(roles[&asked[1]], linked("bob"));
    assert_eq!(roles[&asked[2]], SenderRole::Unknown, "another medium");
    match &roles[&asked[3]] {
        SenderRole::Admin(permissions) => assert!(!permissions.dispatch_any_order),
        other => panic!("777 in A is an admin chat: {other:?}"),
    }
    assert_eq!(
        roles[&asked[4]],
        SenderRole::Unknown,
        "A's admin chat is not B's"
    );
    assert_eq!(roles[&asked[5]], SenderRole::Unknown);
    // The one-sender lookup agrees.
    let identities = app.state.db.identities(id(&b));
    let one = identities
        .sender_role(Medium::Telegram, "555")
        .await
        .unwrap();
    assert_eq!(one, linked("bob"));
}

#[tokio::test(flavor = "multi_thread")]
async fn simulate_shows_linking_replies_without_codes_tickets_or_counted_attempts() {
    let app = TestApp::new().await;
    let ws = app.workspace("A").await;
    let panel = fake_panel().await;
    connect_panel(&app, &ws, "perfect_panel_v2", panel.url()).await;
    let chat = telegram_channel(&app, &ws).await;
    let key = &ws.owner_key;
    let simulate = |text: &str| {
        let body = json!({"medium": "telegram", "sender_id": "555", "text": text});
        app.post("/v1/commands/simulate", key, body)
    };

    let request = simulate("link alice").await;
    assert_eq!(request.status, StatusCode::OK, "{}", request.body);
    assert_eq!(request.body["command"]["action"], "link");
    let reply = request.body["reply"].as_str().unwrap();
    assert!(
        reply.contains("ticket in the panel account alice"),
        "{reply}"
    );
    assert!(panel.tickets().is_empty(), "no ticket opened");
    let unknown = simulate("link ghost").await;
    assert!(
        unknown.body["reply"]
            .as_str()
            .unwrap()
            .starts_with("We could not find the panel user ghost."),
        "{}",
        unknown.body
    );

    // A real request; then the simulated codes tell right from wrong without using them.
    chat.say(&app, 555, "link alice").await;
    let code = code_in(&panel.tickets()[0]);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let right = simulate(&code).await;
    assert!(
        right.body["reply"]
            .as_str()
            .unwrap()
            .starts_with("This chat is now linked to alice."),
        "{}",
        right.body
    );
    assert_eq!(
        simulate(wrong).await.body["reply"],
        "That code is not right. Attempts left: 4."
    );
    assert!(
        items(&app.get("/v1/linked-users?identity=555", key).await).is_empty(),
        "a simulated code links nothing"
    );
    assert_eq!(
        chat.say(&app, 555, wrong).await,
        vec!["That code is not right. Attempts left: 4."],
        "the simulated wrong code was not counted"
    );
    // Simulated requests are not counted either: the real limit still allows two more.
    for _ in 0..5 {
        simulate("link bob").await;
    }
    let again = chat.say(&app, 555, "link bob").await;
    assert!(
        !again[0].starts_with("Too many linking attempts."),
        "{again:?}"
    );
    assert_eq!(panel.tickets().len(), 2);
}
