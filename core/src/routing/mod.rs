//! Routing: which provider chat receives an accepted order, and in which words.
//!
//! 1. [`resolve_route`] finds an order's [`ProviderRoute`] by its provider domain
//!    ([`normalize_domain`]: no scheme, `www.`, trailing slash or case) or alias, else the
//!    fallback route; none → `route_missing`, no provider or no provider-side id →
//!    `provider_missing`.
//! 2. [`plan_dispatches`] groups the accepted orders per route and provider (two providers
//!    never share a text), renders the route's template per action (defaults
//!    `{external_ids} refill` / `speed` / `cancel`; see `template.rs` for the variables), and
//!    splits texts over the target medium's length limit without cutting an id.

mod domain;
mod plan;
mod resolve;
mod route;
mod split;
mod template;

pub use domain::normalize_domain;
pub use plan::{Dispatch, RoutedOrder, plan_dispatches};
pub use resolve::{find_route, resolve_route};
pub use route::{ProviderRoute, Target};
pub use template::{
    BATCH_VARIABLES, DispatchTemplates, MAX_DISPATCH_TEMPLATE_CHARS, ORDER_VARIABLES,
    default_dispatch_template, validate_dispatch_template,
};
