//! Order statuses, normalised across panel spellings.

use serde::{Deserialize, Serialize};

/// An order's status, whatever the panel's spelling (reference §1.3).
///
/// Serialised in snake_case (`"in_progress"`); an unrecognised status keeps its raw text as
/// `{"unknown": "Awaiting"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Placed, not started.
    Pending,
    /// Being delivered (`In progress`, `in_progress`, `inprogress`).
    InProgress,
    /// Being delivered, SmartPanel-style wording.
    Processing,
    /// Delivered in full.
    Completed,
    /// Delivered in part; the rest refunded.
    Partial,
    /// Cancelled (`Canceled` or `Cancelled`).
    Canceled,
    /// Failed (`Fail`, `Failed`, `Error`); kept apart from cancelled.
    Failed,
    /// Refunded.
    Refunded,
    /// Anything else, as the panel wrote it.
    Unknown(String),
}

impl OrderStatus {
    /// Reads a panel's status text: case-insensitive, ignoring spaces, `_` and `-`.
    pub fn parse(raw: &str) -> Self {
        let folded: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        match folded.as_str() {
            "pending" => OrderStatus::Pending,
            "inprogress" => OrderStatus::InProgress,
            "processing" => OrderStatus::Processing,
            "completed" | "complete" => OrderStatus::Completed,
            "partial" => OrderStatus::Partial,
            "canceled" | "cancelled" => OrderStatus::Canceled,
            "fail" | "failed" | "error" => OrderStatus::Failed,
            "refunded" => OrderStatus::Refunded,
            _ => OrderStatus::Unknown(raw.trim().to_owned()),
        }
    }

    /// The English label shown to customers (`In progress`); an unknown status shows its raw
    /// text.
    pub fn label(&self) -> &str {
        match self {
            OrderStatus::Pending => "Pending",
            OrderStatus::InProgress => "In progress",
            OrderStatus::Processing => "Processing",
            OrderStatus::Completed => "Completed",
            OrderStatus::Partial => "Partial",
            OrderStatus::Canceled => "Canceled",
            OrderStatus::Failed => "Failed",
            OrderStatus::Refunded => "Refunded",
            OrderStatus::Unknown(raw) => raw,
        }
    }

    /// Whether delivery has ended with something delivered (completed or partial): the
    /// statuses whose first sighting starts a "first seen completed" refill clock.
    pub fn is_delivered(&self) -> bool {
        matches!(self, OrderStatus::Completed | OrderStatus::Partial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_spellings_normalise() {
        let cases = [
            ("Pending", OrderStatus::Pending),
            ("pending", OrderStatus::Pending),
            ("In progress", OrderStatus::InProgress),
            ("in progress", OrderStatus::InProgress),
            ("in_progress", OrderStatus::InProgress),
            ("inprogress", OrderStatus::InProgress),
            ("IN-PROGRESS", OrderStatus::InProgress),
            ("Processing", OrderStatus::Processing),
            ("processing", OrderStatus::Processing),
            ("Completed", OrderStatus::Completed),
            (" completed ", OrderStatus::Completed),
            ("Partial", OrderStatus::Partial),
            ("Canceled", OrderStatus::Canceled),
            ("Cancelled", OrderStatus::Canceled),
            ("canceled", OrderStatus::Canceled),
            ("Fail", OrderStatus::Failed),
            ("Error", OrderStatus::Failed),
            ("Refunded", OrderStatus::Refunded),
            (" Awaiting ", OrderStatus::Unknown("Awaiting".into())),
            ("", OrderStatus::Unknown(String::new())),
        ];
        for (raw, expected) in cases {
            assert_eq!(OrderStatus::parse(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn labels_and_serde() {
        assert_eq!(OrderStatus::InProgress.label(), "In progress");
        assert_eq!(OrderStatus::Unknown("Awaiting".into()).label(), "Awaiting");
        assert_eq!(
            serde_json::to_string(&OrderStatus::InProgress).unwrap(),
            "\"in_progress\""
        );
        assert_eq!(
            serde_json::to_string(&OrderStatus::Unknown("Awaiting".into())).unwrap(),
            r#"{"unknown":"Awaiting"}"#
        );
        assert!(OrderStatus::Partial.is_delivered());
        assert!(!OrderStatus::Canceled.is_delivered());
    }
}
