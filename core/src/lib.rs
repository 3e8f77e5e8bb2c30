//! panelrelay-core: the domain of panelrelay.
//!
//! Domain types, the command parser, service-name rules, the rule engine and the ports
//! (traits) through which the engine reaches storage, panels, messengers and the clock.
//! Nothing in this crate performs I/O or knows about HTTP, SQL or Redis.

pub mod access;
pub mod command;
pub mod ids;
pub mod ports;
pub mod service_rules;
