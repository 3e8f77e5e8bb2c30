//! AES-256-GCM encryption of stored secrets.
//!
//! A sealed value reads `v1.<key id>.<base64 of nonce ‖ ciphertext>`. Values are sealed with
//! the current master key and opened with whichever known key their id names, so the master
//! key can be rotated: configure the new key as current and the old one as previous.

use super::MasterKey;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;

/// What can go wrong with secrets.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The master key is malformed.
    #[error("bad master key: {0}")]
    BadMasterKey(String),
    /// The master key file could not be read or written.
    #[error("master key file: {0}")]
    KeyFile(String),
    /// The OS gave no randomness.
    #[error("no randomness: {0}")]
    Random(String),
    /// A sealed value names a key this process does not know.
    #[error("sealed with unknown key {0}")]
    UnknownKey(String),
    /// A sealed value is malformed or was tampered with.
    #[error("sealed value is corrupt or was tampered with")]
    Corrupt,
}

/// Seals and opens secrets.
#[derive(Clone)]
pub struct SecretBox {
    current: MasterKey,
    previous: Vec<MasterKey>,
}

const NONCE_LEN: usize = 12;

impl SecretBox {
    /// A box sealing with `current` and also opening values sealed with `previous` keys.
    pub fn new(current: MasterKey, previous: Vec<MasterKey>) -> Self {
        SecretBox { current, previous }
    }

    /// Encrypts `plaintext` under the current key.
    pub fn seal(&self, plaintext: &str) -> Result<String, SecretError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|err| SecretError::Random(err.to_string()))?;
        let cipher = Aes256Gcm::new(self.current.bytes().into());
        let ciphertext = cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext.as_bytes())
            .map_err(|_| SecretError::Corrupt)?;
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&ciphertext);
        Ok(format!(
            "v1.{}.{}",
            self.current.id(),
            STANDARD_NO_PAD.encode(blob)
        ))
    }

    /// Decrypts a value sealed by [`SecretBox::seal`] under any known key.
    pub fn open(&self, sealed: &str) -> Result<String, SecretError> {
        let mut parts = sealed.splitn(3, '.');
        let (Some("v1"), Some(key_id), Some(body)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(SecretError::Corrupt);
        };
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|key| key.id() == key_id)
            .ok_or_else(|| SecretError::UnknownKey(key_id.to_string()))?;
        let blob = STANDARD_NO_PAD
            .decode(body)
            .map_err(|_| SecretError::Corrupt)?;
        if blob.len() < NONCE_LEN {
            return Err(SecretError::Corrupt);
        }
        let (nonce, ciphertext) = blob.split_at(NONCE_LEN);
        let plaintext = Aes256Gcm::new(key.bytes().into())
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| SecretError::Corrupt)?;
        String::from_utf8(plaintext).map_err(|_| SecretError::Corrupt)
    }

    /// Whether a sealed value should be re-sealed under the current key.
    pub fn needs_rotation(&self, sealed: &str) -> bool {
        sealed.split('.').nth(1) != Some(self.current.id())
    }
}

/// The last characters of a secret, as shown in API responses ("…a1b2").
pub fn last_chars(secret: &str, count: usize) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(count)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_with_fresh_nonces() {
        let secrets = SecretBox::new(MasterKey::generate().unwrap(), vec![]);
        let a = secrets.seal("panel-key-123").unwrap();
        let b = secrets.seal("panel-key-123").unwrap();
        assert_ne!(a, b, "every seal uses a fresh nonce");
        assert!(!a.contains("panel-key-123"));
        assert_eq!(secrets.open(&a).unwrap(), "panel-key-123");
        assert_eq!(secrets.open(&b).unwrap(), "panel-key-123");
    }

    #[test]
    fn tampering_is_detected() {
        let secrets = SecretBox::new(MasterKey::generate().unwrap(), vec![]);
        let sealed = secrets.seal("token").unwrap();
        let mut bytes = sealed.into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).unwrap();
        assert!(matches!(secrets.open(&tampered), Err(SecretError::Corrupt)));
        assert!(matches!(secrets.open("v2.x.y"), Err(SecretError::Corrupt)));
        assert!(matches!(secrets.open("garbage"), Err(SecretError::Corrupt)));
    }

    #[test]
    fn rotation_keeps_old_values_readable() {
        let old = MasterKey::generate().unwrap();
        let new = MasterKey::generate().unwrap();
        let sealed_old = SecretBox::new(old.clone(), vec![])
            .seal("bot-token")
            .unwrap();
        let rotated = SecretBox::new(new.clone(), vec![old]);
        assert!(rotated.needs_rotation(&sealed_old));
        assert_eq!(rotated.open(&sealed_old).unwrap(), "bot-token");
        let resealed = rotated.seal("bot-token").unwrap();
        assert!(!rotated.needs_rotation(&resealed));
        let without_old = SecretBox::new(new, vec![]);
        assert!(matches!(
            without_old.open(&sealed_old),
            Err(SecretError::UnknownKey(_))
        ));
    }

    #[test]
    fn last_chars_handles_short_and_unicode() {
        assert_eq!(last_chars("abcdef", 4), "cdef");
        assert_eq!(last_chars("ab", 4), "ab");
        assert_eq!(last_chars("ключ1234", 4), "1234");
    }
}
