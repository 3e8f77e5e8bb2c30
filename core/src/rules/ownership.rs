//! Ownership: a customer may act on their own orders only.

use super::denial::Denial;
use super::reason::ReasonCode;
use crate::sender::SenderRole;

/// Whether `order_user` (the panel's `user` field) is `username`: trimmed, case-insensitive.
pub fn same_user(order_user: &str, username: &str) -> bool {
    let (order_user, username) = (order_user.trim(), username.trim());
    !username.is_empty() && order_user.to_lowercase() == username.to_lowercase()
}

/// Checks that `sender` may act on an order placed by `order_user`. Admins may act on any
/// order; a linked customer on their own; an unknown sender on none.
pub fn check_ownership(order_user: &str, sender: &SenderRole) -> Result<(), Denial> {
    match sender {
        SenderRole::Admin => Ok(()),
        SenderRole::Linked { username } if same_user(order_user, username) => Ok(()),
        SenderRole::Linked { .. } => Err(Denial::new(
            ReasonCode::NotYours,
            "the order belongs to another panel user",
        )),
        SenderRole::Unknown => Err(Denial::new(
            ReasonCode::NotYours,
            "the sender is not linked to a panel user",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(username: &str) -> SenderRole {
        SenderRole::Linked {
            username: username.into(),
        }
    }

    #[test]
    fn usernames_compare_trimmed_and_case_insensitively() {
        assert!(check_ownership("alice", &linked("alice")).is_ok());
        assert!(check_ownership(" Alice ", &linked("ALICE")).is_ok());
        assert!(check_ownership("Ébène", &linked("éBÈNE")).is_ok());
        assert_eq!(
            check_ownership("bob", &linked("alice")).unwrap_err().reason,
            ReasonCode::NotYours
        );
        assert!(check_ownership("alice2", &linked("alice")).is_err());
        assert!(check_ownership("", &linked(" ")).is_err());
    }

    #[test]
    fn admins_bypass_and_unknown_senders_own_nothing() {
        assert!(check_ownership("bob", &SenderRole::Admin).is_ok());
        assert!(check_ownership("bob", &SenderRole::Unknown).is_err());
    }
}
