//! The log-a-call form's values and their check, with the model's rules: what the user
//! typed becomes a [`CallPatch`] or messages to show next to each field. Pure, so it is
//! tested natively.

mod field;

use calls_model::{Call, CallPatch, FieldErrors, ObjectId, Owner};

pub use field::{Control, FormField, FormValues};

impl FormValues {
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
}

/// The contact a new call is logged for: the owner itself, or in a company's form the
/// contact chosen in it, which the company's form requires.
fn contact_for(owner: Owner, values: &FormValues) -> Result<ObjectId, FieldErrors> {
    match owner {
        Owner::Contact(contact) => Ok(contact),
        Owner::Company(_) => values.contact_id.parse::<ObjectId>().map_err(|_| {
            let mut problems = FieldErrors::new();
            problems.add(FormField::Contact.name(), "Choose the contact the call was with.");
            problems
        }),
    }
}

/// What a new call sends for `owner`: its contact and the patch, or every problem found.
pub fn new_call(owner: Owner, values: &FormValues) -> Result<(ObjectId, CallPatch), FieldErrors> {
    match (values.to_patch(), contact_for(owner, values)) {
        (Ok(patch), Ok(contact)) => Ok((contact, patch)),
        (patch, contact) => {
            let mut problems = patch.err().unwrap_or_default();
            if let Err(contact_problems) = contact {
                problems.extend(contact_problems);
            }
            Err(problems)
        }
    }
}

/// A form field's label, for messages.
pub fn field_label(field: &str) -> &'static str {
    FormField::from_name(field).map_or("This field", FormField::label)
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
    use calls_model::CallResult;

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

    #[test]
    fn a_companys_new_call_needs_its_contact() {
        let company = Owner::Company("546cba4a1da41716ab000001".parse().unwrap());
        let mut form = values();
        form.date = String::new();
        let errors = new_call(company, &form).unwrap_err();
        assert_eq!(errors.field("contact_id"), ["Choose the contact the call was with."]);
        assert_eq!(errors.field("date"), ["Enter the date of the call."]);
        form = values();
        form.contact_id = "546cba4a1da41716ab000065".into();
        let (contact, _) = new_call(company, &form).unwrap();
        assert_eq!(contact.to_string(), "546cba4a1da41716ab000065");
        let contact_owner = Owner::Contact(contact);
        assert_eq!(new_call(contact_owner, &values()).unwrap().0, contact);
    }

    #[test]
    fn a_draft_keeps_every_field_by_name() {
        let mut form = values();
        form.text = "Notes".into();
        form.contact_id = "546cba4a1da41716ab000065".into();
        form.call_result = "left_message".into();
        let pairs: Vec<(String, String)> = form.pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        };
        assert_eq!(FormValues::from_pairs(get), form);
        let unknown = FormValues::from_pairs(|name| {
            if name == "call_result" {
                "shouted".into()
            } else {
                String::new()
            }
        });
        assert_eq!(unknown.call_result, "conversation");
        assert_eq!(
            FormField::from_name("phone_number").map(FormField::label),
            Some("Phone number")
        );
    }
}
