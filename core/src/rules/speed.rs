//! Speed-up: only once the service's start window has passed.

use super::denial::Denial;
use super::reason::ReasonCode;
use crate::service_rules::StartWindow;
use chrono::{DateTime, TimeDelta, Utc};

/// When a speed-up becomes possible: the order's creation plus the end of the start window
/// (its maximum, or its minimum when only that is stated). `None` when the window or the
/// creation time is unknown: nothing to wait for.
pub fn speed_available_at(
    start: StartWindow,
    created_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let minutes = start.max_minutes.or(start.min_minutes)?;
    created_at?.checked_add_signed(TimeDelta::minutes(i64::from(minutes)))
}

/// Checks that the start window has passed at `now` (the moment itself counts as passed).
pub fn check_speed(
    start: StartWindow,
    created_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), Denial> {
    match speed_available_at(start, created_at) {
        Some(at) if now < at => Err(Denial::timed(
            ReasonCode::SpeedTooEarly,
            at,
            format!("the order is still inside its start window until {at}"),
        )),
        _ => Ok(()),
    }
}
