//! The call resource, its result values and the writable fields of a create or update.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::id::ObjectId;
use crate::time::{parse_date, rfc3339_millis};
use crate::validation::{
    CALLED_VIA_MAX_CHARS, FieldErrors, PHONE_NUMBER_MAX_CHARS, TEXT_MAX_CHARS, check_length, check_recording_link,
};

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

/// The writable fields of a create or update, each given or not. A full create or replace
/// needs them all ([`CallPatch::into_complete`]); `partial=1` fills the rest from defaults
/// or the stored call. Serialized, it is the body the widget sends (only given fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CallPatch {
    /// The day the call relates to.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_optional_date")]
    pub date: Option<NaiveDate>,
    /// How the call went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_result: Option<CallResult>,
    /// Free-text notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The service the call was made with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub called_via: Option<String>,
    /// The number called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Where a recording is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_link: Option<String>,
}

/// The names of the writable fields, in the contract's order.
pub const WRITABLE_FIELDS: [&str; 6] = [
    "date",
    "call_result",
    "text",
    "called_via",
    "phone_number",
    "recording_link",
];

impl CallPatch {
    /// Reads a request body: `{"call": {…}}` or the bare object. Read-only and unknown
    /// fields are ignored and `null` counts as not given; a field of the wrong type is an
    /// error for that field. Limits are checked separately by [`CallPatch::validate`].
    pub fn from_json(body: &Value) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let object = match body {
            Value::Object(object) => match object.get("call") {
                Some(Value::Object(inner)) => inner,
                Some(_) => {
                    errors.add("call", "must be an object with the call's fields");
                    return Err(errors);
                }
                None => object,
            },
            _ => {
                errors.add("call", "the body must be a JSON object: {\"call\": {…fields…}}");
                return Err(errors);
            }
        };
        let patch = CallPatch {
            date: read_field(object, "date", &mut errors, |value| {
                value
                    .as_str()
                    .and_then(parse_date)
                    .ok_or("must be a date written YYYY-MM-DD")
            }),
            call_result: read_field(object, "call_result", &mut errors, |value| {
                value.as_str().map(CallResult::from_api).ok_or("must be text")
            }),
            text: read_string(object, "text", &mut errors),
            called_via: read_string(object, "called_via", &mut errors),
            phone_number: read_string(object, "phone_number", &mut errors),
            recording_link: read_string(object, "recording_link", &mut errors),
        };
        if !errors.is_empty() {
            // Report the other fields' problems too, so one round trip shows them all.
            if let Err(more) = patch.validate() {
                errors.extend(more);
            }
        }
        errors.into_result(patch)
    }

    /// Checks the given fields against the contract: allowed `call_result` values,
    /// length limits and `recording_link`'s form. Nothing is ever cut to fit.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.call_result.as_ref().is_some_and(|result| !result.is_known()) {
            errors.add("call_result", "must be one of: conversation, no answer, left message");
        }
        let limits = [
            ("text", &self.text, TEXT_MAX_CHARS),
            ("called_via", &self.called_via, CALLED_VIA_MAX_CHARS),
            ("phone_number", &self.phone_number, PHONE_NUMBER_MAX_CHARS),
        ];
        for (field, value, max) in limits {
            if let Some(value) = value {
                errors.check(field, check_length(value, max));
            }
        }
        if let Some(link) = &self.recording_link {
            errors.check("recording_link", check_recording_link(link));
        }
        errors.into_result(())
    }

    /// The fields of a full create or replace, where every writable field must be given.
    pub fn into_complete(self) -> Result<CallFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let given = [
            ("date", self.date.is_some()),
            ("call_result", self.call_result.is_some()),
            ("text", self.text.is_some()),
            ("called_via", self.called_via.is_some()),
            ("phone_number", self.phone_number.is_some()),
            ("recording_link", self.recording_link.is_some()),
        ];
        for (field, present) in given {
            if !present {
                errors.add(field, "is required (or send partial=1 to leave it out)");
            }
        }
        match (self.date, self.call_result) {
            (Some(date), Some(call_result)) if errors.is_empty() => Ok(CallFields {
                date,
                call_result,
                text: self.text.unwrap_or_default(),
                called_via: self.called_via.unwrap_or_default(),
                phone_number: self.phone_number.unwrap_or_default(),
                recording_link: self.recording_link.unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }

    /// `base` with the given fields replaced.
    pub fn apply_to(self, base: CallFields) -> CallFields {
        CallFields {
            date: self.date.unwrap_or(base.date),
            call_result: self.call_result.unwrap_or(base.call_result),
            text: self.text.unwrap_or(base.text),
            called_via: self.called_via.unwrap_or(base.called_via),
            phone_number: self.phone_number.unwrap_or(base.phone_number),
            recording_link: self.recording_link.unwrap_or(base.recording_link),
        }
    }

    /// The fields that differ between `before` and `after`: what an edit sends with
    /// `partial=1`, so that it never overwrites a field somebody else changed meanwhile.
    pub fn changes(before: &CallFields, after: &CallFields) -> Self {
        fn changed<T: PartialEq + Clone>(before: &T, after: &T) -> Option<T> {
            (before != after).then(|| after.clone())
        }
        Self {
            date: changed(&before.date, &after.date),
            call_result: changed(&before.call_result, &after.call_result),
            text: changed(&before.text, &after.text),
            called_via: changed(&before.called_via, &after.called_via),
            phone_number: changed(&before.phone_number, &after.phone_number),
            recording_link: changed(&before.recording_link, &after.recording_link),
        }
    }

    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl From<CallFields> for CallPatch {
    fn from(fields: CallFields) -> Self {
        Self {
            date: Some(fields.date),
            call_result: Some(fields.call_result),
            text: Some(fields.text),
            called_via: Some(fields.called_via),
            phone_number: Some(fields.phone_number),
            recording_link: Some(fields.recording_link),
        }
    }
}

fn serialize_optional_date<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_str(&crate::time::format_date(*date)),
        None => serializer.serialize_none(),
    }
}

fn read_field<T>(
    object: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
    convert: impl FnOnce(&Value) -> Result<T, &'static str>,
) -> Option<T> {
    match object.get(field) {
        None | Some(Value::Null) => None,
        Some(value) => match convert(value) {
            Ok(converted) => Some(converted),
            Err(message) => {
                errors.add(field, message);
                None
            }
        },
    }
}

fn read_string(object: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<String> {
    read_field(object, field, errors, |value| {
        value.as_str().map(str::to_owned).ok_or("must be text")
    })
}

#[cfg(test)]
mod tests {
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
