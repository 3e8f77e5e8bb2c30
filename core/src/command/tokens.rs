//! Splitting normalised text into words and numbers.

/// Splits normalised text (see `normalize.rs`) into words and numbers.
///
/// Spaces separate words. `.`, `:`, `/` and `-` separate words too, except between two
/// ASCII digits, where they belong to the number: `10:30`, `1.5`, `12/05/2024` and
/// `98765-43210` are single numbers. A word glued to a number is split from it
/// (`refill4417702`, `4417702refill`, `5k`, `500rs`), a `+` right before digits stays with
/// them (`+91`), and so do `$` and `%` glued to digits (`$500`, `1.5$`, `50%`).
pub(crate) fn split_words(normalized: &str) -> Vec<&str> {
    let bytes = normalized.as_bytes();
    let mut words = Vec::new();
    let mut start = 0;
    for (index, byte) in bytes.iter().enumerate() {
        if is_boundary(bytes, index, *byte) {
            split_glued(&normalized[start..index], &mut words);
            start = index + 1;
        }
    }
    split_glued(&normalized[start..], &mut words);
    words
}

/// Whether a word starts with a number (a digit, or `+` or `$` and a digit).
pub(crate) fn is_number(word: &str) -> bool {
    let bytes = word.as_bytes();
    match bytes.first() {
        Some(b'0'..=b'9') => true,
        Some(b'+' | b'$') => bytes.get(1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
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

/// Pushes the words and numbers of one space-free chunk: it is cut where digits start or
/// end. Inside a chunk, `.:/-` only remain between digits, so they belong to numbers.
fn split_glued<'a>(chunk: &'a str, words: &mut Vec<&'a str>) {
    if chunk.is_empty() {
        return;
    }
    let bytes = chunk.as_bytes();
    let digit_at = |index: Option<usize>| {
        index
            .and_then(|index| bytes.get(index))
            .is_some_and(u8::is_ascii_digit)
    };
    let numeric = |index: usize| {
        let byte = bytes[index];
        byte.is_ascii_digit()
            || matches!(byte, b'.' | b':' | b'/' | b'-')
            || (byte == b'+' && digit_at(Some(index + 1)))
            || (matches!(byte, b'$' | b'%')
                && (digit_at(Some(index + 1)) || digit_at(index.checked_sub(1))))
    };
    let mut start = 0;
    let mut in_number = numeric(0);
    for index in 1..bytes.len() {
        // Bytes of multi-byte characters are never numeric, so cuts fall on char boundaries.
        let here = numeric(index);
        if here != in_number {
            words.push(&chunk[start..index]);
            start = index;
            in_number = here;
        }
    }
    words.push(&chunk[start..]);
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
    fn glued_words_and_numbers_come_apart() {
        assert_eq!(split_words("refill4417702"), ["refill", "4417702"]);
        assert_eq!(split_words("4417702refill"), ["4417702", "refill"]);
        assert_eq!(
            split_words("5k 500rs r$50"),
            ["5", "k", "500", "rs", "r", "$50"]
        );
        assert_eq!(
            split_words("+91 $500 50% 1.5$"),
            ["+91", "$500", "50%", "1.5$"]
        );
        assert_eq!(split_words("و4417709 ٤"), ["و", "4417709", "٤"]);
    }

    #[test]
    fn numbers_start_with_a_digit_or_a_plus() {
        assert!(is_number("4417702"));
        assert!(is_number("+91"));
        assert!(is_number("$500"));
        assert!(is_number("10:30"));
        assert!(!is_number("+"));
        assert!(!is_number("refill"));
    }
}
