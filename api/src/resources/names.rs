//! Display names (workspaces, API keys, channels, provider routes): one rule for all.

use crate::error::ApiError;

/// Checks a display name: trimmed, 1-100 characters, no control characters.
pub fn validate_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid_body("name must be 1-100 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(ApiError::invalid_body(
            "name must not contain control characters",
        ));
    }
    Ok(name.to_string())
}
