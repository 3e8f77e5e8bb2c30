//! The messages a messaging fake delivered, as the sandbox's `GET /sent` and the benchmark
//! read them.

use chrono::Utc;
use poem::http::StatusCode;
use poem::web::Data;
use poem::{Response, handler};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The messages a fake delivered, oldest first. Cheap to clone; clones share the list.
#[derive(Clone, Default)]
pub struct Recorder {
    messages: Arc<Mutex<Vec<Value>>>,
    counter: Arc<AtomicU64>,
}

impl Recorder {
    /// Records a sent message (recipient, text and the whole request body); returns its
    /// number, from 1.
    pub(crate) fn record(&self, chat_id: &str, text: &str, body: &Value) -> u64 {
        let number = self.counter.fetch_add(1, Ordering::Relaxed) + 1;
        let entry = json!({"chat_id": chat_id, "text": text, "at": Utc::now().to_rfc3339(), "request": body});
        self.lock().push(entry);
        number
    }

    /// How many messages were recorded.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every recorded message: `{"chat_id", "text", "at", "request"}`.
    pub fn messages(&self) -> Vec<Value> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Value>> {
        self.messages.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `GET /sent`: what the fake recorded.
#[handler]
pub(crate) fn sent(recorder: Data<&Recorder>) -> Response {
    super::json_response(StatusCode::OK, &Value::Array(recorder.messages()))
}

/// A JSON value as text: strings as they are, numbers in decimal, null as empty.
pub(crate) fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A request body as JSON, `Null` when it is not.
pub(crate) fn parse_body(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}
