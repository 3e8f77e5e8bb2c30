//! Typo tolerance: how many edits apart two short words are.

/// Whether `word` is within `limit` edits (insertions, deletions, substitutions and swaps of
/// neighbours) of `target`. Words longer than 16 characters are never close: the work stays
/// bounded whatever the name holds.
pub(crate) fn within_edits(word: &str, target: &str, limit: usize) -> bool {
    let a: Vec<char> = word.chars().take(17).collect();
    let b: Vec<char> = target.chars().take(17).collect();
    if a.len() > 16 || b.len() > 16 || a.len().abs_diff(b.len()) > limit {
        return false;
    }
    distance(&a, &b) <= limit
}

/// Optimal-string-alignment distance between two short words.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let value = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (table[(i - 1) * width + j] + 1)
                    .min(table[i * width + j - 1] + 1)
                    .min(table[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(table[(i - 2) * width + j - 2] + 1);
                }
                best
            };
            table[i * width + j] = value;
        }
    }
    table[a.len() * width + b.len()]
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
