//! Lenient reading of panel JSON: numbers as strings or numbers, `"Unknown"` as absent,
//! case-insensitive keys, dates without a timezone read in the panel's timezone.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

/// The value under `key`, matched exactly first, then case-insensitively.
pub fn field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// The first present, non-null field among `keys`.
pub fn first<'a>(object: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .filter_map(|key| field(object, key))
        .find(|value| !value.is_null())
}

/// A whole number from a number or a numeric string; `None` for `"Unknown"`, blanks, junk.
pub fn int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| f.fract() == 0.0)
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }
}

/// An order id from a number or a numeric string.
pub fn id(value: &Value) -> Option<u64> {
    int(value).and_then(|n| u64::try_from(n).ok())
}

/// A decimal amount as text, from a string, a number, or a money object
/// (`{"value": "1.20", "currency_code": "USD"}`). Never through a binary float.
pub fn decimal(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() && s.trim().parse::<f64>().is_ok() => {
            Some(s.trim().to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Object(object) => field(object, "value").and_then(decimal),
        _ => None,
    }
}

/// Non-empty text from a string or a number.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A time: unix seconds (number or numeric string), RFC 3339, or a zone-less
/// `YYYY-MM-DD HH:MM:SS` read in the panel's timezone `tz`.
pub fn time(value: &Value, tz: Tz) -> Option<DateTime<Utc>> {
    if let Some(seconds) = int(value).filter(|n| *n > 100_000_000) {
        return DateTime::from_timestamp(seconds, 0);
    }
    let text = value.as_str()?.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|time| time.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_come_as_strings_or_numbers() {
        assert_eq!(int(&json!("157")), Some(157));
        assert_eq!(int(&json!(157)), Some(157));
        assert_eq!(int(&json!(" 12 ")), Some(12));
        assert_eq!(int(&json!("Unknown")), None);
        assert_eq!(int(&json!("")), None);
        assert_eq!(int(&json!(null)), None);
        assert_eq!(id(&json!("-3")), None);
        assert_eq!(decimal(&json!("0.27819")).as_deref(), Some("0.27819"));
        assert_eq!(
            decimal(&json!(0.08011655652)).as_deref(),
            Some("0.08011655652")
        );
        assert_eq!(
            decimal(&json!({"value": "1.20", "currency_code": "USD"})).as_deref(),
            Some("1.20")
        );
        assert_eq!(decimal(&json!("abc")), None);
    }

    #[test]
    fn keys_match_case_insensitively() {
        let object = json!({"Status": "Partial", "Start_Count": "3"});
        let object = object.as_object().unwrap();
        assert_eq!(field(object, "status"), Some(&json!("Partial")));
        assert_eq!(first(object, &["start_count"]), Some(&json!("3")));
        assert_eq!(field(object, "remains"), None);
    }

    #[test]
    fn zone_less_dates_use_the_panel_timezone() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let utc = time(&json!("2025-01-02 10:11:12"), kolkata).unwrap();
        assert_eq!(utc.to_rfc3339(), "2025-01-02T04:41:12+00:00");
        assert_eq!(
            time(&json!("2025-01-02 10:11:12"), Tz::UTC)
                .unwrap()
                .to_rfc3339(),
            "2025-01-02T10:11:12+00:00"
        );
        assert_eq!(
            time(&json!(1735812672), Tz::UTC).unwrap().to_rfc3339(),
            "2025-01-02T10:11:12+00:00"
        );
        assert_eq!(
            time(&json!("2025-01-02T10:11:12Z"), kolkata)
                .unwrap()
                .to_rfc3339(),
            "2025-01-02T10:11:12+00:00"
        );
        assert_eq!(time(&json!("yesterday"), Tz::UTC), None);
    }
}
