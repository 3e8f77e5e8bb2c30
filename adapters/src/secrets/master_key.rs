//! The master key: 32 bytes, given as base64 in `PANELRELAY_MASTER_KEY` or generated once
//! into the data directory in embedded mode.

use super::SecretError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// A 256-bit key with its id: the first 8 hex digits of a hash of the key, stored beside
/// every ciphertext so that a rotated-out key can still decrypt old values.
#[derive(Clone)]
pub struct MasterKey {
    bytes: [u8; 32],
    id: String,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id)
    }
}

impl MasterKey {
    /// Parses a base64 (standard alphabet) encoding of 32 bytes.
    pub fn from_base64(text: &str) -> Result<Self, SecretError> {
        let decoded = STANDARD
            .decode(text.trim())
            .map_err(|_| SecretError::BadMasterKey("not valid base64".into()))?;
        let bytes: [u8; 32] = decoded.try_into().map_err(|bytes: Vec<u8>| {
            SecretError::BadMasterKey(format!("{} bytes, expected 32", bytes.len()))
        })?;
        Ok(Self::from_bytes(bytes))
    }

    /// A new random key.
    pub fn generate() -> Result<Self, SecretError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|err| SecretError::Random(err.to_string()))?;
        Ok(Self::from_bytes(bytes))
    }

    fn from_bytes(bytes: [u8; 32]) -> Self {
        let digest = Sha256::new()
            .chain_update(b"panelrelay master key id")
            .chain_update(bytes)
            .finalize();
        let id = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        MasterKey { bytes, id }
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The raw key.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The base64 form, for writing the key file.
    fn to_base64(&self) -> String {
        STANDARD.encode(self.bytes)
    }
}

/// Reads the master key from `path`, or generates one there (file mode 0600) if absent.
pub fn load_or_create_master_key(path: &Path) -> Result<MasterKey, SecretError> {
    match std::fs::read_to_string(path) {
        Ok(text) => MasterKey::from_base64(&text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let key = MasterKey::generate()?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut file) => {
                    file.write_all(format!("{}\n", key.to_base64()).as_bytes())
                        .and_then(|()| file.sync_all())
                        .map_err(|err| {
                            SecretError::KeyFile(format!("{}: {err}", path.display()))
                        })?;
                    Ok(key)
                }
                // Another process created it first: use theirs.
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                    load_or_create_master_key(path)
                }
                Err(err) => Err(SecretError::KeyFile(format!("{}: {err}", path.display()))),
            }
        }
        Err(err) => Err(SecretError::KeyFile(format!("{}: {err}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_base64_and_rejects_wrong_lengths() {
        let key = MasterKey::generate().unwrap();
        let again = MasterKey::from_base64(&key.to_base64()).unwrap();
        assert_eq!(again.id(), key.id());
        assert_eq!(key.id().len(), 8);
        assert!(matches!(
            MasterKey::from_base64("c2hvcnQ="),
            Err(SecretError::BadMasterKey(_))
        ));
        assert!(matches!(
            MasterKey::from_base64("***"),
            Err(SecretError::BadMasterKey(_))
        ));
    }

    #[test]
    fn key_file_is_created_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let first = load_or_create_master_key(&path).unwrap();
        let second = load_or_create_master_key(&path).unwrap();
        assert_eq!(first.id(), second.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
