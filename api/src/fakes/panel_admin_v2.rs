//! A fake Perfect Panel admin API v2: `GET /adminapi/v2/orders` (the stored orders, newest
//! first), `GET /adminapi/v2/orders/{id}`,
//! `GET /adminapi/v2/users?username=&email=` and, when enabled, `POST /adminapi/v2/tickets/add`,
//! behind an `X-Api-Key`, in the panel's envelope `{"data":…,"error_code":0,"error_message":""}`.
//!
//! Its orders and users are set at runtime ([`PanelAdminV2::put_order`],
//! [`PanelAdminV2::set_status`]). It can also answer for any number of synthetic orders
//! (for load tests: every order id from [`SYNTHETIC_ORDER_BASE`] on belongs to a generated
//! customer).

use super::{Controls, Fake, json_response};
use chrono::{Duration, Utc};
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{EndpointExt, Request, Response, Route, get, handler, post};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The admin key the sandbox's panel accepts.
pub const PANEL_API_KEY: &str = "sandbox-panel-admin-key";

/// First id of the synthetic orders: order `SYNTHETIC_ORDER_BASE + customer * 1000 + n`
/// (n < 1000) belongs to the panel user [`synthetic_username`]`(customer)`.
pub const SYNTHETIC_ORDER_BASE: u64 = 10_000_000;
/// Synthetic orders each generated customer owns.
pub const SYNTHETIC_ORDERS_PER_CUSTOMER: u64 = 1_000;

/// The `n`th synthetic order of a generated customer.
pub fn synthetic_order_id(customer: u64, n: u64) -> u64 {
    SYNTHETIC_ORDER_BASE
        + customer * SYNTHETIC_ORDERS_PER_CUSTOMER
        + n % SYNTHETIC_ORDERS_PER_CUSTOMER
}

/// The panel username of a generated customer.
pub fn synthetic_username(customer: u64) -> String {
    format!("customer{customer}")
}

/// The provider's id of a synthetic order: the order id plus a billion, so a dispatched
/// text names its order unambiguously.
pub fn synthetic_external_id(order_id: u64) -> u64 {
    order_id + 1_000_000_000
}

/// The provider of a synthetic order: provider-one.com for even ids, provider-two.com for odd.
pub fn synthetic_provider(order_id: u64) -> &'static str {
    if order_id % 2 == 0 {
        "provider-one.com"
    } else {
        "provider-two.com"
    }
}

/// One seeded order.
struct SeedOrder {
    id: u64,
    user: &'static str,
    service_id: u64,
    service_name: &'static str,
    status: &'static str,
    provider: &'static str,
    external_id: &'static str,
    days_ago: i64,
}

const ORDERS: [SeedOrder; 5] = [
    SeedOrder {
        id: 2_274_209,
        user: "alice",
        service_id: 3463,
        service_name: "Instagram Followers [Refill: 30 Days] [Start Time: 0-1 Hour]",
        status: "completed",
        provider: "provider-one.com",
        external_id: "7450284",
        days_ago: 2,
    },
    SeedOrder {
        id: 2_274_210,
        user: "alice",
        service_id: 3470,
        service_name: "Instagram Likes [Refill: 30 Days] [Start Time: 0-6 Hours]",
        status: "in_progress",
        provider: "provider-two.com",
        external_id: "9120550",
        days_ago: 1,
    },
    SeedOrder {
        id: 2_274_211,
        user: "bob",
        service_id: 3463,
        service_name: "Instagram Followers [Refill: 30 Days] [Start Time: 0-1 Hour]",
        status: "completed",
        provider: "provider-one.com",
        external_id: "7450291",
        days_ago: 3,
    },
    SeedOrder {
        id: 2_274_212,
        user: "alice",
        service_id: 3470,
        service_name: "Instagram Likes [Refill: 30 Days] [Start Time: 0-6 Hours]",
        status: "completed",
        provider: "provider-two.com",
        external_id: "9120551",
        days_ago: 2,
    },
    SeedOrder {
        id: 2_274_213,
        user: "alice",
        service_id: 5120,
        service_name: "YouTube Views [Refill: 30 Days] [Start Time: 0-12 Hours]",
        status: "completed",
        provider: "provider-one.com",
        external_id: "7450301",
        days_ago: 4,
    },
];

/// An order as the admin API shows it, created `days_ago` days ago.
fn order_json(
    id: u64,
    user: &str,
    (service_id, service_name): (u64, &str),
    status: &str,
    (provider, external_id): (&str, &str),
    days_ago: i64,
) -> Value {
    let created = Utc::now() - Duration::days(days_ago);
    let updated = created + Duration::hours(3);
    json!({
        "id": id, "user": user, "service_id": service_id,
        "service_name": service_name,
        "link": "https://instagram.com/sandbox.demo", "quantity": 1000,
        "start_count": 850,
        "remains": if status == "completed" { 0 } else { 400 },
        "status": status,
        "charge": {"value": "1.20", "currency_code": "USD", "formatted": "$1.20"},
        "provider": provider, "external_id": external_id,
        "created": created.format("%Y-%m-%d %H:%M:%S").to_string(),
        "created_timestamp": created.timestamp(),
        "last_update": updated.format("%Y-%m-%d %H:%M:%S").to_string(),
    })
}

fn user_json(id: u64, name: &str) -> Value {
    json!({"id": id, "username": name, "email": format!("{name}@example.com"),
        "balance": "25.00", "status": "active"})
}

#[derive(Default)]
struct PanelData {
    orders: BTreeMap<u64, Value>,
    users: Vec<Value>,
    /// `None`: the ticket endpoint is absent (404).
    tickets: Option<Vec<Value>>,
    synthetic: bool,
}

/// The fake panel. Clones share their state.
#[derive(Clone)]
pub struct PanelAdminV2 {
    key: String,
    data: Arc<Mutex<PanelData>>,
    controls: Controls,
}

impl PanelAdminV2 {
    /// An empty panel that accepts `api_key`.
    pub fn new(api_key: &str) -> Self {
        PanelAdminV2 {
            key: api_key.to_string(),
            data: Arc::default(),
            controls: Controls::default(),
        }
    }

    /// The sandbox's panel: [`PANEL_API_KEY`], five orders of alice's and bob's (dates
    /// relative to now, in the panel's zone-less format), the users alice and bob.
    pub fn seeded() -> Self {
        let panel = PanelAdminV2::new(PANEL_API_KEY);
        for o in &ORDERS {
            panel.put_order(order_json(
                o.id,
                o.user,
                (o.service_id, o.service_name),
                o.status,
                (o.provider, o.external_id),
                o.days_ago,
            ));
        }
        for (id, name) in [(101, "alice"), (102, "bob")] {
            panel.put_user(user_json(id, name));
        }
        panel
    }

    /// Also answers for every synthetic order and customer (see [`SYNTHETIC_ORDER_BASE`]):
    /// completed, two days old, with a 30-day refill.
    pub fn with_synthetic_orders(self) -> Self {
        self.lock().synthetic = true;
        self
    }

    /// Accepts `POST /tickets/add`, answering ticket ids 1, 2, …
    pub fn with_tickets(self) -> Self {
        self.lock().tickets = Some(Vec::new());
        self
    }

    fn lock(&self) -> MutexGuard<'_, PanelData> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds an order, or replaces the one with the same `"id"`.
    pub fn put_order(&self, order: Value) {
        if let Some(id) = order["id"].as_u64() {
            self.lock().orders.insert(id, order);
        }
    }

    /// Sets an order's `status` (a step of its timeline); false when there is no such order.
    pub fn set_status(&self, order_id: u64, status: &str) -> bool {
        let mut data = self.lock();
        let Some(order) = data.orders.get_mut(&order_id) else {
            return false;
        };
        order["status"] = json!(status);
        true
    }

    /// Removes an order.
    pub fn remove_order(&self, order_id: u64) {
        self.lock().orders.remove(&order_id);
    }

    /// Adds a user (`{"id", "username", "email", "balance", …}`).
    pub fn put_user(&self, user: Value) {
        self.lock().users.push(user);
    }

    /// The tickets opened so far (their request bodies), oldest first.
    pub fn tickets(&self) -> Vec<Value> {
        self.lock().tickets.clone().unwrap_or_default()
    }

    fn order(&self, id: u64) -> Option<Value> {
        let data = self.lock();
        if let Some(order) = data.orders.get(&id) {
            return Some(order.clone());
        }
        if !data.synthetic || id < SYNTHETIC_ORDER_BASE {
            return None;
        }
        let customer = (id - SYNTHETIC_ORDER_BASE) / SYNTHETIC_ORDERS_PER_CUSTOMER;
        let external = synthetic_external_id(id).to_string();
        Some(order_json(
            id,
            &synthetic_username(customer),
            (3463, ORDERS[0].service_name),
            "completed",
            (synthetic_provider(id), &external),
            2,
        ))
    }

    fn users(&self, username: Option<&str>, email: Option<&str>) -> Vec<Value> {
        let data = self.lock();
        let synthetic = username
            .filter(|_| data.synthetic)
            .and_then(|name| name.strip_prefix("customer")?.parse::<u64>().ok())
            .map(|customer| user_json(1000 + customer, &synthetic_username(customer)));
        data.users
            .iter()
            .chain(synthetic.iter())
            .filter(|u| username.is_none_or(|n| u["username"] == n))
            .filter(|u| email.is_none_or(|e| u["email"] == e))
            .cloned()
            .collect()
    }

    /// Records a ticket; its id, or `None` when tickets are not enabled.
    fn open_ticket(&self, ticket: Value) -> Option<usize> {
        let mut data = self.lock();
        let tickets = data.tickets.as_mut()?;
        tickets.push(ticket);
        Some(tickets.len())
    }
}

impl Fake for PanelAdminV2 {
    fn name(&self) -> &'static str {
        "panel (admin API v2)"
    }

    fn controls(&self) -> &Controls {
        &self.controls
    }

    fn route(&self) -> Route {
        Route::new()
            .at("/adminapi/v2/orders", get(list_orders).data(self.clone()))
            .at("/adminapi/v2/orders/:id", get(get_order).data(self.clone()))
            .at("/adminapi/v2/users", get(find_users).data(self.clone()))
            .at(
                "/adminapi/v2/tickets/add",
                post(add_ticket).data(self.clone()),
            )
    }
}

fn envelope(status: StatusCode, data: Value, code: i64, message: &str) -> Response {
    json_response(
        status,
        &json!({"data": data, "error_code": code, "error_message": message}),
    )
}

/// `None` when the key is right, otherwise the refusal.
fn refuse_bad_key(request: &Request, panel: &PanelAdminV2) -> Option<Response> {
    let given = request.header("x-api-key");
    (given != Some(panel.key.as_str())).then(|| {
        envelope(
            StatusCode::UNAUTHORIZED,
            Value::Null,
            401,
            "Invalid API key",
        )
    })
}

#[handler]
fn get_order(request: &Request, panel: Data<&PanelAdminV2>, Path(id): Path<String>) -> Response {
    if let Some(refused) = refuse_bad_key(request, &panel) {
        return refused;
    }
    match id.parse::<u64>().ok().and_then(|id| panel.order(id)) {
        Some(order) => envelope(StatusCode::OK, order, 0, ""),
        None => envelope(StatusCode::NOT_FOUND, Value::Null, 404, "Order not found"),
    }
}

#[derive(Deserialize)]
struct PageQuery {
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /adminapi/v2/orders`: the stored orders, newest (highest id) first.
#[handler]
fn list_orders(
    request: &Request,
    panel: Data<&PanelAdminV2>,
    Query(page): Query<PageQuery>,
) -> Response {
    if let Some(refused) = refuse_bad_key(request, &panel) {
        return refused;
    }
    let list: Vec<Value> = panel
        .lock()
        .orders
        .values()
        .rev()
        .skip(page.offset.unwrap_or(0))
        .take(page.limit.unwrap_or(100))
        .cloned()
        .collect();
    envelope(
        StatusCode::OK,
        json!({"count": list.len(), "list": list}),
        0,
        "",
    )
}

#[derive(Deserialize)]
struct UserQuery {
    username: Option<String>,
    email: Option<String>,
}

#[handler]
fn find_users(
    request: &Request,
    panel: Data<&PanelAdminV2>,
    Query(q): Query<UserQuery>,
) -> Response {
    if let Some(refused) = refuse_bad_key(request, &panel) {
        return refused;
    }
    let list = panel.users(q.username.as_deref(), q.email.as_deref());
    envelope(
        StatusCode::OK,
        json!({"count": list.len(), "list": list}),
        0,
        "",
    )
}

#[handler]
fn add_ticket(request: &Request, panel: Data<&PanelAdminV2>, body: Vec<u8>) -> Response {
    if let Some(refused) = refuse_bad_key(request, &panel) {
        return refused;
    }
    let ticket = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match panel.open_ticket(ticket) {
        Some(id) => envelope(StatusCode::OK, json!({"ticket_id": id}), 0, ""),
        None => Response::builder().status(StatusCode::NOT_FOUND).body(""),
    }
}
