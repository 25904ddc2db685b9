//! Field limits and the per-field error map of a rejected write.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::links;

/// Longest `text`, in characters.
pub const TEXT_MAX_CHARS: usize = 10_000;
/// Longest `called_via`, in characters.
pub const CALLED_VIA_MAX_CHARS: usize = 100;
/// Longest `phone_number`, in characters.
pub const PHONE_NUMBER_MAX_CHARS: usize = 40;
/// Longest `recording_link`, in characters.
pub const RECORDING_LINK_MAX_CHARS: usize = 2_048;

/// What is wrong with each field of a write, as the API returns it in
/// `data.errors`: `{"field": ["what is wrong", …]}`. Fields are kept in name order.
/// A sorted list rather than a `BTreeMap`: a write has a handful of fields, and the
/// widget's wasm is smaller without a tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, Vec<String>)>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `field` is wrong, in words a person can act on.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.messages_mut(field).push(message.into());
    }

    fn messages_mut(&mut self, field: &str) -> &mut Vec<String> {
        let index = match self.0.binary_search_by(|(known, _)| known.as_str().cmp(field)) {
            Ok(index) => index,
            Err(index) => {
                self.0.insert(index, (field.to_owned(), Vec::new()));
                index
            }
        };
        &mut self.0[index].1
    }

    /// Records a problem in the contract's English words.
    pub fn add_problem(&mut self, field: &str, problem: Problem) {
        self.add(field, problem.to_string());
    }

    /// Adds every error of `other`.
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, messages) in other.0 {
            self.messages_mut(&field).extend(messages);
        }
    }

    /// Whether every field passed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The messages for one field (empty if it passed).
    pub fn field(&self, field: &str) -> &[String] {
        self.0
            .iter()
            .find(|(known, _)| known == field)
            .map(|(_, messages)| messages.as_slice())
            .unwrap_or(&[])
    }

    /// Every field with its messages, in field-name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0
            .iter()
            .map(|(field, messages)| (field.as_str(), messages.as_slice()))
    }

    /// `Ok(value)` when there are no errors, else the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }

    /// One line naming every field and its problem, for messages and logs.
    pub fn summary(&self) -> String {
        let mut line = String::new();
        for (field, messages) in &self.0 {
            line.push_str(if line.is_empty() { "" } else { ", " });
            line.push_str(field);
            for (index, message) in messages.iter().enumerate() {
                line.push_str(if index == 0 { " " } else { "; " });
                line.push_str(message);
            }
        }
        line
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, messages) in &self.0 {
            map.serialize_entry(field, messages)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldErrorsVisitor;

        impl<'de> Visitor<'de> for FieldErrorsVisitor {
            type Value = FieldErrors;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a map of field names to lists of messages")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldErrors, A::Error> {
                let mut errors = FieldErrors::new();
                while let Some((field, messages)) = map.next_entry::<String, Vec<String>>()? {
                    errors.messages_mut(&field).extend(messages);
                }
                Ok(errors)
            }
        }

        deserializer.deserialize_map(FieldErrorsVisitor)
    }
}

/// What is wrong with one field, as a code: the server words it in English
/// ([`fmt::Display`], the contract's messages), the widget in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Longer than its limit, in characters.
    TooLong {
        /// The limit.
        max: usize,
        /// How many characters it has.
        count: usize,
    },
    /// It holds the NUL character, which no one types and PostgreSQL cannot store in text.
    Nul,
    /// Not an absolute `http`/`https` address.
    NotWebAddress,
    /// A call result the API does not take on input.
    UnknownResult,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { max, count } => write!(f, "must be at most {max} characters (it has {count})"),
            Self::Nul => f.write_str("must not contain the NUL character (U+0000)"),
            Self::NotWebAddress => f.write_str("must be a web address starting with http:// or https://"),
            Self::UnknownResult => f.write_str("must be one of: conversation, no answer, left message"),
        }
    }
}

/// Checks a free-text field against its limit, counting characters as a person sees them
/// (Unicode scalar values), not bytes; and that it has no NUL character (both stores
/// refuse it alike).
pub fn check_text(value: &str, max_chars: usize) -> Result<(), Problem> {
    let count = value.chars().count();
    if value.contains('\0') {
        Err(Problem::Nul)
    } else if count > max_chars {
        Err(Problem::TooLong { max: max_chars, count })
    } else {
        Ok(())
    }
}

/// Checks a `recording_link`: empty, or an absolute `http`/`https` URL within the limit.
pub fn check_recording_link(value: &str) -> Result<(), Problem> {
    check_text(value, RECORDING_LINK_MAX_CHARS)?;
    if value.is_empty() || links::http_url(value).is_some() {
        Ok(())
    } else {
        Err(Problem::NotWebAddress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_length_counts_characters_not_bytes_and_nul_is_refused() {
        assert!(check_text("a\0b", 100).unwrap_err().to_string().contains("NUL"));
        assert!(check_text(&"é".repeat(100), 100).is_ok());
        assert_eq!(
            check_text(&"a".repeat(101), 100).map_err(|problem| problem.to_string()),
            Err("must be at most 100 characters (it has 101)".to_owned())
        );
    }

    #[test]
    fn recording_link_rules() {
        assert!(check_recording_link("").is_ok());
        assert!(check_recording_link("https://rec.example.com/a.mp3").is_ok());
        assert!(check_recording_link("HTTP://rec.example.com").is_ok());
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org/a",
            "rec.example.com/a",
            "https://",
            "https:// x",
        ] {
            assert!(check_recording_link(bad).is_err(), "{bad}");
        }
        let long = format!("https://x.org/{}", "a".repeat(RECORDING_LINK_MAX_CHARS));
        assert_eq!(
            check_recording_link(&long),
            Err(Problem::TooLong {
                max: RECORDING_LINK_MAX_CHARS,
                count: long.chars().count()
            })
        );
    }

    #[test]
    fn errors_serialize_as_the_contract_map() {
        let mut errors = FieldErrors::new();
        errors.add("text", "must be at most 10000 characters (it has 10001)");
        errors.add("date", "is required");
        assert_eq!(
            serde_json::to_value(&errors).unwrap(),
            serde_json::json!({"date": ["is required"], "text": ["must be at most 10000 characters (it has 10001)"]})
        );
        assert_eq!(
            errors.summary(),
            "date is required, text must be at most 10000 characters (it has 10001)"
        );
    }
}
