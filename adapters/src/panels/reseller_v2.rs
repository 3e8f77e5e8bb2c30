//! The reseller API v2 (`POST https://<panel>/api/v2`, form fields `key` and `action`), for
//! panels without an admin API.
//!
//! What works in this mode: order status, remains and charge (100 ids per call) and the
//! service catalogue. What does not: the order's owner, its provider and external id, user
//! lookups and tickets. Without an owner there is no ownership check, so such workspaces
//! must rely on admin chats or explicit linking rules, and without external ids nothing can
//! be forwarded automatically.

use super::lenient::{decimal, field, first, int, text};
use super::transport::{Retry, Transport};
use super::{PanelSettings, normalise_base};
use async_trait::async_trait;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelService, PanelUser,
};
use panelrelay_core::rules::OrderStatus;
use serde_json::{Map, Value};

/// Ids per `status` call.
const BATCH: usize = 100;

/// A reseller API v2 client.
pub struct ResellerV2 {
    url: String,
    key: String,
    transport: Transport,
}

impl ResellerV2 {
    /// A client for `settings`.
    pub fn new(settings: &PanelSettings) -> Result<Self, PanelError> {
        Ok(ResellerV2 {
            url: format!(
                "{}/api/v2",
                normalise_base(&settings.base_url, &["/api/v2"])
            ),
            key: settings.api_key.clone(),
            transport: Transport::new(settings.timeout, settings.requests_per_second)?,
        })
    }

    async fn call(&self, action: &str, params: &[(&str, String)]) -> Result<Value, PanelError> {
        let mut form: Vec<(&str, String)> =
            vec![("key", self.key.clone()), ("action", action.to_string())];
        form.extend(params.iter().cloned());
        let body = self
            .transport
            .json(Retry::Safe, || {
                self.transport.client().post(&self.url).form(&form)
            })
            .await?;
        if let Some(message) = body
            .as_object()
            .and_then(|o| field(o, "error"))
            .and_then(text)
        {
            let lower = message.to_ascii_lowercase();
            if lower.contains("key") || lower.contains("auth") {
                return Err(PanelError::BadKey);
            }
            return Err(PanelError::Api { code: -1, message });
        }
        Ok(body)
    }
}

/// Reads one status entry (no owner, provider or external id in this API).
fn read_status(order_id: u64, entry: &Map<String, Value>) -> Option<PanelOrder> {
    if field(entry, "error").is_some() {
        return None;
    }
    let raw_status = field(entry, "status").and_then(text)?;
    Some(PanelOrder {
        id: order_id,
        user: String::new(),
        service_id: None,
        service_name: None,
        status: OrderStatus::parse(&raw_status),
        raw_status,
        remains: field(entry, "remains").and_then(int),
        start_count: field(entry, "start_count").and_then(int),
        charge: field(entry, "charge").and_then(decimal),
        provider: None,
        external_id: None,
        created_at: None,
        updated_at: None,
    })
}

#[async_trait]
impl PanelApi for ResellerV2 {
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH) {
            let list = chunk
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let body = self.call("status", &[("orders", list)]).await?;
            let Value::Object(object) = body else {
                return Err(PanelError::Decode(
                    "expected an object keyed by order id".into(),
                ));
            };
            if chunk.len() == 1 && field(&object, "status").is_some() {
                // Some panels answer a one-id multi request in the single-order shape.
                found.extend(read_status(chunk[0], &object));
                continue;
            }
            for order_id in chunk {
                if let Some(entry) = object.get(&order_id.to_string()).and_then(Value::as_object) {
                    found.extend(read_status(*order_id, entry));
                }
            }
        }
        Ok(found)
    }

    async fn find_user(&self, _username: &str) -> Result<Option<PanelUser>, PanelError> {
        Err(PanelError::Unsupported)
    }

    fn capabilities(&self) -> PanelCapabilities {
        super::capabilities(super::PanelKind::ResellerV2)
    }

    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        let body = self.call("services", &[]).await?;
        let list = match &body {
            Value::Array(list) => list.as_slice(),
            Value::Object(object) => first(object, &["data", "services"])
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice),
            _ => &[],
        };
        Ok(list
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|service| {
                Some(PanelService {
                    id: first(service, &["service", "id"]).and_then(text)?,
                    name: field(service, "name").and_then(text)?,
                    category: field(service, "category").and_then(text),
                    rate: field(service, "rate").and_then(decimal),
                    refill: field(service, "refill").and_then(flag),
                    cancel: field(service, "cancel").and_then(flag),
                })
            })
            .collect())
    }
}

/// An optional boolean that panels write as true/false, 1/0 or "1"/"0".
fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        other => int(other).map(|n| n != 0),
    }
}
