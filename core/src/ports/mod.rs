//! Ports: the traits through which the domain reaches the outside world.

pub mod key_value;

pub use key_value::{KeyValue, KeyValueError};
