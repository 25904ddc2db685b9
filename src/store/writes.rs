//! Writes: logging, editing and deleting a call. Each goes into the outbox first (kept in
//! the browser until the server confirms it) and shows at once, marked, in every timeline
//! on the page that shows the call's contact or that contact's company; the server's
//! answer then takes its place there.

use calls_model::{Call, CallFields, CallPatch, FieldErrors, ObjectId, Owner};
use chrono::DateTime;
use leptos::prelude::Set;

use super::CallStore;
use super::entries::lock;
use crate::dom::Host;
use crate::outbox::{Entry, Op, State, local_id, new_key, now_ms};

/// A new call the server refused, brought back into its owner's form to be fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The call as it was typed (its contact included).
    pub call: Call,
    /// The timelines it was logged from: its contact's and, when known, its company's.
    pub company: Option<ObjectId>,
    /// The server's reason.
    pub message: String,
    /// The server's messages per field.
    pub fields: FieldErrors,
}

impl Fix {
    /// Whether the form of `owner` is where this belongs.
    pub fn is_for(&self, owner: Owner) -> bool {
        super::shows(owner, self.call.contact_id, self.company)
    }
}

impl CallStore {
    /// Logs a call for a contact with the given fields (the rest get the API's defaults).
    /// It shows at once, marked "Saving…", in every timeline of the contact or its
    /// company; `host` hears `calls:logged` once the server has stored it.
    pub fn log_call(&self, contact: ObjectId, patch: CallPatch, host: Option<Host>) {
        let now = now_ms();
        let key = new_key();
        let today = DateTime::from_timestamp_millis(now).unwrap_or_default().date_naive();
        let mut call = Call {
            id: local_id(&key, now),
            contact_id: contact,
            date: today,
            call_result: calls_model::CallResult::Conversation,
            text: String::new(),
            called_via: String::new(),
            phone_number: String::new(),
            author: String::new(),
            recording_link: String::new(),
            modified_at: DateTime::from_timestamp_millis(now).unwrap_or_default(),
        };
        call.set_fields(patch.apply_to(CallFields::defaults(today)));
        self.enqueue(Op::Create, call, Vec::new(), host);
    }

    /// Changes the given fields of a call; every timeline showing it shows the change at
    /// once, marked, and `host` hears `calls:updated` once the server has it.
    pub fn update_call(&self, before: &Call, changes: CallPatch, host: Option<Host>) {
        let fields = changes.given().into_iter().map(str::to_owned).collect();
        let mut call = before.clone();
        call.set_fields(changes.apply_to(before.fields()));
        self.enqueue(Op::Update, call, fields, host);
    }

    /// Deletes a call: it stays in sight, marked, until the server has deleted it, then
    /// leaves every timeline; `host` hears `calls:deleted`.
    pub fn delete_call(&self, call: &Call, host: Option<Host>) {
        self.enqueue(Op::Delete, call.clone(), Vec::new(), host);
    }

    fn enqueue(&self, op: Op, call: Call, fields: Vec<String>, host: Option<Host>) {
        let key = new_key();
        let company = self.company_of(call.contact_id);
        let entry = Entry::new(
            key.clone(),
            op,
            call,
            fields,
            company,
            self.inner.outbox.tab.clone(),
            now_ms(),
        );
        lock(&self.inner.hosts).insert(key, host);
        self.inner.outbox.add(entry);
        self.outbox_changed();
        self.nudge();
    }

    /// Tries a waiting write again now instead of after its wait.
    pub fn retry_now(&self, key: &str) {
        let now = now_ms();
        self.inner.outbox.update(key, |entry| entry.next_try_ms = now);
        self.outbox_changed();
        self.nudge();
    }

    /// Forgets a write the user gave up on: the call shows as the server has it.
    pub fn discard(&self, key: &str) {
        self.inner.outbox.remove(key);
        lock(&self.inner.hosts).remove(&key.to_owned());
        self.outbox_changed();
    }

    /// The call as a waiting write of it would make it (an edit's values), if that write
    /// is still in the outbox.
    pub fn written_call(&self, key: &str) -> Option<calls_model::Call> {
        self.inner.outbox.get(key).map(|entry| entry.call)
    }

    /// Takes a refused new call out of the outbox and into its owner's form
    /// ([`CallStore::fix_requests`]), with the server's messages.
    pub fn fix(&self, key: &str) {
        let Some(entry) = self.inner.outbox.get(key) else {
            return;
        };
        if let State::NeedsFix { message, fields } = entry.state {
            self.inner.fix.set(Some(Fix {
                call: entry.call,
                company: entry.company,
                message,
                fields,
            }));
        }
        self.discard(key);
    }

    /// The refused new call waiting to be fixed in its owner's form, if any.
    pub fn fix_requests(&self) -> leptos::prelude::ArcRwSignal<Option<Fix>> {
        self.inner.fix.clone()
    }

    /// Applies what the outbox holds now: confirmed writes to the timelines (once per
    /// tab; the widget that made one hears of it), waiting ones over them.
    pub(super) fn outbox_changed(&self) {
        let entries = self.inner.outbox.entries();
        for entry in &entries {
            let State::Done { call: stored } = &entry.state else {
                continue;
            };
            {
                let mut applied = lock(&self.inner.applied);
                if applied.contains(&entry.key) {
                    continue;
                }
                applied.push(entry.key.clone());
            }
            self.apply_confirmed(entry, stored.as_ref());
        }
        lock(&self.inner.applied).retain(|key| entries.iter().any(|entry| entry.key == *key));
        for state in self.states() {
            state.set_pending(entries.clone());
        }
    }

    fn apply_confirmed(&self, entry: &Entry, stored: Option<&Call>) {
        let call = stored.unwrap_or(&entry.call);
        let company = entry.company.or_else(|| self.company_of(call.contact_id));
        for state in self.states() {
            if !super::shows(state.owner, call.contact_id, company) {
                continue;
            }
            state.change(|timeline| match entry.op {
                Op::Create => timeline.insert_new(call.clone()),
                Op::Update if timeline.contains(call.id) => timeline.replace(call.clone()),
                Op::Update => {}
                Op::Delete => timeline.remove(call.id),
            });
        }
        let host = lock(&self.inner.hosts).get(&entry.key).cloned().flatten();
        if let Some(host) = host {
            let event = match entry.op {
                Op::Create => "calls:logged",
                Op::Update => "calls:updated",
                Op::Delete => "calls:deleted",
            };
            host.call_event(event, call);
        }
        lock(&self.inner.hosts).remove(&entry.key);
    }

    /// The company of a contact, when the page knows it.
    fn company_of(&self, contact: ObjectId) -> Option<ObjectId> {
        lock(&self.inner.companies_of_contacts).get(&contact).copied().flatten()
    }
}
