//! A fake Perfect Panel admin API v2: `GET /adminapi/v2/orders/{id}` and
//! `GET /adminapi/v2/users?username=`, behind an `X-Api-Key`, in the panel's envelope
//! `{"data":…,"error_code":0,"error_message":""}`.

use chrono::{Duration, Utc};
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{EndpointExt, Request, Response, Route, get, handler};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// The admin key the fake panel accepts.
pub const PANEL_API_KEY: &str = "sandbox-panel-admin-key";

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
}

impl FakePanel {
    /// The seeded panel; order dates are relative to now, in the panel's zone-less format.
    pub fn seeded() -> Self {
        let now = Utc::now();
        let orders = ORDERS
            .iter()
            .map(|o| {
                let created = now - Duration::days(o.days_ago);
                let updated = created + Duration::hours(3);
                json!({
                    "id": o.id, "user": o.user, "service_id": o.service_id,
                    "service_name": o.service_name,
                    "link": "https://instagram.com/sandbox.demo", "quantity": 1000,
                    "start_count": 850,
                    "remains": if o.status == "completed" { 0 } else { 400 },
                    "status": o.status,
                    "charge": {"value": "1.20", "currency_code": "USD", "formatted": "$1.20"},
                    "provider": o.provider, "external_id": o.external_id,
                    "created": created.format("%Y-%m-%d %H:%M:%S").to_string(),
                    "created_timestamp": created.timestamp(),
                    "last_update": updated.format("%Y-%m-%d %H:%M:%S").to_string(),
                })
            })
            .collect();
        let users = [(101, "alice"), (102, "bob")]
            .into_iter()
            .map(|(id, name)| {
                json!({"id": id, "username": name, "email": format!("{name}@example.com"),
                    "balance": "25.00", "status": "active"})
            })
            .collect();
        FakePanel { orders, users }
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
fn get_order(request: &Request, panel: Data<&Arc<FakePanel>>, Path(id): Path<String>) -> Response {
    if let Some(refused) = refuse_bad_key(request) {
        return refused;
    }
    let found = id
        .parse::<u64>()
        .ok()
        .and_then(|id| panel.orders.iter().find(|o| o["id"].as_u64() == Some(id)));
    match found {
        Some(order) => envelope(StatusCode::OK, order.clone(), 0, ""),
        None => envelope(StatusCode::NOT_FOUND, Value::Null, 404, "Order not found"),
    }
}

#[derive(Deserialize)]
struct UserQuery {
    username: Option<String>,
    email: Option<String>,
}

#[handler]
fn find_users(
    request: &Request,
    panel: Data<&Arc<FakePanel>>,
    Query(q): Query<UserQuery>,
) -> Response {
    if let Some(refused) = refuse_bad_key(request) {
        return refused;
    }
    let list: Vec<Value> = panel
        .users
        .iter()
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
