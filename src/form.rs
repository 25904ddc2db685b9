//! The log-a-call form's values and their check, with the model's rules: what the user
//! typed becomes a [`CallPatch`] or messages to show next to each field. Pure, so it is
//! tested natively.

use calls_model::time::parse_date;
use calls_model::{Call, CallPatch, CallResult, FieldErrors};
use chrono::NaiveDate;

/// What the form holds, exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormValues {
    /// `YYYY-MM-DD`, as a date input gives it.
    pub date: String,
    /// The chosen result, as the API writes it.
    pub call_result: String,
    /// Notes.
    pub text: String,
    /// Phone number.
    pub phone_number: String,
    /// Called via.
    pub called_via: String,
    /// Recording link.
    pub recording_link: String,
    /// In a company's form, the id of the contact the call was with (the Contact field);
    /// empty until one is chosen.
    pub contact_id: String,
}

impl FormValues {
    /// An empty form for a call today.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            date: calls_model::time::format_date(today),
            call_result: CallResult::Conversation.as_api_str().to_owned(),
            text: String::new(),
            phone_number: String::new(),
            called_via: String::new(),
            recording_link: String::new(),
            contact_id: String::new(),
        }
    }

    /// Whether the user has typed anything worth keeping.
    pub fn has_input(&self) -> bool {
        [&self.text, &self.phone_number, &self.called_via, &self.recording_link]
            .iter()
            .any(|value| !value.trim().is_empty())
    }

    /// The form filled with a stored call, for editing it.
    pub fn from_call(call: &Call) -> Self {
        Self {
            date: calls_model::time::format_date(call.date),
            call_result: call.call_result.as_api_str().to_owned(),
            text: call.text.clone(),
            phone_number: call.phone_number.clone(),
            called_via: call.called_via.clone(),
            recording_link: call.recording_link.clone(),
            contact_id: call.contact_id.to_string(),
        }
    }

    /// The patch to send, or what to fix, field by field, in words for the form.
    /// Every field is sent, trimmed of surrounding white space (notes keep their inner
    /// line breaks).
    pub fn to_patch(&self) -> Result<CallPatch, FieldErrors> {
        let (patch, mut errors) = self.read();
        if let Err(model_errors) = patch.validate() {
            errors.extend(form_messages(&model_errors));
        }
        errors.into_result(patch)
    }

    /// What an edit of `call` sends: only the fields that differ from it, so an edit never
    /// overwrites a field somebody else changed meanwhile. Only those fields are checked
    /// (a stored value this widget would refuse, left alone, stays as it is). An empty
    /// patch means nothing changed.
    pub fn changes_from(&self, call: &Call) -> Result<CallPatch, FieldErrors> {
        let (patch, mut errors) = self.read();
        let before = call.fields();
        let changes = CallPatch::changes(&before, &patch.apply_to(before.clone()));
        if let Err(model_errors) = changes.validate() {
            errors.extend(form_messages(&model_errors));
        }
        errors.into_result(changes)
    }

    fn read(&self) -> (CallPatch, FieldErrors) {
        let mut errors = FieldErrors::new();
        let date = parse_date(self.date.trim());
        if date.is_none() {
            errors.add("date", "Enter the date of the call.");
        }
        let patch = CallPatch {
            date,
            call_result: Some(CallResult::from_api(&self.call_result)),
            text: Some(self.text.trim().to_owned()),
            called_via: Some(self.called_via.trim().to_owned()),
            phone_number: Some(self.phone_number.trim().to_owned()),
            recording_link: Some(self.recording_link.trim().to_owned()),
        };
        (patch, errors)
    }
}

/// A form field's label, for messages.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "date" => "Date",
        "call_result" => "Result",
        "text" => "Notes",
        "phone_number" => "Phone number",
        "called_via" => "Called via",
        "recording_link" => "Recording link",
        "contact_id" => "Contact",
        _ => "This field",
    }
}

/// The model's (or the server's) field errors as sentences that name the field:
/// "must be at most 40 characters" becomes "Phone number must be at most 40 characters."
pub fn form_messages(errors: &FieldErrors) -> FieldErrors {
    let mut messages = FieldErrors::new();
    for (field, problems) in errors.iter() {
        for problem in problems {
            let sentence = format!("{} {}", field_label(field), problem.trim_end_matches('.'));
            messages.add(field, format!("{sentence}."));
        }
    }
    messages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> FormValues {
        FormValues::new("2026-11-28".parse().unwrap())
    }

    #[test]
    fn a_fresh_form_is_a_valid_conversation_today() {
        let patch = values().to_patch().unwrap();
        assert_eq!(patch.date.unwrap().to_string(), "2026-11-28");
        assert_eq!(patch.call_result, Some(CallResult::Conversation));
        assert!(!values().has_input());
    }

    #[test]
    fn typed_values_are_trimmed_and_kept() {
        let mut form = values();
        form.text = "  Line one\nLine two  ".into();
        form.called_via = " Skype ".into();
        form.call_result = "no_answer".into();
        let patch = form.to_patch().unwrap();
        assert_eq!(patch.text.as_deref(), Some("Line one\nLine two"));
        assert_eq!(patch.called_via.as_deref(), Some("Skype"));
        assert_eq!(patch.call_result, Some(CallResult::NoAnswer));
    }

    #[test]
    fn problems_are_sentences_naming_the_field() {
        let mut form = values();
        form.date = String::new();
        form.recording_link = "javascript:alert(1)".into();
        form.phone_number = "1".repeat(41);
        let errors = form.to_patch().unwrap_err();
        assert_eq!(errors.field("date"), ["Enter the date of the call."]);
        assert_eq!(
            errors.field("recording_link"),
            ["Recording link must be a web address starting with http:// or https://."]
        );
        assert_eq!(
            errors.field("phone_number"),
            ["Phone number must be at most 40 characters (it has 41)."]
        );
    }

    fn stored_call() -> Call {
        serde_json::from_str(
            r#"{"id":"546cba4a1da41716ab00006d","contact_id":"546cba4a1da41716ab000065","date":"2026-11-20",
            "call_result":"no_answer","text":"Old notes","called_via":"Skype","phone_number":"+1 555",
            "author":"peter a.","recording_link":"","modified_at":"2026-11-20T10:00:00.000Z"}"#,
        )
        .unwrap()
    }

    #[test]
    fn an_edit_sends_only_what_changed() {
        let call = stored_call();
        let mut form = FormValues::from_call(&call);
        assert!(
            form.changes_from(&call).unwrap().is_empty(),
            "nothing changed, nothing sent"
        );
        form.text = "New notes ".into();
        form.call_result = "conversation".into();
        let patch = form.changes_from(&call).unwrap();
        assert_eq!(patch.text.as_deref(), Some("New notes"));
        assert_eq!(patch.call_result, Some(CallResult::Conversation));
        assert_eq!((patch.date, patch.called_via, patch.phone_number), (None, None, None));
        assert_eq!(patch.recording_link, None);
    }

    #[test]
    fn an_edit_checks_the_changed_fields() {
        let call = stored_call();
        let mut form = FormValues::from_call(&call);
        form.recording_link = "ftp://example.com/a.mp3".into();
        form.date = "yesterday".into();
        let errors = form.changes_from(&call).unwrap_err();
        assert_eq!(errors.field("date"), ["Enter the date of the call."]);
        assert_eq!(errors.field("recording_link").len(), 1);
    }

    #[test]
    fn an_unknown_stored_result_left_alone_is_not_refused() {
        let mut call = stored_call();
        call.call_result = CallResult::from_api("voicemail_full");
        let mut form = FormValues::from_call(&call);
        form.text = "Edited".into();
        let patch = form.changes_from(&call).unwrap();
        assert_eq!(patch.call_result, None);
    }

    #[test]
    fn server_field_errors_map_the_same_way() {
        let mut server = FieldErrors::new();
        server.add("text", "must be at most 10000 characters (it has 10001)");
        assert_eq!(
            form_messages(&server).field("text"),
            ["Notes must be at most 10000 characters (it has 10001)."]
        );
    }
}
