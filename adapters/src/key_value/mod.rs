//! The key-value port's implementations: Redis for production, in-process for the embedded
//! default. Both pass the same behavioural suite (`adapters/tests/key_value.rs`).

mod memory;
mod redis_store;

pub use memory::MemoryKeyValue;
pub use redis_store::RedisKeyValue;
