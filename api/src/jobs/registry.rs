//! The registry of background jobs: every kind a worker replica runs, how often and where.
//! A new kind of job (a ticket poll, a broadcast, a renewal, an event delivery) is added
//! here: a [`ScheduledJob`] for work done once per interval under a lease, or a continuous
//! queue beside the worker and the sender.

use super::job::{Cadence, JobSpec, ScheduledJob, Scope};
use super::maintenance::Maintenance;
use std::sync::Arc;

/// The continuous jobs: the inbox worker and the outbox sender.
pub const CONTINUOUS: [JobSpec; 2] = [
    JobSpec {
        kind: "worker",
        cadence: Cadence::Continuous,
        scope: Scope::Global,
    },
    JobSpec {
        kind: "sender",
        cadence: Cadence::Continuous,
        scope: Scope::Global,
    },
];

/// The scheduled jobs a worker replica runs.
pub fn scheduled() -> Vec<Arc<dyn ScheduledJob>> {
    vec![Arc::new(Maintenance)]
}

/// Every job kind, continuous ones first.
pub fn all() -> Vec<JobSpec> {
    CONTINUOUS
        .into_iter()
        .chain(scheduled().iter().map(|job| job.spec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_once() {
        let specs = all();
        let mut kinds: Vec<&str> = specs.iter().map(|spec| spec.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), specs.len(), "{specs:?}");
        assert!(kinds.contains(&"maintenance"));
    }

    #[test]
    fn scheduled_jobs_have_an_interval_and_a_lease() {
        for job in scheduled() {
            let spec = job.spec();
            assert!(
                matches!(spec.cadence, Cadence::Every(every) if !every.is_zero()),
                "{spec:?}"
            );
            assert!(!job.lease().is_zero());
        }
    }
}
