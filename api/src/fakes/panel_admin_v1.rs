//! A fake rental-style admin API v1: `POST /adminapi/v1` with the form fields `key` and
//! `action` (`getOrders-by-id` with `orders=1,2,…`, `getOrders`, `getUser` with `username`),
//! answering `{"status": "success", …}` or `{"status": "error", "error": …}`.

use super::{Controls, Fake, json_response};
use poem::http::StatusCode;
use poem::web::{Data, Form};
use poem::{EndpointExt, Response, Route, handler, post};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

#[derive(Default)]
struct PanelData {
    orders: BTreeMap<u64, Value>,
    users: Vec<Value>,
}

/// The fake panel. Clones share their state.
#[derive(Clone)]
pub struct PanelAdminV1 {
    key: String,
    data: Arc<Mutex<PanelData>>,
    controls: Controls,
}

impl PanelAdminV1 {
    /// An empty panel that accepts `api_key`.
    pub fn new(api_key: &str) -> Self {
        PanelAdminV1 {
            key: api_key.to_string(),
            data: Arc::default(),
            controls: Controls::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, PanelData> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds an order (`{"id", "username", "order_status", "date", "current_date", …}`), or
    /// replaces the one with the same `"id"`.
    pub fn put_order(&self, order: Value) {
        if let Some(id) = order["id"].as_u64() {
            self.lock().orders.insert(id, order);
        }
    }

    /// Adds a user (`{"username", "balance", …}`).
    pub fn put_user(&self, user: Value) {
        self.lock().users.push(user);
    }

    fn answer(&self, form: &HashMap<String, String>) -> Value {
        let error = |message: &str| json!({"status": "error", "error": message});
        if form.get("key") != Some(&self.key) {
            return error("bad_auth");
        }
        let data = self.lock();
        match form.get("action").map(String::as_str) {
            Some("getOrders-by-id") => {
                let wanted: Vec<u64> = form
                    .get("orders")
                    .map(|list| {
                        list.split(',')
                            .filter_map(|id| id.trim().parse().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                let orders: Vec<&Value> =
                    wanted.iter().filter_map(|id| data.orders.get(id)).collect();
                json!({"status": "success", "orders": orders})
            }
            Some("getOrders") => {
                let orders: Vec<&Value> = data.orders.values().rev().collect();
                json!({"status": "success", "orders": orders})
            }
            Some("getUser") => {
                let name = form.get("username");
                match data
                    .users
                    .iter()
                    .find(|u| name.is_some_and(|n| u["username"] == n.as_str()))
                {
                    Some(user) => json!({"status": "success", "user": user}),
                    None => error("User not found"),
                }
            }
            _ => error("Unknown action"),
        }
    }
}

impl Fake for PanelAdminV1 {
    fn name(&self) -> &'static str {
        "panel (admin API v1)"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new().at("/adminapi/v1", post(call).data(self.clone()))
    }
}

#[handler]
fn call(panel: Data<&PanelAdminV1>, Form(form): Form<HashMap<String, String>>) -> Response {
    json_response(StatusCode::OK, &panel.answer(&form))
}
