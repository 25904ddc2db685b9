//! The writable fields of a create or update, each given or not: read from a request
//! body, checked, and applied to defaults or to a stored call.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::{CallFields, CallResult};
use crate::time::parse_date;
use crate::validation::{
    CALLED_VIA_MAX_CHARS, FieldErrors, PHONE_NUMBER_MAX_CHARS, Problem, TEXT_MAX_CHARS, check_recording_link,
    check_text,
};

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
        for (field, problem) in self.problems() {
            errors.add_problem(field, problem);
        }
        errors.into_result(())
    }

    /// What [`Self::validate`] finds wrong, as codes, field by field (a field at most
    /// once): for a client that words them itself.
    pub fn problems(&self) -> Vec<(&'static str, Problem)> {
        let mut problems = Vec::new();
        if self.call_result.as_ref().is_some_and(|result| !result.is_known()) {
            problems.push(("call_result", Problem::UnknownResult));
        }
        let limits = [
            ("text", &self.text, TEXT_MAX_CHARS),
            ("called_via", &self.called_via, CALLED_VIA_MAX_CHARS),
            ("phone_number", &self.phone_number, PHONE_NUMBER_MAX_CHARS),
        ];
        for (field, value, max) in limits {
            if let Some(Err(problem)) = value.as_deref().map(|value| check_text(value, max)) {
                problems.push((field, problem));
            }
        }
        if let Some(Err(problem)) = self.recording_link.as_deref().map(check_recording_link) {
            problems.push(("recording_link", problem));
        }
        problems
    }

    /// The fields of a full create or replace, where every writable field must be given.
    pub fn into_complete(self) -> Result<CallFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, present) in self.presence() {
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

    /// The API names of the fields this patch gives.
    pub fn given(&self) -> Vec<&'static str> {
        self.presence()
            .into_iter()
            .filter_map(|(name, given)| given.then_some(name))
            .collect()
    }

    /// Each writable field's API name, and whether this patch gives it.
    fn presence(&self) -> [(&'static str, bool); 6] {
        [
            ("date", self.date.is_some()),
            ("call_result", self.call_result.is_some()),
            ("text", self.text.is_some()),
            ("called_via", self.called_via.is_some()),
            ("phone_number", self.phone_number.is_some()),
            ("recording_link", self.recording_link.is_some()),
        ]
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
