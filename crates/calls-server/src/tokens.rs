//! API tokens: random, shown once, stored only as their SHA-256.

use sha2::{Digest, Sha256};

/// The SHA-256 of a token in hex, which is what the database keeps. Tokens are 256-bit
/// random values, so a fast hash is enough: there is nothing to brute-force.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token, `cw_` and 64 hex characters.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!("cw_{}", hex::encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_to_hex() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 67);
        assert_eq!(token_hash("demo-token").len(), 64);
        assert_eq!(token_hash("demo-token"), token_hash("demo-token"));
    }
}
