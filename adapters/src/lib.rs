//! panelrelay-adapters: the implementations of the core ports — storage on PostgreSQL and
//! SQLite, the key-value store on Redis or in process, secret encryption, and (later) the
//! panel and messaging clients.

pub mod key_value;
pub mod panels;
pub mod secrets;
pub mod storage;

#[cfg(feature = "test-support")]
pub mod testing;
