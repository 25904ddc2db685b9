//! The call form's fields, described once: each field's name (in the API, the draft,
//! element ids and its label's key), control, value and what it sends. The form's values, drafts,
//! labels, ids, messages and error wiring all follow from this table, so a new field of
//! a call is one more entry here.

use calls_model::time::{format_date, parse_date};
use calls_model::{Call, CallPatch, CallResult};
use chrono::NaiveDate;

use super::{FieldProblem, Problems};

/// A field of the call form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    /// In a company's form, the contact the call was with.
    Contact,
    /// The call's date.
    Date,
    /// How the call went.
    Result,
    /// Notes.
    Notes,
    /// The number called.
    PhoneNumber,
    /// The service the call was made with.
    CalledVia,
    /// A link to the call's recording.
    RecordingLink,
}

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// A choice among the company's contacts.
    ContactSelect,
    /// One radio button per known result.
    ResultChoices,
    /// Text over several lines.
    TextArea,
    /// An `<input>` of `input_type`; `suggested` offers the values the owner's calls use.
    Input {
        /// The input's `type`.
        input_type: &'static str,
        /// What the empty input shows.
        placeholder: Option<&'static str>,
        /// Whether the owner's values are suggested.
        suggested: bool,
    },
}

impl FormField {
    /// Every field, in the form's order.
    pub const ALL: [FormField; 7] = [
        FormField::Contact,
        FormField::Date,
        FormField::Result,
        FormField::Notes,
        FormField::PhoneNumber,
        FormField::CalledVia,
        FormField::RecordingLink,
    ];

    /// The field's name in the API (and in drafts, element ids and error lists).
    pub fn name(self) -> &'static str {
        match self {
            FormField::Contact => "contact_id",
            FormField::Date => "date",
            FormField::Result => "call_result",
            FormField::Notes => "text",
            FormField::PhoneNumber => "phone_number",
            FormField::CalledVia => "called_via",
            FormField::RecordingLink => "recording_link",
        }
    }

    /// How the field is entered.
    pub fn control(self) -> Control {
        let input = |input_type, placeholder, suggested| Control::Input {
            input_type,
            placeholder,
            suggested,
        };
        match self {
            FormField::Contact => Control::ContactSelect,
            FormField::Date => input("date", None, false),
            FormField::Result => Control::ResultChoices,
            FormField::Notes => Control::TextArea,
            FormField::PhoneNumber => input("tel", None, false),
            FormField::CalledVia => input("text", None, true),
            FormField::RecordingLink => input("url", Some("https://"), false),
        }
    }

    /// The field named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.name() == name)
    }

    /// Whether what is typed here is worth keeping as a draft (a date or result alone,
    /// as a fresh form has them, is not).
    fn is_typed(self) -> bool {
        matches!(
            self,
            FormField::Notes | FormField::PhoneNumber | FormField::CalledVia | FormField::RecordingLink
        )
    }
}

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
            date: format_date(today),
            call_result: CallResult::Conversation.as_api_str().to_owned(),
            text: String::new(),
            phone_number: String::new(),
            called_via: String::new(),
            recording_link: String::new(),
            contact_id: String::new(),
        }
    }

    /// The form filled with a stored call, for editing it.
    pub fn from_call(call: &Call) -> Self {
        Self {
            date: format_date(call.date),
            call_result: call.call_result.as_api_str().to_owned(),
            text: call.text.clone(),
            phone_number: call.phone_number.clone(),
            called_via: call.called_via.clone(),
            recording_link: call.recording_link.clone(),
            contact_id: call.contact_id.to_string(),
        }
    }

    /// The value of `field`.
    pub fn value(&self, field: FormField) -> &str {
        match field {
            FormField::Contact => &self.contact_id,
            FormField::Date => &self.date,
            FormField::Result => &self.call_result,
            FormField::Notes => &self.text,
            FormField::PhoneNumber => &self.phone_number,
            FormField::CalledVia => &self.called_via,
            FormField::RecordingLink => &self.recording_link,
        }
    }

    /// Sets the value of `field`.
    pub fn set(&mut self, field: FormField, value: String) {
        let slot = match field {
            FormField::Contact => &mut self.contact_id,
            FormField::Date => &mut self.date,
            FormField::Result => &mut self.call_result,
            FormField::Notes => &mut self.text,
            FormField::PhoneNumber => &mut self.phone_number,
            FormField::CalledVia => &mut self.called_via,
            FormField::RecordingLink => &mut self.recording_link,
        };
        *slot = value;
    }

    /// Whether the user has typed anything worth keeping.
    pub fn has_input(&self) -> bool {
        FormField::ALL
            .into_iter()
            .any(|field| field.is_typed() && !self.value(field).trim().is_empty())
    }

    /// The form as (name, value) pairs, for a draft.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        FormField::ALL
            .into_iter()
            .map(|field| (field.name(), self.value(field)))
    }

    /// A form from a draft's values by name (absent ones empty). A result this widget
    /// does not offer becomes a conversation.
    pub fn from_pairs(get: impl Fn(&str) -> String) -> Self {
        let mut values = Self::new(NaiveDate::default());
        for field in FormField::ALL {
            values.set(field, get(field.name()));
        }
        if !CallResult::from_api(&values.call_result).is_known() {
            values.call_result = CallResult::Conversation.as_api_str().to_owned();
        }
        values
    }

    /// Every writable field of the call as it would be sent, trimmed of surrounding white
    /// space (notes keep their inner line breaks), and what cannot be read at all.
    pub(super) fn read(&self) -> (CallPatch, Problems) {
        let mut errors = Problems::default();
        let date = parse_date(self.date.trim());
        if date.is_none() {
            errors.add(FormField::Date.name(), FieldProblem::NoDate);
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
