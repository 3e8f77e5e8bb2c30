//! What the sandbox prints: the demo's keys and URLs, and ready-to-run curl commands that
//! deliver a customer's message the way each provider would (Meta's body signed).

use super::Demo;
use super::seed::{DemoSecrets, FakeUrls, PROVIDER_ONE_GROUP, PROVIDER_TWO_GROUP};
use crate::fakes::panel_admin_v2::PANEL_API_KEY;
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

/// One webhook delivery, exactly as the guide prints it.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `telegram`, `whatsapp_greenapi` or `whatsapp_meta`.
    pub medium: &'static str,
    /// What the customer writes.
    pub text: &'static str,
    /// `/webhooks/{medium}/{channel_id}`.
    pub path: String,
    /// Headers besides `Content-Type: application/json`.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes.
    pub body: String,
}

/// The customer's message on Telegram (fixture `telegram/private_text.json`).
fn telegram(demo: &Demo, secrets: &DemoSecrets) -> Delivery {
    let text = "2274209 refill";
    let update_id = 884_215_001 + Utc::now().timestamp() % 100_000;
    let from = json!({"id": 5123456789_u64, "is_bot": false, "first_name": "Aziz",
        "last_name": "Karimov", "username": "aziz_k", "language_code": "ru"});
    let body = json!({"update_id": update_id, "message": {"message_id": 1520, "from": from,
        "chat": {"id": 5123456789_u64, "first_name": "Aziz", "last_name": "Karimov",
            "username": "aziz_k", "type": "private"},
        "date": Utc::now().timestamp(), "text": text}});
    Delivery {
        medium: "telegram",
        text,
        path: format!("/webhooks/telegram/{}", demo.telegram),
        headers: vec![(
            "X-Telegram-Bot-Api-Secret-Token".into(),
            secrets.telegram_webhook_secret.clone(),
        )],
        body: body.to_string(),
    }
}

/// The customer's message on WhatsApp through Green API (fixture
/// `greenapi/incoming_text_private.json`).
fn greenapi(demo: &Demo, secrets: &DemoSecrets) -> Delivery {
    let text = "2274212 refill";
    let now = Utc::now().timestamp();
    let body = json!({"typeWebhook": "incomingMessageReceived",
        "instanceData": {"idInstance": secrets.id_instance.parse::<u64>().unwrap_or_default(),
            "wid": "79991234567@c.us", "typeInstance": "whatsapp"},
        "timestamp": now, "idMessage": format!("A5F1C0D2E3B4A5968778695A{:08X}", now % 0xFFFF_FFFF),
        "senderData": {"chatId": super::seed::ALICE_GREENAPI, "chatName": "Ivan Petrov",
            "sender": super::seed::ALICE_GREENAPI, "senderName": "Ivan",
            "senderContactName": "Ivan Petrov"},
        "messageData": {"typeMessage": "textMessage", "textMessageData": {"textMessage": text}}});
    Delivery {
        medium: "whatsapp_greenapi",
        text,
        path: format!("/webhooks/whatsapp_greenapi/{}", demo.greenapi),
        headers: vec![(
            "Authorization".into(),
            format!("Bearer {}", secrets.greenapi_webhook_secret),
        )],
        body: body.to_string(),
    }
}

/// The customer's message on the WhatsApp Cloud API (fixture `meta/incoming_text.json`),
/// signed with the channel's app secret.
fn meta(demo: &Demo, secrets: &DemoSecrets) -> Delivery {
    let text = "2274213 refill";
    let now = Utc::now().timestamp();
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "184756302918475",
        "changes": [{"value": {"messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15557840021", "phone_number_id": secrets.phone_number_id},
            "contacts": [{"profile": {"name": "Jose Ramirez"}, "wa_id": super::seed::ALICE_META,
                "user_id": "MX.84120951738264019"}],
            "messages": [{"from": super::seed::ALICE_META,
                "id": format!("wamid.HBgNNTIxNTUxMjM0NTY3OBUCABIYFjNFQjAz{now}"),
                "timestamp": now.to_string(), "type": "text", "text": {"body": text}}]},
            "field": "messages"}]}]})
    .to_string();
    Delivery {
        medium: "whatsapp_meta",
        text,
        path: format!("/webhooks/whatsapp_meta/{}", demo.meta),
        headers: vec![(
            "X-Hub-Signature-256".into(),
            sign(&secrets.app_secret, body.as_bytes()),
        )],
        body,
    }
}

/// `sha256=` + hex HMAC-SHA256 of `body` keyed with the app secret, as Meta signs.
pub fn sign(app_secret: &str, body: &[u8]) -> String {
    match Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
        }
        // HMAC takes keys of any length; this arm is never reached.
        Err(_) => String::new(),
    }
}

/// One delivery per medium.
pub fn deliveries(demo: &Demo, secrets: &DemoSecrets) -> Vec<Delivery> {
    vec![
        telegram(demo, secrets),
        greenapi(demo, secrets),
        meta(demo, secrets),
    ]
}

/// The delivery as a shell command (bodies hold no single quotes).
pub fn curl(public_url: &str, delivery: &Delivery) -> String {
    let mut command = format!(
        "curl -sS -X POST '{public_url}{}' \\\n  -H 'Content-Type: application/json'",
        delivery.path
    );
    for (name, value) in &delivery.headers {
        command.push_str(&format!(" \\\n  -H '{name}: {value}'"));
    }
    command.push_str(&format!(" \\\n  --data-raw '{}'", delivery.body));
    command
}

/// The guide printed on start.
pub fn render(
    public_url: &str,
    urls: &FakeUrls,
    demo: &Demo,
    secrets: &DemoSecrets,
    deliveries: &[Delivery],
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("panelrelay sandbox: the whole flow on this machine, against fake providers.");
    line("");
    line(&format!("  Demo workspace   {}", demo.workspace_id));
    line(&format!(
        "  Owner API key    {}   (shown once; each run makes a new demo workspace)",
        demo.owner_key
    ));
    line(&format!("  Swagger UI       {public_url}/docs"));
    line(&format!(
        "  Fake panel       {}/adminapi/v2   (X-Api-Key: {PANEL_API_KEY})",
        urls.panel
    ));
    // The fakes' own credentials (made up for this run), so that more channels can be
    // pointed at them.
    line(&format!(
        "  Fake Telegram    {}   (bot token: {})",
        urls.telegram, secrets.bot_token
    ));
    line(&format!(
        "  Fake Green API   {}   (instance: {}, API token: {})",
        urls.greenapi, secrets.id_instance, secrets.api_token
    ));
    line(&format!(
        "  Fake Meta Graph  {}   (phone number id: {}, access token: {})",
        urls.meta, secrets.phone_number_id, secrets.access_token
    ));
    line("");
    line(
        "Panel orders: 2274209, 2274212, 2274213 (alice, completed), 2274210 (alice, in progress),",
    );
    line(&format!(
        "2274211 (bob). provider-one.com goes to Telegram group {PROVIDER_ONE_GROUP}, provider-two.com to {PROVIDER_TWO_GROUP}."
    ));
    line("Alice is linked on every medium. A refill has a 12 h cooldown per order, so each medium");
    line("below uses its own order; repeat one to see the cooldown or duplicate handling.");
    for (n, delivery) in deliveries.iter().enumerate() {
        line("");
        line(&format!(
            "{}. Alice writes \"{}\" on {}:",
            n + 1,
            delivery.text,
            delivery.medium
        ));
        line(&curl(public_url, delivery));
    }
    line("");
    line(
        "Then see what panelrelay sent: the command to the provider group and the reply to alice:",
    );
    line(&format!("  curl -sS {}/sent", urls.telegram));
    line(&format!("  curl -sS {}/sent", urls.greenapi));
    line(&format!("  curl -sS {}/sent", urls.meta));
    line("");
    line("And explore the API as the workspace owner, e.g.:");
    line(&format!(
        "  curl -sS -H 'Authorization: Bearer {}' {public_url}/v1/channels",
        demo.owner_key
    ));
    out
}
