//! The log-a-call form's values and their check, with the model's rules: what the user
//! typed becomes a [`CallPatch`] or the problems to show next to each field, as codes the
//! views word in the user's language (`crate::i18n`). Pure, so it is tested natively.

mod field;

use calls_model::{Call, CallPatch, ObjectId, Owner, Problem};

pub use field::{Control, FormField, FormValues};

/// What is wrong with one field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// The date is empty or not a date.
    NoDate,
    /// A company's form has no contact chosen.
    NoContact,
    /// One of the model's rules (a length limit, a web address).
    Model(Problem),
}

/// Every problem found, by field name, in the order the checks found them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<(&'static str, FieldProblem)>);

impl Problems {
    /// Records that `field` has `problem`.
    pub fn add(&mut self, field: &'static str, problem: FieldProblem) {
        self.0.push((field, problem));
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems of one field.
    pub fn field(&self, name: &str) -> Vec<FieldProblem> {
        self.iter()
            .filter(|(field, _)| *field == name)
            .map(|(_, problem)| problem)
            .collect()
    }

    /// Every problem with its field's name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, FieldProblem)> + '_ {
        self.0.iter().copied()
    }

    fn model(&mut self, patch: &CallPatch) {
        for (field, problem) in patch.problems() {
            self.add(field, FieldProblem::Model(problem));
        }
    }

    fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl FormValues {
    /// The patch to send, or what to fix, field by field. Every field is sent, trimmed
    /// of surrounding white space (notes keep their inner line breaks).
    pub fn to_patch(&self) -> Result<CallPatch, Problems> {
        let (patch, mut problems) = self.read();
        problems.model(&patch);
        problems.into_result(patch)
    }

    /// What an edit of `call` sends: only the fields that differ from it, so an edit never
    /// overwrites a field somebody else changed meanwhile. Only those fields are checked
    /// (a stored value this widget would refuse, left alone, stays as it is). An empty
    /// patch means nothing changed.
    pub fn changes_from(&self, call: &Call) -> Result<CallPatch, Problems> {
        let (patch, mut problems) = self.read();
        let before = call.fields();
        let changes = CallPatch::changes(&before, &patch.apply_to(before.clone()));
        problems.model(&changes);
        problems.into_result(changes)
    }
}

/// The contact a new call is logged for: the owner itself, or in a company's form the
/// contact chosen in it, which the company's form requires.
fn contact_for(owner: Owner, values: &FormValues) -> Option<ObjectId> {
    match owner {
        Owner::Contact(contact) => Some(contact),
        Owner::Company(_) => values.contact_id.parse::<ObjectId>().ok(),
    }
}

/// What a new call sends for `owner`: its contact and the patch, or every problem found.
pub fn new_call(owner: Owner, values: &FormValues) -> Result<(ObjectId, CallPatch), Problems> {
    match (values.to_patch(), contact_for(owner, values)) {
        (Ok(patch), Some(contact)) => Ok((contact, patch)),
        (patch, contact) => {
            let mut problems = patch.err().unwrap_or_default();
            if contact.is_none() {
                problems.add(FormField::Contact.name(), FieldProblem::NoContact);
            }
            Err(problems)
        }
    }
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
    fn problems_are_found_field_by_field() {
        let mut form = values();
        form.date = String::new();
        form.recording_link = "javascript:alert(1)".into();
        form.phone_number = "1".repeat(41);
        let errors = form.to_patch().unwrap_err();
        assert_eq!(errors.field("date"), [FieldProblem::NoDate]);
        assert_eq!(
            errors.field("recording_link"),
            [FieldProblem::Model(Problem::NotWebAddress)]
        );
        assert_eq!(
            errors.field("phone_number"),
            [FieldProblem::Model(Problem::TooLong { max: 40, count: 41 })]
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
        assert_eq!(errors.field("date"), [FieldProblem::NoDate]);
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
    fn a_companys_new_call_needs_its_contact() {
        let company = Owner::Company("546cba4a1da41716ab000001".parse().unwrap());
        let mut form = values();
        form.date = String::new();
        let errors = new_call(company, &form).unwrap_err();
        assert_eq!(errors.field("contact_id"), [FieldProblem::NoContact]);
        assert_eq!(errors.field("date"), [FieldProblem::NoDate]);
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
    }
}
