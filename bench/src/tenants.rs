//! The configuration under load, made through the public REST API as a user would: per
//! workspace, the fake panel connected, a Telegram and a WhatsApp (Green API) channel on the
//! fakes, one provider route per provider (through the Telegram channel) and linked
//! customers.

use super::fakes::Fakes;
use panelrelay_api::fakes::panel_admin_v2::{PANEL_API_KEY, synthetic_username};
use serde_json::{Value, json};

/// A customer: a linked chat on one medium, owning the synthetic orders of its number.
#[derive(Debug, Clone)]
pub struct Customer {
    /// Its number (the fake panel's `customer{n}`, owner of orders `synthetic_order_id(n, …)`).
    pub number: u64,
    /// The workspace it writes to (index into `Setup::workspaces`).
    pub workspace: usize,
    /// Whether it writes on Telegram (otherwise WhatsApp through Green API).
    pub telegram: bool,
    /// Its chat id on that medium.
    pub chat_id: String,
}

/// One configured workspace.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// The Telegram channel's id.
    pub telegram_channel: String,
    /// The Green API channel's id.
    pub greenapi_channel: String,
}

/// Everything configured.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The workspaces.
    pub workspaces: Vec<Tenant>,
    /// The customers.
    pub customers: Vec<Customer>,
}

/// The Telegram group of a workspace's provider (1 or 2).
pub fn provider_group(workspace: usize, provider: u8) -> String {
    format!("-100{workspace:06}{provider}")
}

async fn call(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    key: &str,
    body: Value,
) -> Result<Value, String> {
    let response = http
        .request(method, &url)
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if !status.is_success() {
        return Err(format!("{url}: {status}: {body}"));
    }
    Ok(body)
}

/// Creates `workspaces` workspaces and `customers` customers spread over them; with
/// `hung_panel`, the first workspace's panel never answers.
pub async fn configure(
    http: &reqwest::Client,
    server: &str,
    admin_key: &str,
    fakes: &Fakes,
    workspaces: usize,
    customers: usize,
    hung_panel: bool,
) -> Result<Setup, String> {
    use reqwest::Method;
    let secrets = &fakes.secrets;
    let mut tenants = Vec::with_capacity(workspaces);
    let mut owner_keys = Vec::with_capacity(workspaces);
    for w in 0..workspaces {
        let created = call(
            http,
            Method::POST,
            format!("{server}/v1/workspaces"),
            admin_key,
            json!({"name": format!("bench tenant {w}")}),
        )
        .await?;
        let key = created["owner_key"]["secret"]
            .as_str()
            .ok_or("no owner key in the created workspace")?
            .to_string();
        call(
            http,
            Method::PUT,
            format!("{server}/v1/panel"),
            &key,
            json!({"type": "perfect_panel_v2",
                "base_url": if hung_panel && w == 0 { &fakes.hung_panel_url } else { &fakes.panel_url },
                "api_key": PANEL_API_KEY, "requests_per_second": 50}),
        )
        .await?;
        let telegram = call(
            http,
            Method::POST,
            format!("{server}/v1/channels"),
            &key,
            json!({"medium": "telegram", "name": "support bot", "bot_token": secrets.bot_token,
                "webhook_secret": secrets.telegram_webhook_secret,
                "api_base_url": fakes.telegram_url}),
        )
        .await?;
        let greenapi = call(
            http,
            Method::POST,
            format!("{server}/v1/channels"),
            &key,
            json!({"medium": "whatsapp_greenapi", "name": "whatsapp",
                "id_instance": secrets.id_instance, "api_token": secrets.api_token,
                "webhook_secret": secrets.greenapi_webhook_secret,
                "api_base_url": fakes.greenapi_url}),
        )
        .await?;
        let telegram_channel = telegram["id"].as_str().ok_or("no channel id")?.to_string();
        for (provider, domain) in [(1, "provider-one.com"), (2, "provider-two.com")] {
            call(
                http,
                Method::POST,
                format!("{server}/v1/provider-routes"),
                &key,
                json!({"name": domain, "channel_id": telegram_channel,
                    "provider_domains": [domain],
                    "target_chat_id": provider_group(w, provider)}),
            )
            .await?;
        }
        tenants.push(Tenant {
            telegram_channel,
            greenapi_channel: greenapi["id"].as_str().ok_or("no channel id")?.to_string(),
        });
        owner_keys.push(key);
    }
    let mut linked = Vec::with_capacity(customers);
    for n in 0..customers {
        let workspace = n % workspaces.max(1);
        let telegram = n % 2 == 0;
        let (medium, chat_id) = if telegram {
            ("telegram", format!("{}", 700_000_000 + n))
        } else {
            ("whatsapp_greenapi", format!("7{n:010}@c.us"))
        };
        let number = u64::try_from(n).map_err(|e| e.to_string())?;
        call(
            http,
            Method::POST,
            format!("{server}/v1/linked-users"),
            &owner_keys[workspace],
            json!({"medium": medium, "identity": chat_id, "username": synthetic_username(number)}),
        )
        .await?;
        linked.push(Customer {
            number,
            workspace,
            telegram,
            chat_id,
        });
    }
    Ok(Setup {
        workspaces: tenants,
        customers: linked,
    })
}
