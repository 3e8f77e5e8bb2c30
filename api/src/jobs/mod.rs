//! Background jobs: one registry of the named jobs a worker replica runs ([`registry`]),
//! each continuous (the inbox worker and the outbox sender, always claiming their own
//! items) or scheduled (once per interval, under a lease, globally or per workspace), and
//! the runner that starts them ([`runner`]). Jobs stand on the services and the flow, never
//! on the REST resources.

pub mod job;
pub mod lease;
pub mod maintenance;
pub mod registry;
pub mod runner;
