//! API key tokens: `pra_…` for the platform admin, `prk_…` for workspaces. A token is 32
//! random bytes; only its SHA-256 is stored, with a visible prefix to recognise it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::SecretError;

/// Which kind of key a token is, told by its prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A platform admin key (`pra_`).
    Admin,
    /// A workspace key (`prk_`).
    Workspace,
}

impl TokenKind {
    fn marker(self) -> &'static str {
        match self {
            TokenKind::Admin => "pra_",
            TokenKind::Workspace => "prk_",
        }
    }
}

/// A freshly issued token: the secret to show once, and what to store.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The whole key, shown to its owner once.
    pub secret: String,
    /// The visible start of the key.
    pub prefix: String,
    /// SHA-256 of the whole key, hex.
    pub hash: String,
}

/// How many characters of a key stay visible.
const PREFIX_LEN: usize = 12;

/// Issues a new random token of `kind`.
pub fn issue_token(kind: TokenKind) -> Result<IssuedToken, SecretError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| SecretError::Random(err.to_string()))?;
    let secret = format!("{}{}", kind.marker(), URL_SAFE_NO_PAD.encode(bytes));
    Ok(IssuedToken {
        prefix: secret[..PREFIX_LEN].to_string(),
        hash: hash_token(&secret),
        secret,
    })
}

/// The stored hash of a token.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The kind of a presented token, or `None` when it is not one of ours.
pub fn token_kind(token: &str) -> Option<TokenKind> {
    [TokenKind::Admin, TokenKind::Workspace]
        .into_iter()
        .find(|kind| token.starts_with(kind.marker()) && token.len() == kind.marker().len() + 43)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_recognisable_and_hashed() {
        let a = issue_token(TokenKind::Workspace).unwrap();
        let b = issue_token(TokenKind::Workspace).unwrap();
        assert_ne!(a.secret, b.secret);
        assert!(a.secret.starts_with(&a.prefix));
        assert_eq!(token_kind(&a.secret), Some(TokenKind::Workspace));
        assert_eq!(a.hash, hash_token(&a.secret));
        assert_eq!(a.hash.len(), 64);
        let admin = issue_token(TokenKind::Admin).unwrap();
        assert_eq!(token_kind(&admin.secret), Some(TokenKind::Admin));
        assert_eq!(token_kind("prk_short"), None);
        assert_eq!(token_kind("Bearer x"), None);
    }
}
