//! Fakes of the outside world, shared by the sandbox, the benchmark and the tests: panels
//! (Perfect Panel admin API v2, rental-style admin API v1, reseller API v2) and messaging
//! APIs (Telegram Bot API, Green API, Meta WhatsApp Cloud), each served on an ephemeral
//! loopback port.
//!
//! Every fake holds [`Controls`]: the log of the requests it received, a failure script
//! (the next N requests to a path answer 500, 429, invalid JSON or after a delay) and an
//! added latency. A fake's data (orders, users, credentials) is changed at runtime through
//! its own methods; clones of a fake share their state.

pub mod greenapi;
pub mod meta;
pub mod panel_admin_v1;
pub mod panel_admin_v2;
pub mod recorder;
pub mod reseller_v2;
pub mod telegram;

use poem::http::StatusCode;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::{Body, Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server};
pub use recorder::Recorder;
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::task::JoinHandle;

/// One request a fake received.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: String,
    /// The URL path.
    pub path: String,
    /// The raw query string, empty when there is none.
    pub query: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body as sent.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as JSON, `Null` when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a scripted rule answers instead of the fake.
#[derive(Clone, Debug)]
pub enum Answer {
    /// This status with this JSON body.
    Json(u16, Value),
    /// This status with a plain-text body.
    Status(u16),
    /// 200 with a `Content-Type: application/json` body that is not JSON.
    InvalidJson,
    /// Waits this long, then lets the fake answer (a slow or hung provider).
    Delay(Duration),
}

/// A scripted answer for requests whose path contains `path_contains` (and whose body
/// contains `body_contains`, when set): the next `times` of them, or all when unset.
#[derive(Clone, Debug)]
pub struct Rule {
    path_contains: String,
    body_contains: Option<String>,
    remaining: Option<usize>,
    answer: Answer,
}

impl Rule {
    /// Answers every request whose path contains `path_contains` (`""`: every request).
    pub fn on(path_contains: &str, answer: Answer) -> Self {
        Rule {
            path_contains: path_contains.to_string(),
            body_contains: None,
            remaining: None,
            answer,
        }
    }

    /// Only the next `times` matching requests.
    pub fn times(mut self, times: usize) -> Self {
        self.remaining = Some(times);
        self
    }

    /// Only requests whose body contains `text`.
    pub fn body_contains(mut self, text: &str) -> Self {
        self.body_contains = Some(text.to_string());
        self
    }

    fn matches(&self, path: &str, body: &[u8]) -> bool {
        path.contains(&self.path_contains)
            && self
                .body_contains
                .as_ref()
                .is_none_or(|needle| String::from_utf8_lossy(body).contains(needle.as_str()))
    }
}

#[derive(Default)]
struct ControlState {
    requests: Vec<Recorded>,
    rules: Vec<Rule>,
    latency: Duration,
    not_recording: bool,
}

/// A fake's request log, failure script and latency. Cheap to clone; clones share them.
#[derive(Clone, Default)]
pub struct Controls {
    state: Arc<Mutex<ControlState>>,
}

impl Controls {
    fn lock(&self) -> MutexGuard<'_, ControlState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// The requests whose path contains `path_contains`, oldest first.
    pub fn requests_to(&self, path_contains: &str) -> Vec<Recorded> {
        self.lock()
            .requests
            .iter()
            .filter(|r| r.path.contains(path_contains))
            .cloned()
            .collect()
    }

    /// Adds a rule; rules are tried in the order added, the first that matches answers.
    pub fn script(&self, rule: Rule) {
        self.lock().rules.push(rule);
    }

    /// The next `times` requests whose path contains `path_contains` get `answer`.
    pub fn fail_next(&self, path_contains: &str, times: usize, answer: Answer) {
        self.script(Rule::on(path_contains, answer).times(times));
    }

    /// Every answer waits `latency` first.
    pub fn set_latency(&self, latency: Duration) {
        self.lock().latency = latency;
    }

    /// Stops keeping requests (long load runs); the script and latency still apply.
    pub fn stop_recording(&self) {
        self.lock().not_recording = true;
    }

    /// Records a request, returns the latency and the scripted answer that apply to it.
    fn admit(&self, request: Recorded) -> (Duration, Option<Answer>) {
        let mut state = self.lock();
        let position = state
            .rules
            .iter()
            .position(|rule| rule.matches(&request.path, &request.body));
        let answer = position.map(|at| {
            let rule = &mut state.rules[at];
            let answer = rule.answer.clone();
            if let Some(remaining) = rule.remaining.as_mut() {
                *remaining = remaining.saturating_sub(1);
                if *remaining == 0 {
                    state.rules.remove(at);
                }
            }
            answer
        });
        if !state.not_recording {
            state.requests.push(request);
        }
        (state.latency, answer)
    }
}

/// A fake of one outside API.
pub trait Fake {
    /// Its name, for errors.
    fn name(&self) -> &'static str;
    /// Its request log and script.
    fn controls(&self) -> &Controls;
    /// Its HTTP routes.
    fn route(&self) -> Route;
}

/// A fake being served. Dereferences to the fake; dropping it stops the server.
pub struct Running<F> {
    fake: F,
    url: String,
    task: JoinHandle<()>,
}

impl<F> Running<F> {
    /// The base URL, `http://127.0.0.1:{port}`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl<F> std::ops::Deref for Running<F> {
    type Target = F;
    fn deref(&self) -> &F {
        &self.fake
    }
}

impl<F> Drop for Running<F> {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A JSON response.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    Response::builder()
        .status(status)
        .content_type("application/json")
        .body(body.to_string())
}

fn scripted(answer: Answer) -> Option<Response> {
    let status =
        |code: u16| StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match answer {
        Answer::Json(code, body) => Some(json_response(status(code), &body)),
        Answer::Status(code) => Some(
            Response::builder()
                .status(status(code))
                .body(status(code).canonical_reason().unwrap_or("error")),
        ),
        Answer::InvalidJson => Some(
            Response::builder()
                .status(StatusCode::OK)
                .content_type("application/json")
                .body("{\"data\": <html>"),
        ),
        Answer::Delay(_) => None,
    }
}

/// Records the request and applies the latency and the script before the fake answers.
async fn admit<E: Endpoint>(
    endpoint: Arc<E>,
    mut request: Request,
    controls: Controls,
) -> poem::Result<Response> {
    let body = request.take_body().into_vec().await.unwrap_or_default();
    let recorded = Recorded {
        method: request.method().to_string(),
        path: request.uri().path().to_string(),
        query: request.uri().query().unwrap_or_default().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.clone(),
    };
    let (latency, answer) = controls.admit(recorded);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(Answer::Delay(delay)) = &answer {
        tokio::time::sleep(*delay).await;
    }
    if let Some(response) = answer.and_then(scripted) {
        return Ok(response);
    }
    request.set_body(Body::from(body));
    Ok(endpoint.call(request).await?.into_response())
}

/// Serves `fake` on an ephemeral loopback port.
pub async fn serve<F: Fake>(fake: F) -> std::io::Result<Running<F>> {
    let name = fake.name();
    let acceptor = TcpListener::bind("127.0.0.1:0").into_acceptor().await?;
    let address = acceptor
        .local_addr()
        .into_iter()
        .find_map(|addr| addr.as_socket_addr().copied())
        .ok_or_else(|| std::io::Error::other(format!("fake {name}: no local address")))?;
    let controls = fake.controls().clone();
    let endpoint = fake
        .route()
        .around(move |endpoint, request| admit(endpoint, request, controls.clone()));
    let task = tokio::spawn(async move {
        if let Err(err) = Server::new_with_acceptor(acceptor).run(endpoint).await {
            tracing::warn!(error = %err, fake = name, "fake server stopped");
        }
    });
    Ok(Running {
        fake,
        url: format!("http://{address}"),
        task,
    })
}

/// A server on loopback that accepts connections, reads what is sent and never answers.
pub async fn serve_hung() -> std::io::Result<Running<()>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let task = tokio::spawn(async move {
        let mut held = tokio::task::JoinSet::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            held.spawn(async move {
                let mut sink = tokio::io::sink();
                let _ = tokio::io::copy(&mut socket, &mut sink).await;
            });
        }
    });
    Ok(Running {
        fake: (),
        url: format!("http://{address}"),
        task,
    })
}
