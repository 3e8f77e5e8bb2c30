//! Perfect Panel admin API v2: `https://<panel>/adminapi/v2`, `X-Api-Key` header, envelope
//! `{"data": …, "error_code": 0, "error_message": ""}`, `limit`/`offset` paging.
//!
//! Orders are read one by one (`GET /orders/{id}`; no batch lookup is known), concurrently
//! within the panel's rate limit.

use super::admin_order;
use super::lenient::{decimal, field, first, int, text, time};
use super::transport::{Retry, Transport};
use super::{PanelSettings, normalise_base};
use async_trait::async_trait;
use chrono_tz::Tz;
use panelrelay_core::ports::panel::{
    NewTicket, PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelService, PanelTicket,
    PanelUser, TicketMessage,
};
use serde_json::{Map, Value, json};

/// Orders fetched at once.
const CONCURRENCY: usize = 8;
/// Recent orders read to discover services (the admin API has no service list).
const SERVICE_SCAN: u32 = 500;

/// A Perfect Panel admin API v2 client.
pub struct PerfectPanel {
    base: String,
    key: String,
    tz: Tz,
    transport: Transport,
}

impl PerfectPanel {
    /// A client for `settings`.
    pub fn new(settings: &PanelSettings) -> Result<Self, PanelError> {
        Ok(PerfectPanel {
            base: format!(
                "{}/adminapi/v2",
                normalise_base(&settings.base_url, &["/adminapi/v2"])
            ),
            key: settings.api_key.clone(),
            tz: settings.timezone,
            transport: Transport::new(settings.timeout, settings.requests_per_second)?,
        })
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, PanelError> {
        let url = format!("{}{path}", self.base);
        let body = self
            .transport
            .json(Retry::Safe, || {
                self.transport
                    .client()
                    .get(&url)
                    .header("X-Api-Key", &self.key)
                    .query(query)
            })
            .await?;
        unwrap_envelope(body)
    }

    async fn post(&self, path: &str, payload: &Value) -> Result<Value, PanelError> {
        let url = format!("{}{path}", self.base);
        let body = self
            .transport
            .json(Retry::Never, || {
                self.transport
                    .client()
                    .post(&url)
                    .header("X-Api-Key", &self.key)
                    .json(payload)
            })
            .await?;
        unwrap_envelope(body)
    }

    async fn fetch_one(&self, order_id: u64) -> Result<Option<PanelOrder>, PanelError> {
        match self.get(&format!("/orders/{order_id}"), &[]).await {
            Ok(data) => Ok(data
                .as_object()
                .and_then(|order| read_order(order, self.tz))),
            Err(PanelError::Http(404)) => Ok(None),
            Err(PanelError::Api { message, .. }) if is_not_found(&message) => Ok(None),
            Err(err) => Err(err),
        }
    }

    fn list(data: &Value) -> impl Iterator<Item = &Map<String, Value>> {
        data.as_object()
            .and_then(|d| field(d, "list"))
            .or(Some(data))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
    }
}

/// Reads the envelope: `data` on success, an error for a non-zero `error_code`.
fn unwrap_envelope(body: Value) -> Result<Value, PanelError> {
    let Some(object) = body.as_object() else {
        return Err(PanelError::Decode("expected a JSON object".into()));
    };
    let code = field(object, "error_code").and_then(int).unwrap_or(0);
    if code != 0 {
        let message = field(object, "error_message")
            .and_then(text)
            .unwrap_or_default();
        if is_bad_key(&message) {
            return Err(PanelError::BadKey);
        }
        return Err(PanelError::Api { code, message });
    }
    Ok(field(object, "data").cloned().unwrap_or(Value::Null))
}

fn is_not_found(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    message.contains("not found")
        || message.contains("incorrect")
        || message.contains("invalid order")
}

fn is_bad_key(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    message.contains("api key")
        || message.contains("api_key")
        || message.contains("unauthori")
        || message.contains("bad_auth")
}

/// Reads an admin v2 order object.
fn read_order(order: &Map<String, Value>, tz: Tz) -> Option<PanelOrder> {
    let created =
        first(order, &["created", "created_timestamp", "created_at"]).and_then(|v| time(v, tz));
    let updated = first(order, &["last_update", "updated", "updated_at"]).and_then(|v| time(v, tz));
    admin_order::read_order(order, created, updated)
}

fn read_ticket(ticket: &Map<String, Value>, tz: Tz) -> Option<PanelTicket> {
    let messages = field(ticket, "messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|m| {
            Some(TicketMessage {
                author: first(m, &["author", "user", "username"]).and_then(text),
                text: first(m, &["message", "text"]).and_then(text)?,
                created_at: first(m, &["created", "created_at"]).and_then(|v| time(v, tz)),
            })
        })
        .collect();
    Some(PanelTicket {
        id: field(ticket, "id").and_then(text)?,
        username: first(ticket, &["user", "username"]).and_then(text),
        subject: field(ticket, "subject").and_then(text),
        status: field(ticket, "status").and_then(text),
        created_at: first(ticket, &["created", "created_at"]).and_then(|v| time(v, tz)),
        messages,
    })
}

#[async_trait]
impl PanelApi for PerfectPanel {
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        let mut orders = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CONCURRENCY) {
            let results =
                futures_util::future::join_all(chunk.iter().map(|id| self.fetch_one(*id))).await;
            for result in results {
                if let Some(order) = result? {
                    orders.push(order);
                }
            }
        }
        Ok(orders)
    }

    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError> {
        let data = self
            .get(
                "/users",
                &[("username", username.to_string()), ("limit", "10".into())],
            )
            .await?;
        Ok(Self::list(&data)
            .find(|user| {
                field(user, "username")
                    .and_then(text)
                    .is_some_and(|name| name.eq_ignore_ascii_case(username))
            })
            .map(|user| PanelUser {
                username: field(user, "username").and_then(text).unwrap_or_default(),
                balance: field(user, "balance").and_then(decimal),
                currency: first(user, &["currency", "currency_code"]).and_then(text),
            }))
    }

    fn capabilities(&self) -> PanelCapabilities {
        super::capabilities(super::PanelKind::PerfectPanelV2)
    }

    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        let query = [
            ("limit", SERVICE_SCAN.to_string()),
            ("offset", "0".into()),
            ("sort", "date-desc".into()),
        ];
        let data = self.get("/orders", &query).await?;
        Ok(admin_order::services_from_orders(Self::list(&data)))
    }

    async fn list_tickets(&self, limit: u32) -> Result<Vec<PanelTicket>, PanelError> {
        let data = self
            .get(
                "/tickets",
                &[("limit", limit.to_string()), ("offset", "0".into())],
            )
            .await?;
        Ok(Self::list(&data)
            .filter_map(|t| read_ticket(t, self.tz))
            .collect())
    }

    async fn get_ticket(&self, ticket_id: &str) -> Result<Option<PanelTicket>, PanelError> {
        match self
            .get(&format!("/tickets/{}", urlencode(ticket_id)), &[])
            .await
        {
            Ok(data) => Ok(data.as_object().and_then(|t| read_ticket(t, self.tz))),
            Err(PanelError::Http(404)) => Ok(None),
            Err(PanelError::Api { message, .. }) if is_not_found(&message) => Ok(None),
            Err(err) => Err(err),
        }
    }

    async fn reply_ticket(&self, ticket_id: &str, message: &str) -> Result<(), PanelError> {
        self.post(
            &format!("/tickets/{}/reply", urlencode(ticket_id)),
            &json!({ "message": message }),
        )
        .await?;
        Ok(())
    }

    async fn open_ticket(&self, ticket: &NewTicket) -> Result<String, PanelError> {
        let payload = json!({ "username": ticket.username, "subject": ticket.subject, "message": ticket.message });
        let data = self.post("/tickets/add", &payload).await?;
        let id = match &data {
            Value::Object(object) => first(object, &["ticket_id", "id"]).and_then(text),
            other => text(other),
        };
        id.ok_or_else(|| PanelError::Decode("no ticket id in the answer".into()))
    }
}

/// Percent-encodes a path segment (ticket ids are panel-chosen text).
fn urlencode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
