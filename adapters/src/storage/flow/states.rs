//! The states of the flow's queue rows and the kinds of outgoing messages: enums on the Rust
//! side, stored as text on both backends.

use diesel::backend::Backend as DieselBackend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

/// Where an inbox event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum InboxStatus {
    /// Stored, waiting for a worker.
    Pending,
    /// Claimed by a worker until its lease ends.
    Processing,
    /// Handled; its results are committed.
    Done,
    /// Given up after its attempts.
    Failed,
}

/// Where an outgoing message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum OutboxStatus {
    /// Waiting for its next attempt.
    Pending,
    /// Claimed by a sender until its lease ends.
    Sending,
    /// Accepted by the provider.
    Sent,
    /// Given up (refused for good, or out of attempts).
    Failed,
}

/// What an outgoing message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum MessageKind {
    /// A request to a provider's group.
    Dispatch,
    /// The reply to the customer.
    Reply,
}

/// A state stored as its name.
pub trait StoredName: Sized + Copy + 'static {
    /// Every value.
    const ALL: &'static [Self];

    /// The stored name.
    fn as_str(self) -> &'static str;

    /// The value stored as `name`.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|value| value.as_str() == name)
    }
}

impl StoredName for InboxStatus {
    const ALL: &'static [Self] = &[Self::Pending, Self::Processing, Self::Done, Self::Failed];

    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Processing => "processing",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }
}

impl StoredName for OutboxStatus {
    const ALL: &'static [Self] = &[Self::Pending, Self::Sending, Self::Sent, Self::Failed];

    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }
}

impl StoredName for MessageKind {
    const ALL: &'static [Self] = &[Self::Dispatch, Self::Reply];

    fn as_str(self) -> &'static str {
        match self {
            Self::Dispatch => "dispatch",
            Self::Reply => "reply",
        }
    }
}

/// Writes `value`'s name as PostgreSQL text.
fn to_pg<T: StoredName>(value: T, out: &mut Output<'_, '_, Pg>) -> serialize::Result {
    <str as ToSql<Text, Pg>>::to_sql(value.as_str(), &mut out.reborrow())
}

/// Writes `value`'s name as SQLite text.
fn to_sqlite<T: StoredName>(value: T, out: &mut Output<'_, '_, Sqlite>) -> serialize::Result {
    out.set_value(value.as_str());
    Ok(IsNull::No)
}

/// Reads a stored name; an unknown one is an error, never a guess.
fn from_text<T: StoredName, DB>(bytes: DB::RawValue<'_>) -> deserialize::Result<T>
where
    DB: DieselBackend,
    String: FromSql<Text, DB>,
{
    let name = String::from_sql(bytes)?;
    T::parse(&name).ok_or_else(|| format!("unknown stored state '{name}'").into())
}

impl ToSql<Text, Pg> for InboxStatus {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        to_pg(*self, out)
    }
}

impl ToSql<Text, Sqlite> for InboxStatus {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        to_sqlite(*self, out)
    }
}

impl<DB: DieselBackend> FromSql<Text, DB> for InboxStatus
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        from_text::<Self, DB>(bytes)
    }
}

impl ToSql<Text, Pg> for OutboxStatus {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        to_pg(*self, out)
    }
}

impl ToSql<Text, Sqlite> for OutboxStatus {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        to_sqlite(*self, out)
    }
}

impl<DB: DieselBackend> FromSql<Text, DB> for OutboxStatus
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        from_text::<Self, DB>(bytes)
    }
}

impl ToSql<Text, Pg> for MessageKind {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        to_pg(*self, out)
    }
}

impl ToSql<Text, Sqlite> for MessageKind {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        to_sqlite(*self, out)
    }
}

impl<DB: DieselBackend> FromSql<Text, DB> for MessageKind
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        from_text::<Self, DB>(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: StoredName + PartialEq + std::fmt::Debug>() {
        let mut names: Vec<&str> = T::ALL.iter().map(|value| value.as_str()).collect();
        for value in T::ALL {
            assert_eq!(T::parse(value.as_str()), Some(*value));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), T::ALL.len(), "names are distinct");
        assert_eq!(T::parse("Pending"), None, "names are exact");
    }

    #[test]
    fn every_state_and_kind_is_stored_under_its_own_name() {
        round_trips::<InboxStatus>();
        round_trips::<OutboxStatus>();
        round_trips::<MessageKind>();
        assert_eq!(InboxStatus::Processing.as_str(), "processing");
        assert_eq!(OutboxStatus::Sending.as_str(), "sending");
        assert_eq!(MessageKind::Dispatch.as_str(), "dispatch");
    }
}
