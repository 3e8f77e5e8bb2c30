//! A fake Perfect Panel admin API v2: `GET /adminapi/v2/orders/{id}` and
//! `GET /adminapi/v2/users?username=`, behind an `X-Api-Key`, in the panel's envelope
//! `{"data":…,"error_code":0,"error_message":""}`.
//!
//! Beside its five seeded orders it can answer for any number of synthetic orders (for load
//! tests: every order id from [`SYNTHETIC_ORDER_BASE`] on belongs to a generated customer)
//! and can answer after an added latency, like a slow panel.

use chrono::{Duration, Utc};
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{EndpointExt, Request, Response, Route, get, handler};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// The admin key the fake panel accepts.
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

/// The fake panel's data: orders and users as the admin API shows them.
pub struct FakePanel {
    orders: Vec<Value>,
    users: Vec<Value>,
    synthetic: bool,
    latency: std::time::Duration,
}

/// A completed refillable order as the admin API shows it.
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

impl FakePanel {
    /// The seeded panel; order dates are relative to now, in the panel's zone-less format.
    pub fn seeded() -> Self {
        let orders = ORDERS
            .iter()
            .map(|o| {
                order_json(
                    o.id,
                    o.user,
                    (o.service_id, o.service_name),
                    o.status,
                    (o.provider, o.external_id),
                    o.days_ago,
                )
            })
            .collect();
        let users = [(101, "alice"), (102, "bob")]
            .into_iter()
            .map(|(id, name)| user_json(id, name))
            .collect();
        FakePanel {
            orders,
            users,
            synthetic: false,
            latency: std::time::Duration::ZERO,
        }
    }

    /// Also answers for every synthetic order and customer (see [`SYNTHETIC_ORDER_BASE`]):
    /// completed, two days old, with a 30-day refill.
    pub fn with_synthetic_orders(mut self) -> Self {
        self.synthetic = true;
        self
    }

    /// Answers every request after `latency`.
    pub fn with_latency(mut self, latency: std::time::Duration) -> Self {
        self.latency = latency;
        self
    }

    fn synthetic_order(&self, id: u64) -> Option<Value> {
        if !self.synthetic || id < SYNTHETIC_ORDER_BASE {
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

    fn synthetic_user(&self, username: &str) -> Option<Value> {
        let customer = username.strip_prefix("customer")?.parse::<u64>().ok()?;
        self.synthetic
            .then(|| user_json(1000 + customer, &synthetic_username(customer)))
    }

    /// The HTTP routes.
    pub fn route(self) -> impl poem::Endpoint + 'static {
        Route::new()
            .at("/adminapi/v2/orders/:id", get(get_order))
            .at("/adminapi/v2/users", get(find_users))
            .data(Arc::new(self))
    }
}

fn envelope(status: StatusCode, data: Value, code: i64, message: &str) -> Response {
    Response::builder()
        .status(status)
        .content_type("application/json")
        .body(json!({"data": data, "error_code": code, "error_message": message}).to_string())
}

/// `None` when the key is right, otherwise the refusal.
fn refuse_bad_key(request: &Request) -> Option<Response> {
    let given = request.header("x-api-key");
    (given != Some(PANEL_API_KEY)).then(|| {
        envelope(
            StatusCode::UNAUTHORIZED,
            Value::Null,
            401,
            "Invalid API key",
        )
    })
}

#[handler]
async fn get_order(
    request: &Request,
    panel: Data<&Arc<FakePanel>>,
    Path(id): Path<String>,
) -> Response {
    if let Some(refused) = refuse_bad_key(request) {
        return refused;
    }
    if !panel.latency.is_zero() {
        tokio::time::sleep(panel.latency).await;
    }
    let found = id.parse::<u64>().ok().and_then(|id| {
        panel
            .orders
            .iter()
            .find(|o| o["id"].as_u64() == Some(id))
            .cloned()
            .or_else(|| panel.synthetic_order(id))
    });
    match found {
        Some(order) => envelope(StatusCode::OK, order, 0, ""),
        None => envelope(StatusCode::NOT_FOUND, Value::Null, 404, "Order not found"),
    }
}

#[derive(Deserialize)]
struct UserQuery {
    username: Option<String>,
    email: Option<String>,
}

#[handler]
async fn find_users(
    request: &Request,
    panel: Data<&Arc<FakePanel>>,
    Query(q): Query<UserQuery>,
) -> Response {
    if let Some(refused) = refuse_bad_key(request) {
        return refused;
    }
    if !panel.latency.is_zero() {
        tokio::time::sleep(panel.latency).await;
    }
    let synthetic = q.username.as_deref().and_then(|n| panel.synthetic_user(n));
    let list: Vec<Value> = panel
        .users
        .iter()
        .chain(synthetic.iter())
        .filter(|u| q.username.as_deref().is_none_or(|n| u["username"] == n))
        .filter(|u| q.email.as_deref().is_none_or(|e| u["email"] == e))
        .cloned()
        .collect();
    envelope(
        StatusCode::OK,
        json!({"count": list.len(), "list": list}),
        0,
        "",
    )
}
