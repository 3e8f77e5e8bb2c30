//! The application layer between HTTP and storage: what both the REST resources and the
//! background flow use. Resources and the flow stand on these services and never on each
//! other; services never reach back into either, and return their own errors (the HTTP
//! layer turns them into envelopes).

pub mod channel_cache;
pub mod channels;
pub mod config;
pub mod config_cache;
pub mod context;
pub mod linking;
pub mod logged_panel;
pub mod messengers;
pub mod panel;
pub mod pipeline;
pub mod settings;
