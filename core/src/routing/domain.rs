//! Provider domains, compared the way panel owners write them.

/// The comparable form of a provider domain: trimmed, lower case, without scheme, `www.`,
/// port, path or trailing slash or dot. `https://WWW.Provider.com/` → `provider.com`.
pub fn normalize_domain(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let without_scheme = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let host = without_scheme.split('/').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme_www_path_and_case_are_ignored() {
        for text in [
            "provider.com",
            "Provider.COM",
            " www.provider.com ",
            "https://www.provider.com/",
            "http://provider.com/api/v2",
            "provider.com:443",
            "provider.com.",
        ] {
            assert_eq!(normalize_domain(text), "provider.com", "{text:?}");
        }
        assert_eq!(normalize_domain("sub.provider.com"), "sub.provider.com");
        assert_eq!(normalize_domain(""), "");
    }
}
