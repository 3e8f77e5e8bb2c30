//! Secrets: encryption at rest under a master key, and API key tokens.

mod cipher;
mod master_key;
mod tokens;

pub use cipher::{SecretBox, SecretError, last_chars};
pub use master_key::{MasterKey, load_or_create_master_key};
pub use tokens::{IssuedToken, TokenKind, hash_token, issue_token, token_kind};
