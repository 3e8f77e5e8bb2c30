//! panelrelay-adapters: the implementations of the core ports — storage on PostgreSQL and
//! SQLite, the key-value store on Redis or in process, secret encryption, the panel clients,
//! and the messaging channels (Telegram, Green API, Meta Cloud API).

pub mod key_value;
pub mod messaging;
pub mod panels;
pub mod secrets;
pub mod storage;

#[cfg(feature = "test-support")]
pub mod testing;
