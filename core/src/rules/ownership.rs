//! Ownership: a customer may act on their own orders only.

use super::action::OrderAction;
use super::denial::Denial;
use super::reason::ReasonCode;
use crate::sender::SenderRole;

/// Whether `order_user` (the panel's `user` field) is `username`: trimmed, case-insensitive.
pub fn same_user(order_user: &str, username: &str) -> bool {
    let (order_user, username) = (order_user.trim(), username.trim());
    !username.is_empty() && order_user.to_lowercase() == username.to_lowercase()
}

/// Checks that `sender` may act on an order placed by `order_user` with `action` (`None`
/// for details). A linked customer may act on their own orders; an unknown sender on none;
/// an admin on any order as far as its permissions allow (`view_any_order` for details,
/// `dispatch_any_order` for speed, cancel and refill); an admin chat without the permission
/// is told so (`not_permitted`) rather than that the order is not its own.
pub fn check_ownership(
    order_user: &str,
    sender: &SenderRole,
    action: Option<OrderAction>,
) -> Result<(), Denial> {
    match sender {
        SenderRole::Admin(permissions) => {
            let allowed = match action {
                None => permissions.view_any_order,
                Some(_) => permissions.dispatch_any_order,
            };
            if allowed {
                Ok(())
            } else {
                Err(Denial::new(
                    ReasonCode::NotPermitted,
                    "the admin chat lacks the permission for this action",
                ))
            }
        }
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
    use crate::sender::AdminPermissions;

    fn linked(username: &str) -> SenderRole {
        SenderRole::Linked {
            username: username.into(),
        }
    }

    #[test]
    fn usernames_compare_trimmed_and_case_insensitively() {
        assert!(check_ownership("alice", &linked("alice"), None).is_ok());
        assert!(check_ownership(" Alice ", &linked("ALICE"), None).is_ok());
        assert!(check_ownership("Ébène", &linked("éBÈNE"), None).is_ok());
        assert_eq!(
            check_ownership("bob", &linked("alice"), None)
                .unwrap_err()
                .reason,
            ReasonCode::NotYours
        );
        assert!(check_ownership("alice2", &linked("alice"), Some(OrderAction::Refill)).is_err());
        assert!(check_ownership("", &linked(" "), None).is_err());
    }

    #[test]
    fn admins_bypass_and_unknown_senders_own_nothing() {
        assert!(check_ownership("bob", &SenderRole::admin(), None).is_ok());
        assert!(check_ownership("bob", &SenderRole::admin(), Some(OrderAction::Cancel)).is_ok());
        assert!(check_ownership("bob", &SenderRole::Unknown, None).is_err());
    }

    #[test]
    fn admin_permissions_split_viewing_from_dispatching() {
        let viewer = SenderRole::Admin(AdminPermissions {
            dispatch_any_order: false,
            ..AdminPermissions::default()
        });
        assert!(check_ownership("bob", &viewer, None).is_ok());
        assert_eq!(
            check_ownership("bob", &viewer, Some(OrderAction::Refill))
                .unwrap_err()
                .reason,
            ReasonCode::NotPermitted
        );
        let dispatcher = SenderRole::Admin(AdminPermissions {
            view_any_order: false,
            ..AdminPermissions::default()
        });
        assert!(check_ownership("bob", &dispatcher, Some(OrderAction::Speed)).is_ok());
        assert_eq!(
            check_ownership("bob", &dispatcher, None)
                .unwrap_err()
                .reason,
            ReasonCode::NotPermitted
        );
    }
}
