//! HTTP plumbing shared by every route: request ids, the error envelope for framework
//! errors, body limits, metrics, and the middleware that ties them together.

pub mod body_guard;
pub mod framework_errors;
pub mod metrics;
pub mod middleware;
pub mod request_id;
