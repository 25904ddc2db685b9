//! The ObjectId-style identifier that every resource of the API carries.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A 12-byte identifier written as 24 lowercase hex characters, like a MongoDB ObjectId:
/// 4 bytes of creation time (Unix seconds, big-endian), then 8 bytes that make it unique.
///
/// Stored as bytes so that a value that exists is always well formed; input in upper case
/// is accepted and written back in lower case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId([u8; 12]);

/// Why a string is not an [`ObjectId`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidObjectId;

impl fmt::Display for InvalidObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("is not an id: ids are 24 hexadecimal characters")
    }
}

impl std::error::Error for InvalidObjectId {}

impl ObjectId {
    /// Builds an id from its parts: creation time in Unix seconds, then 8 bytes that make
    /// it unique (the server uses 5 random bytes and a 3-byte counter).
    pub fn from_parts(unix_seconds: u32, unique: [u8; 8]) -> Self {
        let mut bytes = [0u8; 12];
        bytes[..4].copy_from_slice(&unix_seconds.to_be_bytes());
        bytes[4..].copy_from_slice(&unique);
        Self(bytes)
    }

    /// The raw 12 bytes.
    pub fn bytes(&self) -> [u8; 12] {
        self.0
    }

    /// The creation time the id carries, in Unix seconds.
    pub fn unix_seconds(&self) -> u32 {
        u32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }
}

impl FromStr for ObjectId {
    type Err = InvalidObjectId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.as_bytes();
        if text.len() != 24 {
            return Err(InvalidObjectId);
        }
        let mut bytes = [0u8; 12];
        for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
            *byte = (hex_value(pair[0])? << 4) | hex_value(pair[1])?;
        }
        Ok(Self(bytes))
    }
}

fn hex_value(digit: u8) -> Result<u8, InvalidObjectId> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        b'A'..=b'F' => Ok(digit - b'A' + 10),
        _ => Err(InvalidObjectId),
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjectId({self})")
    }
}

impl Serialize for ObjectId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ObjectId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(format_args!("`{text}` is not a 24-character hex id")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_lowercase_hex() {
        let id: ObjectId = "546CBA4A1DA41716AB00006D".parse().unwrap();
        assert_eq!(id.to_string(), "546cba4a1da41716ab00006d");
        assert_eq!(id.unix_seconds(), 0x546c_ba4a);
    }

    #[test]
    fn rejects_wrong_length_and_non_hex() {
        assert!("546cba4a1da41716ab00006".parse::<ObjectId>().is_err());
        assert!("546cba4a1da41716ab00006d0".parse::<ObjectId>().is_err());
        assert!("546cba4a1da41716ab00006g".parse::<ObjectId>().is_err());
        assert!("".parse::<ObjectId>().is_err());
        // Multi-byte characters must not be split into "hex pairs".
        assert!("ééééééééééää".parse::<ObjectId>().is_err());
    }

    #[test]
    fn from_parts_puts_time_first() {
        let id = ObjectId::from_parts(1, [0xab; 8]);
        assert_eq!(id.to_string(), "00000001abababababababab");
    }

    #[test]
    fn serde_round_trip() {
        let id: ObjectId = serde_json::from_str("\"546cba4a1da41716ab00006d\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"546cba4a1da41716ab00006d\"");
        assert!(serde_json::from_str::<ObjectId>("\"nope\"").is_err());
    }
}
