//! The balance command.

use super::context::WorkspaceContext;
use super::ports::Ports;
use crate::ports::PanelUser;
use crate::replies::TemplateKey;
use crate::sender::SenderRole;

/// The reply to `balance`: the linked user's balance from the panel. Admins and unknown
/// senders have no panel account of their own and get the link prompt.
pub(super) async fn balance_reply(ctx: &WorkspaceContext, ports: &Ports<'_>) -> String {
    let templates = &ctx.config.templates;
    let SenderRole::Linked { username } = &ctx.sender.role else {
        return templates.render(TemplateKey::NotLinked, &[]);
    };
    match ports.panel.find_user(username).await {
        Ok(Some(PanelUser {
            balance: Some(balance),
            currency,
            ..
        })) => templates.render(
            TemplateKey::Balance,
            &[
                ("username", username),
                ("balance", &balance),
                ("currency", currency.as_deref().unwrap_or_default()),
            ],
        ),
        Ok(_) => templates.render(TemplateKey::BalanceUnavailable, &[("username", username)]),
        Err(_) => templates.render(TemplateKey::PanelUnavailable, &[]),
    }
}
