//! One-time verification codes: how long they live, how many wrong tries they take, and
//! how a submitted code is judged.

use chrono::{DateTime, TimeDelta, Utc};

/// The limits of self-service linking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkPolicy {
    /// How long a code is valid.
    pub code_ttl: TimeDelta,
    /// Wrong codes allowed per code; the last one ends the code.
    pub max_attempts: u32,
    /// `link` requests one chat identity may make per hour.
    pub max_requests_per_hour: u32,
}

impl Default for LinkPolicy {
    /// 15 minutes, 5 attempts, 3 requests an hour.
    fn default() -> Self {
        Self {
            code_ttl: TimeDelta::minutes(15),
            max_attempts: 5,
            max_requests_per_hour: 3,
        }
    }
}

impl LinkPolicy {
    /// The code's lifetime in whole minutes, for replies.
    pub fn ttl_minutes(&self) -> i64 {
        self.code_ttl.num_minutes()
    }
}

/// A code waiting for its chat to send it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingCode {
    /// The panel username the code links to.
    pub username: String,
    /// The code's hash (never the code itself).
    pub code_hash: String,
    /// Wrong codes already sent.
    pub attempts: u32,
    /// When it stops being valid.
    pub expires_at: DateTime<Utc>,
}

/// The verdict on a submitted code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// The right code in time: link the chat to `username`.
    Verified {
        /// The panel username.
        username: String,
    },
    /// A wrong code; the code stays valid for `attempts_left` more tries.
    Wrong {
        /// Tries left (at least 1).
        attempts_left: u32,
    },
    /// The code has expired: start again.
    Expired,
    /// Too many wrong codes: the code is dead, start again later.
    Exhausted,
}

/// Judges a code whose hash is `submitted_hash` against `pending` at `now`. A wrong code
/// counts as an attempt (the caller records it); the attempt that reaches the limit
/// exhausts the code, even if it would have been right after the limit.
pub fn check_code(
    pending: &PendingCode,
    submitted_hash: &str,
    now: DateTime<Utc>,
    policy: &LinkPolicy,
) -> CodeCheck {
    if now >= pending.expires_at {
        return CodeCheck::Expired;
    }
    if pending.attempts >= policy.max_attempts {
        return CodeCheck::Exhausted;
    }
    if pending.code_hash == submitted_hash {
        return CodeCheck::Verified {
            username: pending.username.clone(),
        };
    }
    let attempts = pending.attempts + 1;
    if attempts >= policy.max_attempts {
        CodeCheck::Exhausted
    } else {
        CodeCheck::Wrong {
            attempts_left: policy.max_attempts - attempts,
        }
    }
}

/// A 6-digit code (leading zeros kept) from a random number.
pub fn code_from_random(random: u64) -> String {
    format!("{:06}", random % 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.timestamp_opt(1_795_505_400, 0).unwrap()
    }

    fn pending(attempts: u32) -> PendingCode {
        PendingCode {
            username: "alice".into(),
            code_hash: "right".into(),
            attempts,
            expires_at: now() + TimeDelta::minutes(15),
        }
    }

    #[test]
    fn right_codes_in_time_verify() {
        let policy = LinkPolicy::default();
        assert_eq!(
            check_code(&pending(0), "right", now(), &policy),
            CodeCheck::Verified {
                username: "alice".into()
            }
        );
        assert_eq!(
            check_code(&pending(4), "right", now(), &policy),
            CodeCheck::Verified {
                username: "alice".into()
            }
        );
        assert_eq!(
            check_code(
                &pending(0),
                "right",
                now() + TimeDelta::minutes(15),
                &policy
            ),
            CodeCheck::Expired
        );
    }

    #[test]
    fn wrong_codes_count_down_then_exhaust() {
        let policy = LinkPolicy::default();
        assert_eq!(
            check_code(&pending(0), "wrong", now(), &policy),
            CodeCheck::Wrong { attempts_left: 4 }
        );
        assert_eq!(
            check_code(&pending(3), "wrong", now(), &policy),
            CodeCheck::Wrong { attempts_left: 1 }
        );
        assert_eq!(
            check_code(&pending(4), "wrong", now(), &policy),
            CodeCheck::Exhausted
        );
        assert_eq!(
            check_code(&pending(5), "right", now(), &policy),
            CodeCheck::Exhausted
        );
    }

    #[test]
    fn codes_have_six_digits() {
        assert_eq!(code_from_random(42), "000042");
        assert_eq!(code_from_random(123_456_789), "456789");
        assert_eq!(code_from_random(u64::MAX).len(), 6);
        assert_eq!(LinkPolicy::default().ttl_minutes(), 15);
    }
}
