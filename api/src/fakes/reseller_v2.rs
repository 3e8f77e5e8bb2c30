//! A fake reseller API v2: `POST /api/v2` with the form fields `key` and `action`
//! (`status` with `order=` or `orders=1,2,…`, `services`); errors as `{"error": …}`.

use super::{Controls, Fake, json_response};
use poem::http::StatusCode;
use poem::web::{Data, Form};
use poem::{EndpointExt, Response, Route, handler, post};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

#[derive(Default)]
struct PanelData {
    statuses: BTreeMap<u64, Value>,
    services: Vec<Value>,
}

/// The fake reseller API. Clones share their state.
#[derive(Clone)]
pub struct ResellerV2 {
    key: String,
    data: Arc<Mutex<PanelData>>,
    controls: Controls,
}

impl ResellerV2 {
    /// An empty panel that accepts `api_key`.
    pub fn new(api_key: &str) -> Self {
        ResellerV2 {
            key: api_key.to_string(),
            data: Arc::default(),
            controls: Controls::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, PanelData> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sets an order's status entry (`{"charge", "start_count", "status", "remains",
    /// "currency"}`), replacing the previous one.
    pub fn put_status(&self, order_id: u64, entry: Value) {
        self.lock().statuses.insert(order_id, entry);
    }

    /// Adds a service (`{"service", "name", "category", "rate", …}`).
    pub fn put_service(&self, service: Value) {
        self.lock().services.push(service);
    }

    fn status_of(data: &PanelData, order_id: &str) -> Value {
        order_id
            .trim()
            .parse::<u64>()
            .ok()
            .and_then(|id| data.statuses.get(&id))
            .cloned()
            .unwrap_or_else(|| json!({"error": "Incorrect order ID"}))
    }

    fn answer(&self, form: &HashMap<String, String>) -> Value {
        if form.get("key") != Some(&self.key) {
            return json!({"error": "Invalid API key"});
        }
        let data = self.lock();
        match form.get("action").map(String::as_str) {
            Some("status") => match (form.get("order"), form.get("orders")) {
                (Some(one), _) => Self::status_of(&data, one),
                (None, Some(list)) => {
                    let entries: Map<String, Value> = list
                        .split(',')
                        .map(|id| (id.trim().to_string(), Self::status_of(&data, id)))
                        .collect();
                    Value::Object(entries)
                }
                (None, None) => json!({"error": "Incorrect order ID"}),
            },
            Some("services") => Value::Array(data.services.clone()),
            _ => json!({"error": "Incorrect request"}),
        }
    }
}

impl Fake for ResellerV2 {
    fn name(&self) -> &'static str {
        "panel (reseller API v2)"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new().at("/api/v2", post(call).data(self.clone()))
    }
}

#[handler]
fn call(panel: Data<&ResellerV2>, Form(form): Form<HashMap<String, String>>) -> Response {
    json_response(StatusCode::OK, &panel.answer(&form))
}
