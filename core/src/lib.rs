//! panelrelay-core: the domain of panelrelay.
//!
//! Domain types, the command parser, service-name rules, the rule engine and the ports
//! (traits) through which the engine reaches storage, panels, messengers and the clock.
//! Nothing in this crate performs I/O or knows about HTTP, SQL or Redis.

pub mod access;
pub mod command;
pub mod cooldown;
pub mod engine;
pub mod identity;
pub mod ids;
pub mod linking;
pub mod medium;
pub mod outcome;
pub mod ports;
pub mod replies;
pub mod routing;
pub mod rules;
pub mod sender;
pub mod service_rules;
pub mod template;
