//! Rental-panel style admin API v1: action-based, `POST https://<panel>/adminapi/v1` with
//! `key` and `action` as form fields (never in the URL), answers
//! `{"status": "success" | "fail" | "error", …}`.
//!
//! Orders come back in one call per 100 ids; ages are computed from the panel's own
//! `current_date`, so no timezone guess is needed.

use super::admin_order;
use super::lenient::{decimal, field, first, int, text, time};
use super::transport::{Retry, Transport};
use super::{PanelSettings, normalise_base};
use async_trait::async_trait;
use chrono::Utc;
use chrono_tz::Tz;
use panelrelay_core::ports::panel::{
    PanelApi, PanelCapabilities, PanelError, PanelOrder, PanelService, PanelUser,
};
use serde_json::{Map, Value};

/// Ids per `getOrders-by-id` call.
const BATCH: usize = 100;

/// A rental-style admin API v1 client.
pub struct RentalV1 {
    url: String,
    key: String,
    tz: Tz,
    transport: Transport,
}

impl RentalV1 {
    /// A client for `settings`.
    pub fn new(settings: &PanelSettings) -> Result<Self, PanelError> {
        Ok(RentalV1 {
            url: format!(
                "{}/adminapi/v1",
                normalise_base(&settings.base_url, &["/adminapi/v1"])
            ),
            key: settings.api_key.clone(),
            tz: settings.timezone,
            transport: Transport::new(settings.timeout, settings.requests_per_second)?,
        })
    }

    async fn call(
        &self,
        action: &str,
        params: &[(&str, String)],
    ) -> Result<Map<String, Value>, PanelError> {
        let mut form: Vec<(&str, String)> =
            vec![("key", self.key.clone()), ("action", action.to_string())];
        form.extend(params.iter().cloned());
        let body = self
            .transport
            .json(Retry::Safe, || {
                self.transport.client().post(&self.url).form(&form)
            })
            .await?;
        let Value::Object(object) = body else {
            return Err(PanelError::Decode("expected a JSON object".into()));
        };
        let status = field(&object, "status")
            .and_then(text)
            .unwrap_or_default()
            .to_ascii_lowercase();
        // One known panel misspells success; tolerate it.
        if status == "success" || status == "sucess" {
            return Ok(object);
        }
        let error = first(&object, &["error", "error_message"])
            .and_then(text)
            .unwrap_or_else(|| status.clone());
        if error.eq_ignore_ascii_case("bad_auth") || error.to_ascii_lowercase().contains("key") {
            return Err(PanelError::BadKey);
        }
        let code = field(&object, "error_code").and_then(int).unwrap_or(-1);
        Err(PanelError::Api {
            code,
            message: error,
        })
    }

    fn read_order(&self, order: &Map<String, Value>) -> Option<PanelOrder> {
        let created_panel = field(order, "date").and_then(|v| time(v, self.tz));
        let now_panel = field(order, "current_date").and_then(|v| time(v, self.tz));
        // The order's age on the panel's own clock, placed against ours.
        let created_at = match (created_panel, now_panel) {
            (Some(created), Some(now)) => Some(Utc::now() - (now - created)),
            (created, _) => created,
        };
        admin_order::read_order(order, created_at, None)
    }
}

fn orders(object: &Map<String, Value>) -> impl Iterator<Item = &Map<String, Value>> {
    field(object, "orders")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

#[async_trait]
impl PanelApi for RentalV1 {
    async fn fetch_orders(&self, ids: &[u64]) -> Result<Vec<PanelOrder>, PanelError> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH) {
            let list = chunk
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let answer = match self
                .call(
                    "getOrders-by-id",
                    &[("orders", list), ("provider", "1".into())],
                )
                .await
            {
                Ok(answer) => answer,
                // A batch of unknown ids can come back as an error instead of an empty list.
                Err(PanelError::Api { message, .. })
                    if message.to_ascii_lowercase().contains("not found") =>
                {
                    continue;
                }
                Err(err) => return Err(err),
            };
            found.extend(
                orders(&answer)
                    .filter_map(|order| self.read_order(order))
                    .filter(|o| chunk.contains(&o.id)),
            );
        }
        Ok(found)
    }

    async fn find_user(&self, username: &str) -> Result<Option<PanelUser>, PanelError> {
        match self
            .call("getUser", &[("username", username.to_string())])
            .await
        {
            Ok(answer) => {
                let user = field(&answer, "user")
                    .and_then(Value::as_object)
                    .unwrap_or(&answer);
                let name = first(user, &["username", "login"])
                    .and_then(text)
                    .unwrap_or_else(|| username.to_string());
                Ok(Some(PanelUser {
                    username: name,
                    balance: field(user, "balance").and_then(decimal),
                    currency: field(user, "currency").and_then(text),
                }))
            }
            Err(PanelError::Api { message, .. })
                if message.to_ascii_lowercase().contains("not found") =>
            {
                Ok(None)
            }
            Err(err) => Err(err),
        }
    }

    fn capabilities(&self) -> PanelCapabilities {
        super::capabilities(super::PanelKind::AdminV1)
    }

    async fn list_services(&self) -> Result<Vec<PanelService>, PanelError> {
        let answer = self.call("getOrders", &[("limit", "500".into())]).await?;
        Ok(admin_order::services_from_orders(orders(&answer)))
    }
}
