//! Words for what the code decides as codes: a form field's problems, the server's
//! messages about a field, and why a request failed.

use calls_model::{CallResult, FieldErrors, Problem};

use super::Catalog;
use crate::form::{FieldProblem, FormField, Problems};

/// The words of a result in the user's language; one the widget does not know is shown
/// as the API gave it.
pub fn result_label(i18n: Catalog, result: &CallResult) -> String {
    match result {
        CallResult::Other(other) => other.clone(),
        known => i18n.text(&format!("result.{}", known.as_api_str())),
    }
}

/// The label of the form field named `field` (its API name), which messages about it
/// name too.
pub fn field_label(i18n: Catalog, field: &str) -> String {
    match FormField::from_name(field) {
        Some(field) => i18n.text(&format!("field.{}", field.name())),
        None => i18n.text("field.other"),
    }
}

/// A sentence saying what is wrong with `field`.
pub fn field_problem(i18n: Catalog, field: &str, problem: FieldProblem) -> String {
    let label = field_label(i18n, field);
    let (key, max, count) = match problem {
        FieldProblem::NoDate => ("problem.date_missing", 0, 0),
        FieldProblem::NoContact => ("problem.contact_missing", 0, 0),
        FieldProblem::Model(Problem::TooLong { max, count }) => ("problem.too_long", max, count),
        FieldProblem::Model(Problem::Nul) => ("problem.nul", 0, 0),
        FieldProblem::Model(Problem::NotWebAddress) => ("problem.not_web_address", 0, 0),
        FieldProblem::Model(Problem::UnknownResult) => ("problem.unknown_result", 0, 0),
    };
    let (max, count) = (max.to_string(), count.to_string());
    i18n.fill(key, &[("field", &label), ("max", &max), ("count", &count)])
}

/// The form's problems as sentences, by field, for the form to show.
pub fn problem_messages(i18n: Catalog, problems: &Problems) -> FieldErrors {
    let mut messages = FieldErrors::new();
    for (field, problem) in problems.iter() {
        messages.add(field, field_problem(i18n, field, problem));
    }
    messages
}

/// The server's messages about fields (in its English) as sentences naming each field
/// in the user's language.
pub fn server_messages(i18n: Catalog, errors: &FieldErrors) -> FieldErrors {
    let mut messages = FieldErrors::new();
    for (field, problems) in errors.iter() {
        let label = field_label(i18n, field);
        for problem in problems {
            messages.add(
                field,
                i18n.fill("problem.from_server", &[("field", &label), ("reason", problem)]),
            );
        }
    }
    messages
}

impl Catalog {
    /// Why a request failed, from [`crate::api::ApiError::code`]; a code this version
    /// does not know (a message an older version kept in the outbox) is shown as it is.
    pub fn error(&self, code: &str) -> String {
        let (name, value) = code.split_once(':').unwrap_or((code, ""));
        match name {
            "network" | "token" | "not_found" | "decode" => self.text(&format!("error.{name}")),
            "timeout" => self.fill("error.timeout", &[("seconds", value)]),
            "server" | "http" => self.fill(&format!("error.{name}"), &[("status", value)]),
            "text" => value.to_owned(),
            _ => code.to_owned(),
        }
    }
}
