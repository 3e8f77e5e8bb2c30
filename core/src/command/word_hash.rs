//! A fast hash for the word tables. Their keys are the built-in words and the workspace's
//! own phrases, never customer text (customer words are only looked up), so the
//! flooding-resistant default hash buys nothing and costs most of a lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by normalised words.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The multiply-rotate hash of rustc's `FxHasher`, eight bytes at a time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_told_apart() {
        let mut map: WordMap<String, u8> = WordMap::default();
        map.insert("refill".into(), 1);
        map.insert("refil".into(), 2);
        map.insert("an eight byte word".into(), 3);
        assert_eq!(map.get("refill"), Some(&1));
        assert_eq!(map.get("refil"), Some(&2));
        assert_eq!(map.get("an eight byte word"), Some(&3));
        assert_eq!(map.get("refills"), None);
    }
}
