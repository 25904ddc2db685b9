//! One write waiting in the outbox: what to send, under which idempotency key, how far it
//! got, and its text for browser storage. Pure: tested natively.

use calls_model::{Call, CallPatch, FieldErrors, ObjectId};

use crate::api::call_json::{call_fields, call_patch, push_string};
use crate::api::json::JsonNode;
use crate::api::read::ReadJson;

/// What a write does to a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Logs a new call (`call` is what was typed; its id is a local one until the server's
    /// call replaces it).
    Create,
    /// Changes the fields named in `fields` to their values in `call`.
    Update,
    /// Deletes `call`.
    Delete,
}

impl Op {
    /// The write's kind as a word: in the outbox, and in the keys of its messages.
    pub fn name(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [Op::Create, Op::Update, Op::Delete]
            .into_iter()
            .find(|op| op.name() == name)
    }
}

/// Where a write stands.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// Waiting for its turn, or on its way.
    Sending,
    /// The last try failed in a way a retry can mend; `message` says what happened.
    Retrying {
        /// What the last try ran into, for people.
        message: String,
    },
    /// The server refused it: the call itself must change (or be discarded).
    NeedsFix {
        /// The server's reason.
        message: String,
        /// The server's messages per field.
        fields: FieldErrors,
    },
    /// The server confirmed it; `call` is the server's call (none for a delete). Kept a
    /// little while so that every tab applies it, then forgotten.
    Done {
        /// The call as the server stored it.
        call: Option<Call>,
    },
}

/// One write in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The idempotency key, made when the user submitted, sent with every try; also the
    /// entry's name.
    pub key: String,
    /// What the write does.
    pub op: Op,
    /// The call as it will be (a create's or an edit's values), or the call to delete.
    pub call: Call,
    /// The fields an update changes; empty for the others.
    pub fields: Vec<String>,
    /// The company of the call's contact, when the page knows it: the company's
    /// timelines show the pending call too.
    pub company: Option<ObjectId>,
    /// The tab that made it: that tab tells its host page when it is confirmed.
    pub origin: String,
    /// When it was first tried (Unix ms): a create whose outcome is unknown is looked for
    /// among the calls modified since.
    pub first_try_ms: i64,
    /// How many tries failed so far.
    pub attempts: u32,
    /// Not tried again before this time (Unix ms).
    pub next_try_ms: i64,
    /// Whether a try may have reached the server without its answer reaching us.
    pub outcome_unknown: bool,
    /// Where it stands.
    pub state: State,
}

impl Entry {
    /// A new write, to be tried at once.
    pub fn new(
        key: String,
        op: Op,
        call: Call,
        fields: Vec<String>,
        company: Option<ObjectId>,
        origin: String,
        now_ms: i64,
    ) -> Self {
        Self {
            key,
            op,
            call,
            fields,
            company,
            origin,
            first_try_ms: now_ms,
            attempts: 0,
            next_try_ms: now_ms,
            outcome_unknown: false,
            state: State::Sending,
        }
    }

    /// What a create or an update sends: every field of a create, the changed ones of an
    /// update.
    pub fn patch(&self) -> CallPatch {
        match self.op {
            Op::Create => call_patch(&self.call, None),
            Op::Update | Op::Delete => call_patch(&self.call, Some(&self.fields)),
        }
    }

    /// Whether the sender should try it (not refused, not done).
    pub fn is_waiting(&self) -> bool {
        matches!(self.state, State::Sending | State::Retrying { .. })
    }

    /// The entry as text for browser storage.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        let member = |out: &mut String, name: &str| {
            if out.len() > 1 {
                out.push(',');
            }
            push_string(out, name);
            out.push(':');
        };
        member(&mut out, "key");
        push_string(&mut out, &self.key);
        member(&mut out, "op");
        push_string(&mut out, self.op.name());
        member(&mut out, "call");
        push_call(&mut out, &self.call);
        member(&mut out, "fields");
        out.push('[');
        for (index, field) in self.fields.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            push_string(&mut out, field);
        }
        out.push(']');
        if let Some(company) = self.company {
            member(&mut out, "company_id");
            push_string(&mut out, &company.to_string());
        }
        member(&mut out, "origin");
        push_string(&mut out, &self.origin);
        // Whole numbers only: no float formatting code in the wasm.
        for (name, value) in [
            ("first_try", self.first_try_ms),
            ("attempts", i64::from(self.attempts)),
            ("next_try", self.next_try_ms),
        ] {
            member(&mut out, name);
            out.push_str(&value.to_string());
        }
        member(&mut out, "unknown");
        out.push_str(if self.outcome_unknown { "true" } else { "false" });
        member(&mut out, "state");
        match &self.state {
            State::Sending => push_string(&mut out, "sending"),
            State::Retrying { message } => {
                push_string(&mut out, "retrying");
                member(&mut out, "message");
                push_string(&mut out, message);
            }
            State::NeedsFix { message, fields } => {
                push_string(&mut out, "fix");
                member(&mut out, "message");
                push_string(&mut out, message);
                member(&mut out, "errors");
                out.push('{');
                for (index, (field, messages)) in fields.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    push_string(&mut out, field);
                    out.push_str(":[");
                    for (index, message) in messages.iter().enumerate() {
                        if index > 0 {
                            out.push(',');
                        }
                        push_string(&mut out, message);
                    }
                    out.push(']');
                }
                out.push('}');
            }
            State::Done { call } => {
                push_string(&mut out, "done");
                if let Some(call) = call {
                    member(&mut out, "result");
                    push_call(&mut out, call);
                }
            }
        }
        out.push('}');
        out
    }

    /// An entry read back from storage; `None` for anything that is not one (another
    /// version's, or damaged), which is then left alone.
    pub fn read<J: JsonNode>(node: &J) -> Option<Self> {
        let text = |name: &str| node.member(name).and_then(|value| value.text());
        let number = |name: &str| node.member(name).and_then(|value| value.number());
        let state = match text("state")?.as_str() {
            "sending" => State::Sending,
            "retrying" => State::Retrying {
                message: text("message").unwrap_or_default(),
            },
            "fix" => State::NeedsFix {
                message: text("message").unwrap_or_default(),
                fields: node
                    .member("errors")
                    .and_then(|errors| FieldErrors::read(&errors).ok())
                    .unwrap_or_default(),
            },
            "done" => State::Done {
                call: node.member("result").and_then(|call| Call::read(&call).ok()),
            },
            _ => return None,
        };
        Some(Self {
            key: text("key")?,
            op: Op::from_name(&text("op")?)?,
            call: Call::read(&node.member("call")?).ok()?,
            fields: node
                .member("fields")
                .and_then(|fields| fields.items())
                .unwrap_or_default()
                .iter()
                .filter_map(JsonNode::text)
                .collect(),
            company: text("company_id").and_then(|id| id.parse().ok()),
            origin: text("origin").unwrap_or_default(),
            first_try_ms: number("first_try")? as i64,
            attempts: number("attempts").map_or(0, |attempts| attempts as u32),
            next_try_ms: number("next_try").map_or(0, |ms| ms as i64),
            outcome_unknown: node
                .member("unknown")
                .and_then(|value| value.boolean())
                .unwrap_or(false),
            state,
        })
    }
}

/// A call as the API writes it, every member a string.
fn push_call(out: &mut String, call: &Call) {
    out.push('{');
    for (index, (name, value)) in call_fields(call).iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_string(out, name);
        out.push(':');
        push_string(out, value);
    }
    out.push('}');
}

/// The outbox as text: its entries in order.
pub fn entries_to_json(entries: &[Entry]) -> String {
    // Written by hand: `join` would compile a generic copy of its own (bench/RESULTS.md).
    let mut out = String::from("[");
    for (index, entry) in entries.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&entry.to_json());
    }
    out.push(']');
    out
}

/// The entries of an outbox's text; entries that cannot be read are dropped.
pub fn entries_from<J: JsonNode>(document: &J) -> Vec<Entry> {
    document
        .items()
        .unwrap_or_default()
        .iter()
        .filter_map(Entry::read)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::call;

    fn entry(op: Op) -> Entry {
        let mut call = call(1, "2026-11-28");
        call.text = "Line one\n\"quoted\" \\ é".into();
        Entry::new(
            "0b4e7a4c-key".into(),
            op,
            call,
            vec!["text".into()],
            None,
            "tab-1".into(),
            1_500_000_000_000,
        )
    }

    fn round_trip(entry: &Entry) -> Entry {
        let text = entries_to_json(std::slice::from_ref(entry));
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut entries = entries_from(&document);
        assert_eq!(entries.len(), 1, "{text}");
        entries.remove(0)
    }

    #[test]
    fn every_state_survives_storage() {
        let mut fields = FieldErrors::new();
        fields.add("text", "is too long");
        let created = call(2, "2026-11-29");
        for state in [
            State::Sending,
            State::Retrying {
                message: "Could not reach the server".into(),
            },
            State::NeedsFix {
                message: "The call was not saved".into(),
                fields,
            },
            State::Done { call: Some(created) },
            State::Done { call: None },
        ] {
            let mut entry = entry(Op::Update);
            entry.company = "6553f100de300200000000aa".parse().ok();
            entry.attempts = 3;
            entry.outcome_unknown = true;
            entry.state = state;
            assert_eq!(round_trip(&entry), entry);
        }
    }

    #[test]
    fn a_create_sends_every_field_and_an_update_only_the_changed_ones() {
        let create = entry(Op::Create).patch();
        assert!(create.date.is_some() && create.call_result.is_some() && create.recording_link.is_some());
        let update = entry(Op::Update).patch();
        assert_eq!(update.text.as_deref(), Some("Line one\n\"quoted\" \\ é"));
        assert_eq!((update.date, update.call_result, update.called_via), (None, None, None));
    }

    #[test]
    fn what_is_not_an_entry_is_dropped() {
        let document = serde_json::json!([{"key": "k", "op": "rename"}, 7, {"state": "sending"}]);
        assert!(entries_from(&document).is_empty());
        assert!(entries_from(&serde_json::json!({"not": "a list"})).is_empty());
    }
}
