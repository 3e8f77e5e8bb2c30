//! Splitting normalised text into words.

/// Splits normalised text (see `normalize.rs`) into words.
///
/// Spaces separate words. `.`, `:`, `/` and `-` separate words too, except between two
/// ASCII digits, where they belong to the word: `10:30`, `1.5`, `12/05/2024` and
/// `98765-43210` are single words, and not order ids.
///
/// A Telegram command names its bot after `@` (`/refill@SomeBot 123`): when the text starts
/// with `/`, the first word is cut at its `@`.
pub(crate) fn split_words(normalized: &str) -> Vec<&str> {
    let bytes = normalized.as_bytes();
    let mut words = Vec::new();
    let mut start = 0;
    for (index, byte) in bytes.iter().enumerate() {
        if is_boundary(bytes, index, *byte) {
            if start < index {
                words.push(&normalized[start..index]);
            }
            start = index + 1;
        }
    }
    if start < bytes.len() {
        words.push(&normalized[start..]);
    }
    if normalized.trim_start().starts_with('/') {
        if let Some(first) = words.first_mut() {
            *first = first.split('@').next().unwrap_or(first);
        }
    }
    words
}

/// Whether the byte at `index` separates words. Separators are ASCII, so they never occur
/// inside a multi-byte character and slicing around them is safe.
fn is_boundary(bytes: &[u8], index: usize, byte: u8) -> bool {
    match byte {
        b' ' => true,
        b'.' | b':' | b'/' | b'-' => {
            let digit_before = index > 0 && bytes[index - 1].is_ascii_digit();
            let digit_after = bytes.get(index + 1).is_some_and(u8::is_ascii_digit);
            !(digit_before && digit_after)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_spaces_and_contextual_separators() {
        assert_eq!(split_words("  123  refill "), ["123", "refill"]);
        assert_eq!(
            split_words("refill:123 speed-up"),
            ["refill", "123", "speed", "up"]
        );
        assert_eq!(
            split_words("10:30 1.5 98765-43210"),
            ["10:30", "1.5", "98765-43210"]
        );
        assert_eq!(split_words("123."), ["123"]);
    }

    #[test]
    fn telegram_commands_lose_the_bot_name() {
        assert_eq!(split_words("/refill@somebot 123"), ["refill", "123"]);
        assert_eq!(split_words("/help"), ["help"]);
        assert_eq!(split_words("refill@somebot 123"), ["refill@somebot", "123"]);
    }
}
