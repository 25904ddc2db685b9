//! The call resource, its result values and the writable fields of a create or update.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod patch;

pub use patch::{CallPatch, WRITABLE_FIELDS};

use crate::id::ObjectId;
use crate::time::rfc3339_millis;

/// How a call went. The API stores `conversation`, `no_answer` and `left_message`, and
/// takes the spaced spellings on input as the same values. A value this version does not
/// know is kept as given ([`CallResult::Other`]) so that a client never fails on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CallResult {
    /// Somebody answered and the two talked.
    Conversation,
    /// Nobody answered.
    NoAnswer,
    /// A voicemail was left.
    LeftMessage,
    /// A value this version does not know, exactly as the API sent it.
    Other(String),
}

impl CallResult {
    /// The values a user can choose, in the order a form offers them.
    pub const CHOICES: [CallResult; 3] = [CallResult::Conversation, CallResult::NoAnswer, CallResult::LeftMessage];

    /// Reads a value from the API or a form, accepting the spaced aliases.
    pub fn from_api(value: &str) -> Self {
        match value {
            "conversation" => Self::Conversation,
            "no_answer" | "no answer" => Self::NoAnswer,
            "left_message" | "left message" => Self::LeftMessage,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The value as the API stores it.
    pub fn as_api_str(&self) -> &str {
        match self {
            Self::Conversation => "conversation",
            Self::NoAnswer => "no_answer",
            Self::LeftMessage => "left_message",
            Self::Other(other) => other,
        }
    }

    /// The words a person reads; an unknown value is shown as given.
    pub fn label(&self) -> &str {
        match self {
            Self::Conversation => "Conversation",
            Self::NoAnswer => "No answer",
            Self::LeftMessage => "Left message",
            Self::Other(other) => other,
        }
    }

    /// Whether this is one of the three values the API accepts on input.
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}

impl Serialize for CallResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_api_str())
    }
}

impl<'de> Deserialize<'de> for CallResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_api(&text))
    }
}

/// One call as the API returns it. Unknown fields are ignored and missing or `null` text
/// fields read as empty, because a CRM adds and drops fields over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Call {
    /// The call's id (read only).
    pub id: ObjectId,
    /// The contact the call belongs to (read only; set on create).
    pub contact_id: ObjectId,
    /// The day the call relates to.
    #[serde(with = "crate::time::date_serde")]
    pub date: NaiveDate,
    /// How the call went.
    pub call_result: CallResult,
    /// Free-text notes; may be empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub text: String,
    /// The service the call was made with, e.g. `Talkdesk`; may be empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub called_via: String,
    /// The number called; may be empty.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub phone_number: String,
    /// Who logged the call, e.g. `peter a.` (read only).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub author: String,
    /// Where a recording of the call is; empty, or an `http(s)` URL.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub recording_link: String,
    /// When the call was last changed (read only).
    #[serde(with = "rfc3339_millis")]
    pub modified_at: DateTime<Utc>,
}

/// Reads a text field that a CRM may send as `null` or leave out: both read as empty.
pub(crate) fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

impl Call {
    /// The contract's timeline order: `date` newest first, then creation newest first,
    /// then id. A client has no creation time, but an id starts with it, so ordering by
    /// id descending within a date is the same order.
    pub fn timeline_order(a: &Call, b: &Call) -> std::cmp::Ordering {
        b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id))
    }

    /// Sets every writable field of this call.
    pub fn set_fields(&mut self, fields: CallFields) {
        self.date = fields.date;
        self.call_result = fields.call_result;
        self.text = fields.text;
        self.called_via = fields.called_via;
        self.phone_number = fields.phone_number;
        self.recording_link = fields.recording_link;
    }

    /// The writable fields of this call.
    pub fn fields(&self) -> CallFields {
        CallFields {
            date: self.date,
            call_result: self.call_result.clone(),
            text: self.text.clone(),
            called_via: self.called_via.clone(),
            phone_number: self.phone_number.clone(),
            recording_link: self.recording_link.clone(),
        }
    }
}

/// Every writable field of a call, all present: what a full create or replace needs and
/// what a stored call holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFields {
    /// The day the call relates to.
    pub date: NaiveDate,
    /// How the call went.
    pub call_result: CallResult,
    /// Free-text notes.
    pub text: String,
    /// The service the call was made with.
    pub called_via: String,
    /// The number called.
    pub phone_number: String,
    /// Where a recording is.
    pub recording_link: String,
}

impl CallFields {
    /// The fields a `partial=1` create starts from: `date` today, `conversation`, and
    /// every string empty.
    pub fn defaults(today: NaiveDate) -> Self {
        Self {
            date: today,
            call_result: CallResult::Conversation,
            text: String::new(),
            called_via: String::new(),
            phone_number: String::new(),
            recording_link: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::time::parse_date;
    use crate::validation::{CALLED_VIA_MAX_CHARS, PHONE_NUMBER_MAX_CHARS, TEXT_MAX_CHARS};
    use serde_json::json;

    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn call_result_accepts_aliases_and_keeps_unknown_values() {
        assert_eq!(CallResult::from_api("no answer"), CallResult::NoAnswer);
        assert_eq!(CallResult::from_api("no_answer"), CallResult::NoAnswer);
        assert_eq!(CallResult::from_api("left message"), CallResult::LeftMessage);
        assert_eq!(CallResult::from_api("left_message"), CallResult::LeftMessage);
        let unknown: CallResult = serde_json::from_value(json!("busy")).unwrap();
        assert_eq!(unknown, CallResult::Other("busy".into()));
        assert_eq!(unknown.label(), "busy");
        assert_eq!(serde_json::to_value(&unknown).unwrap(), json!("busy"));
        assert_eq!(serde_json::to_value(CallResult::NoAnswer).unwrap(), json!("no_answer"));
    }

    #[test]
    fn call_decodes_with_unknown_fields_and_missing_optionals() {
        let call: Call = serde_json::from_value(json!({
            "id": "546cba4a1da41716ab00006d",
            "contact_id": "546cba4a1da41716ab000065",
            "date": "2013-09-08",
            "call_result": "voicemail_full",
            "recording_link": null,
            "modified_at": "2014-11-19T15:43:33.121Z",
            "sentiment": {"score": 0.4}
        }))
        .unwrap();
        assert_eq!(call.text, "");
        assert_eq!(call.recording_link, "");
        assert_eq!(call.call_result, CallResult::Other("voicemail_full".into()));
    }

    #[test]
    fn body_may_be_wrapped_or_bare_and_ignores_read_only_fields() {
        let wrapped = CallPatch::from_json(&json!({"call": {"text": "hi", "id": "x", "author": "me"}})).unwrap();
        let bare = CallPatch::from_json(&json!({"text": "hi", "modified_at": 5})).unwrap();
        assert_eq!(wrapped, bare);
        assert_eq!(wrapped.text.as_deref(), Some("hi"));
    }

    #[test]
    fn wrong_types_are_field_errors() {
        let errors = CallPatch::from_json(&json!({"date": "8/9/2013", "text": 5, "call_result": true})).unwrap_err();
        assert_eq!(errors.field("date"), ["must be a date written YYYY-MM-DD"]);
        assert_eq!(errors.field("text"), ["must be text"]);
        assert_eq!(errors.field("call_result"), ["must be text"]);
        assert!(CallPatch::from_json(&json!([1])).is_err());
        assert!(CallPatch::from_json(&json!({"call": "x"})).is_err());
    }

    #[test]
    fn validate_checks_limits_values_and_links() {
        let patch = CallPatch {
            call_result: Some(CallResult::from_api("busy")),
            text: Some("x".repeat(TEXT_MAX_CHARS + 1)),
            called_via: Some("x".repeat(CALLED_VIA_MAX_CHARS + 1)),
            phone_number: Some("1".repeat(PHONE_NUMBER_MAX_CHARS + 1)),
            recording_link: Some("javascript:alert(1)".into()),
            date: None,
        };
        let errors = patch.validate().unwrap_err();
        for field in ["call_result", "text", "called_via", "phone_number", "recording_link"] {
            assert_eq!(errors.field(field).len(), 1, "{field}");
        }
        let at_limits = CallPatch {
            text: Some("x".repeat(TEXT_MAX_CHARS)),
            called_via: Some("x".repeat(CALLED_VIA_MAX_CHARS)),
            phone_number: Some("1".repeat(PHONE_NUMBER_MAX_CHARS)),
            ..CallPatch::default()
        };
        assert!(at_limits.validate().is_ok());
    }

    #[test]
    fn full_writes_need_every_field() {
        let errors = CallPatch {
            text: Some("x".into()),
            ..CallPatch::default()
        }
        .into_complete()
        .unwrap_err();
        let missing: Vec<_> = errors.iter().map(|(field, _)| field).collect();
        assert_eq!(
            missing,
            ["call_result", "called_via", "date", "phone_number", "recording_link"]
        );
    }

    #[test]
    fn partial_applies_over_defaults_and_changes_lists_only_differences() {
        let today = date("2026-11-28");
        let fields = CallPatch {
            text: Some("hello".into()),
            ..CallPatch::default()
        }
        .apply_to(CallFields::defaults(today));
        assert_eq!(fields.date, today);
        assert_eq!(fields.call_result, CallResult::Conversation);
        assert_eq!(fields.text, "hello");
        let mut edited = fields.clone();
        edited.called_via = "Skype".into();
        let changes = CallPatch::changes(&fields, &edited);
        assert_eq!(serde_json::to_value(&changes).unwrap(), json!({"called_via": "Skype"}));
        assert!(CallPatch::changes(&fields, &fields).is_empty());
    }
}
