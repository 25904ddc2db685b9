//! The contract's JSON read into the model's types, member by member, with the same
//! rules as the model's serde (which the server uses): unknown members are ignored,
//! text members that are missing or `null` read as empty, unknown `call_result` values
//! are kept, and values are parsed by the model's own parsers (ids, dates, times).

use calls_model::{
    CallData, CallPage, Company, CompanyData, CompanyPage, Contact, ContactData, ContactPage, Deleted, FieldErrors,
    ObjectId, PageInfo,
};

use super::json::JsonNode;

/// A type read from a JSON value; the error names the member that did not fit.
pub trait ReadJson: Sized {
    /// Reads `node`.
    fn read<J: JsonNode>(node: &J) -> Result<Self, String>;
}

fn missing(name: &str) -> String {
    format!("`{name}` is missing or not of the expected kind")
}

/// A member that must be there, read by `parse`.
pub(super) fn required<J: JsonNode, T>(node: &J, name: &str, parse: impl FnOnce(&J) -> Option<T>) -> Result<T, String> {
    node.member(name).as_ref().and_then(parse).ok_or_else(|| missing(name))
}

/// A text member that may be missing or `null` (empty then), but not of another kind.
pub(super) fn text_or_empty<J: JsonNode>(node: &J, name: &str) -> Result<String, String> {
    match node.member(name) {
        None => Ok(String::new()),
        Some(value) => value.text().ok_or_else(|| missing(name)),
    }
}

pub(super) fn id<J: JsonNode>(node: &J, name: &str) -> Result<ObjectId, String> {
    required(node, name, |value| value.text()?.parse().ok())
}

/// An object member read by `T` (the `{"call": …}` wrapping of the contract).
fn nested<J: JsonNode, T: ReadJson>(node: &J, name: &str) -> Result<T, String> {
    T::read(&node.member(name).ok_or_else(|| missing(name))?)
}

/// A whole number that fits `T`.
fn count<J: JsonNode, T: TryFrom<u64>>(node: &J, name: &str) -> Result<T, String> {
    required(node, name, |value| {
        let number = value.number()?;
        let whole = number >= 0.0 && number.fract() == 0.0 && number <= u64::MAX as f64;
        whole.then(|| T::try_from(number as u64).ok()).flatten()
    })
}

/// An array member whose items are each read by `T`.
fn list<J: JsonNode, T: ReadJson>(node: &J, name: &str) -> Result<Vec<T>, String> {
    required(node, name, JsonNode::items)?.iter().map(T::read).collect()
}

impl ReadJson for Contact {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            id: id(node, "id")?,
            first_name: text_or_empty(node, "first_name")?,
            last_name: text_or_empty(node, "last_name")?,
            company_id: match node.member("company_id") {
                None => None,
                Some(_) => Some(id(node, "company_id")?),
            },
            phone_number: text_or_empty(node, "phone_number")?,
        })
    }
}

impl ReadJson for Company {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            id: id(node, "id")?,
            name: text_or_empty(node, "name")?,
        })
    }
}

impl ReadJson for CallData {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            call: nested(node, "call")?,
        })
    }
}

impl ReadJson for ContactData {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            contact: nested(node, "contact")?,
        })
    }
}

impl ReadJson for CompanyData {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            company: nested(node, "company")?,
        })
    }
}

impl ReadJson for PageInfo {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            total_count: count(node, "total_count")?,
            page: count(node, "page")?,
            max_page: count(node, "max_page")?,
            per_page: count(node, "per_page")?,
        })
    }
}

impl ReadJson for CallPage {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            calls: list(node, "calls")?,
            info: PageInfo::read(node)?,
        })
    }
}

impl ReadJson for ContactPage {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            contacts: list(node, "contacts")?,
            info: PageInfo::read(node)?,
        })
    }
}

impl ReadJson for CompanyPage {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            companies: list(node, "companies")?,
            info: PageInfo::read(node)?,
        })
    }
}

impl ReadJson for Deleted {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self { id: id(node, "id")? })
    }
}

impl ReadJson for FieldErrors {
    /// `{"field": ["message", …], …}`; members that are not lists of text are skipped.
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        let mut errors = FieldErrors::new();
        for (field, messages) in node.members().ok_or_else(|| missing("errors"))? {
            for message in messages.items().unwrap_or_default() {
                if let Some(message) = message.text() {
                    errors.add(&field, message);
                }
            }
        }
        Ok(errors)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use calls_model::Call;

    /// The model's serde (the server's reading) and this reader agree.
    fn both<T: ReadJson + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: Value) -> T {
        let read = T::read(&value).unwrap();
        let serde: T = serde_json::from_value(value).unwrap();
        assert_eq!(read, serde);
        read
    }

    #[test]
    fn the_documented_sample_reads_as_the_model_reads_it() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/documented-list-response.json"
        );
        let text = std::fs::read_to_string(path).expect("the contract's sample beside the project");
        let envelope: Value = serde_json::from_str(&text).unwrap();
        let page: CallPage = both(envelope["data"].clone());
        assert!(!page.calls.is_empty());
    }

    #[test]
    fn missing_and_null_text_read_as_empty_and_unknown_members_are_ignored() {
        let call: CallData = both(json!({"call": {
            "id": "546cba4a1da41716ab00006d", "contact_id": "546cba4a1da41716ab000065",
            "date": "2013-09-08", "call_result": "busy", "text": null, "sentiment": "good",
            "modified_at": "2014-11-19T16:43:33.121+01:00"
        }}));
        assert_eq!(call.call.text, "");
        assert_eq!(call.call.call_result, calls_model::CallResult::Other("busy".into()));
        assert_eq!(
            calls_model::time::format_timestamp(&call.call.modified_at),
            "2014-11-19T15:43:33.121Z"
        );
    }

    #[test]
    fn contacts_companies_pages_and_deletes() {
        let contacts: ContactPage = both(json!({
            "contacts": [{"contact": {"id": "546cba4a1da41716ab000065", "first_name": "Ada", "last_name": null,
                                      "company_id": "546cba4a1da41716ab000001"}},
                         {"contact": {"id": "546cba4a1da41716ab000066"}}],
            "total_count": 2, "page": 1, "max_page": 1, "per_page": 100
        }));
        assert_eq!(contacts.contacts[1].contact.company_id, None);
        let companies: CompanyPage = both(json!({
            "companies": [{"company": {"id": "546cba4a1da41716ab000001", "name": "Acme"}}],
            "total_count": 1, "page": 1, "max_page": 1, "per_page": 100
        }));
        assert_eq!(companies.companies[0].company.name, "Acme");
        let deleted: Deleted = both(json!({"id": "546cba4a1da41716ab000065"}));
        assert_eq!(deleted.id.to_string(), "546cba4a1da41716ab000065");
    }

    #[test]
    fn wrong_kinds_name_the_member() {
        let call = json!({"id": "546cba4a1da41716ab00006d", "contact_id": "546cba4a1da41716ab000065",
                          "date": "8 Sep 2013", "call_result": "conversation",
                          "modified_at": "2014-11-19T15:43:33.121Z"});
        assert!(Call::read(&call).unwrap_err().contains("`date`"));
        let page = json!({"calls": [], "total_count": -1, "page": 1, "max_page": 1, "per_page": 10});
        assert!(CallPage::read(&page).unwrap_err().contains("`total_count`"));
        let page = json!({"calls": [], "total_count": 1.5, "page": 1, "max_page": 1, "per_page": 10});
        assert!(CallPage::read(&page).is_err());
        let text = json!({"id": "546cba4a1da41716ab000001", "name": 7});
        assert!(Company::read(&text).unwrap_err().contains("`name`"));
    }

    #[test]
    fn field_errors_keep_every_message() {
        let errors = FieldErrors::read(&json!({"text": ["too long", "has a tab"], "date": ["is required"]})).unwrap();
        assert_eq!(errors.field("text"), ["too long", "has a tab"]);
        assert_eq!(errors.field("date"), ["is required"]);
    }
}
