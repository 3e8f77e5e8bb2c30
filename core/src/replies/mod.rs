//! Customer replies: templates, their validation, and the aggregated reply of a command.
//!
//! Every reply comes from a [`TemplateKey`]'s text: the workspace's override in
//! [`ReplyTemplates`], else the default English text. Texts use `{variable}` placeholders;
//! [`validate_template`] refuses a variable the key does not offer (listing the allowed
//! ones) instead of rendering it blank. An order command gets one reply
//! ([`order_reply`]): one line per order up to the workspace's compact threshold, else a
//! compact summary. Failures always map to safe texts: customers never see technical errors.

mod defaults;
mod key;
mod order_reply;
mod templates;

pub use defaults::default_text;
pub use key::TemplateKey;
pub use order_reply::{ReplyLine, order_reply};
pub use templates::{InvalidTemplate, MAX_REPLY_TEMPLATE_CHARS, ReplyTemplates, validate_template};
