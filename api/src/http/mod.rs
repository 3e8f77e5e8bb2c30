//! HTTP plumbing shared by every route: request ids, cross-origin requests, strict JSON input, the error envelope for framework
//! errors, body limits, metrics, and the middleware that ties them together; and the
//! connection limits of the server (deadlines, connection cap).

pub mod allow;
pub mod body_deadline;
pub mod body_guard;
pub mod cors;
pub mod deadline_io;
pub mod framework_errors;
pub mod limits;
pub mod middleware;
pub mod path_template;
pub mod replayed;
pub mod request_id;
pub mod strict_input;
