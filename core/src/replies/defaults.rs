//! The default English text of every reply template.

use super::key::TemplateKey;

/// The default text of `key`.
pub fn default_text(key: TemplateKey) -> &'static str {
    match key {
        TemplateKey::RefillRequested => "Order {order_id}: refill requested.",
        TemplateKey::SpeedRequested => "Order {order_id}: speed-up requested.",
        TemplateKey::CancelRequested => "Order {order_id}: cancellation requested.",
        TemplateKey::Details => {
            "Order {order_id}: {status}. Start count: {start_count}. Remains: {remains}."
        }
        TemplateKey::NotFound => "Order {order_id}: not found.",
        TemplateKey::NotYours => "Order {order_id}: not found on your account.",
        TemplateKey::NotPermitted => "Order {order_id}: this chat is not allowed to do that.",
        TemplateKey::StatusNotAllowed => {
            "Order {order_id}: {action} is not available for orders with status {status}."
        }
        TemplateKey::RefillNotOffered => "Order {order_id}: this service has no refill guarantee.",
        TemplateKey::RefillWindowExpired => {
            "Order {order_id}: the refill guarantee ended on {expired_at}."
        }
        TemplateKey::UnknownPolicy => {
            "Order {order_id}: we could not confirm a refill guarantee for this service. Please contact support."
        }
        TemplateKey::NeedsAdmin => "Order {order_id}: our team will review this {action} request.",
        TemplateKey::SpeedTooEarly => {
            "Order {order_id}: the order is still within its start time. You can ask for a speed-up after {available_at}."
        }
        TemplateKey::Cooldown => {
            "Order {order_id}: a {action} request was already sent. You can ask again after {available_at}."
        }
        TemplateKey::RouteMissing => {
            "Order {order_id}: we could not send this request automatically. Please contact support."
        }
        TemplateKey::ProviderMissing => {
            "Order {order_id}: this order cannot be forwarded automatically. Please contact support."
        }
        TemplateKey::Failure => {
            "Order {order_id}: we could not process this request right now. Please try again later."
        }
        TemplateKey::PanelUnavailable => {
            "We can't reach the panel right now. Please try again in a few minutes."
        }
        TemplateKey::TooManyOrders => {
            "Please send at most {limit} order ids in one message (you sent {count})."
        }
        TemplateKey::Help => {
            "Send your order id and what you need, for example:\n2274209 refill\n2274209, 2274210 speed\n2274209 cancel\n2274209 status\nbalance"
        }
        TemplateKey::WhichAction => {
            "What should we do with {order_ids}? Send the id with one of: status, speed, cancel, refill."
        }
        TemplateKey::WhichOrder => {
            "Please send the order id with your request, for example: 2274209 {action}"
        }
        TemplateKey::NotLinked => {
            "This chat is not linked to a panel account yet. To link it, send: link <your panel username>"
        }
        TemplateKey::Balance => "Balance of {username}: {balance} {currency}",
        TemplateKey::BalanceUnavailable => {
            "We can't show the balance of {username} right now. Please try again later."
        }
        TemplateKey::Custom => "Thanks, our team will get back to you shortly.",
        TemplateKey::CompactSummary => "{items}",
        TemplateKey::SummaryRefillRequested => "Refill requested: {count}",
        TemplateKey::SummarySpeedRequested => "Speed-up requested: {count}",
        TemplateKey::SummaryCancelRequested => "Cancellation requested: {count}",
        TemplateKey::SummaryDetails => "Found: {count}",
        TemplateKey::SummaryCooldown => "In cooldown: {count}",
        TemplateKey::SummaryNotEligible => "Not eligible: {count}",
        TemplateKey::SummaryNeedsAdmin => "Waiting for review: {count}",
        TemplateKey::SummaryNotYours => "Not yours: {count}",
        TemplateKey::SummaryNotPermitted => "Not allowed in this chat: {count}",
        TemplateKey::SummaryNotFound => "Not found: {count}",
        TemplateKey::SummaryFailed => "Could not forward: {count}",
        TemplateKey::LinkUsage => {
            "To link this chat to your panel account, send: link <your panel username>"
        }
        TemplateKey::LinkUsernameUnknown => {
            "We could not find the panel user {username}. Check the spelling and send: link <your panel username>"
        }
        TemplateKey::LinkCodeSent => {
            "We opened a ticket in the panel account {username} with a 6-digit code. Check your tickets in the panel and send the code here within {minutes} minutes."
        }
        TemplateKey::LinkTicketSubject => "Chat verification code",
        TemplateKey::LinkTicketMessage => {
            "Your verification code is {code}. Send it in the chat to link the chat to the account {username}. It expires in {minutes} minutes. If you did not ask for it, ignore this ticket."
        }
        TemplateKey::LinkSuccess => {
            "This chat is now linked to {username}. Send your order id and what you need, for example: 2274209 refill"
        }
        TemplateKey::LinkCodeInvalid => "That code is not right. Attempts left: {attempts_left}.",
        TemplateKey::LinkCodeExpired => {
            "That code has expired. Send link <your panel username> to get a new one."
        }
        TemplateKey::LinkRateLimited => {
            "Too many linking attempts. Please try again in {minutes} minutes."
        }
        TemplateKey::LinkUnsupported => {
            "Linking from the chat is not available for this panel. Please contact support to link your account."
        }
    }
}
