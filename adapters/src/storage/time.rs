//! Timestamps as stored: UTC without zone, truncated to microseconds so that SQLite and
//! PostgreSQL round trips agree.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// Converts a UTC time to its stored form.
pub fn to_db_time(time: DateTime<Utc>) -> NaiveDateTime {
    time.naive_utc().trunc_subsecs(6)
}

/// Converts a stored time back to UTC.
pub fn from_db_time(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}
