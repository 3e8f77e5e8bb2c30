//! What a known word or phrase means to the parser: the vocabulary's values.

use super::Action;
use super::intents::Intent;

/// What a known word or phrase means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// An action word.
    Action(Action),
    /// Urgency: speed, when nothing else is asked.
    Urgency,
    /// An intent phrase.
    Intent(Intent),
    /// A negation (`not`, `belum`, `не`); `no` is an id marker that also negates.
    Negation,
    /// What a running order does (`start`, `move`); negated, a "not started" intent.
    Progress,
    /// A link or username; with a wrong word, a "wrong link" intent.
    Link,
    /// Wrong, incorrect.
    Wrong,
    /// A word naming an order (`order`, `pedido`, `заказ`).
    OrderWord,
    /// A word between an order word and an id (`id`, `no`, `number`).
    IdMarker {
        /// Also a negation (`no`).
        negates: bool,
    },
    /// Thanks.
    Thanks,
    /// A currency or money word, before or after an amount.
    Currency,
    /// A currency written before an amount only.
    CurrencyPrefix,
    /// A unit of quantity or a percent sign.
    Unit,
    /// The label of an amount or of a pasted order's field.
    QuantityLabel,
    /// A phone label.
    PhoneLabel,
    /// A month or year word.
    DateWord,
    /// A platform name.
    Platform,
    /// A known word that means nothing.
    Filler,
}
