//! Typo tolerance: how many edits apart two short words are.

/// The longest word compared; longer words are never close, so the work stays bounded
/// whatever the name holds.
const MAX_LEN: usize = 16;

/// Whether `word` is within `limit` edits (insertions, deletions, substitutions and swaps of
/// neighbours) of `target`.
pub(crate) fn within_edits(word: &str, target: &str, limit: usize) -> bool {
    let (Some(a), Some(b)) = (letters(word), letters(target)) else {
        return false;
    };
    a.len().abs_diff(b.len()) <= limit && distance(&a, &b) <= limit
}

/// The characters of a word of at most [`MAX_LEN`] characters.
fn letters(word: &str) -> Option<Vec<char>> {
    let mut chars = Vec::with_capacity(MAX_LEN);
    for c in word.chars() {
        if chars.len() == MAX_LEN {
            return None;
        }
        chars.push(c);
    }
    Some(chars)
}

/// Optimal-string-alignment distance between two words of at most [`MAX_LEN`] characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut table = [[0usize; MAX_LEN + 1]; MAX_LEN + 1];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            table[i][j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (table[i - 1][j] + 1)
                    .min(table[i][j - 1] + 1)
                    .min(table[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(table[i - 2][j - 2] + 1);
                }
                best
            };
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits_and_swaps() {
        assert!(within_edits("guarantee", "guarantee", 0));
        assert!(within_edits("gurantee", "guarantee", 1));
        assert!(within_edits("gaurantee", "guarantee", 1));
        assert!(within_edits("guarented", "guaranteed", 2));
        assert!(within_edits("reffil", "refill", 2));
        assert!(!within_edits("refund", "refill", 2));
        assert!(!within_edits("garansi", "guarantee", 2));
        assert!(!within_edits(&"g".repeat(40), "guarantee", 2));
    }
}
