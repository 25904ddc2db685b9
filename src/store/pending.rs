//! The writes still waiting for the server, laid over an owner's timeline: a call being
//! logged is shown where its date puts it, an edit shows its new values, a delete stays
//! in sight until confirmed, each marked with where it stands. Pure: tested natively.

use super::IdMap;
use std::sync::Arc;

use calls_model::Owner;

use super::Timeline;
use crate::outbox::{Entry, Op, State};

/// Where a row's call stands with the server, when a write of it is waiting.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The write's key (for Retry now, Discard and Fix).
    pub key: String,
    /// What the write does.
    pub op: Op,
    /// Where it stands.
    pub standing: Standing,
}

/// Where a waiting write stands, as far as its row tells: the row shows the reason, and
/// Fix takes the field messages from the outbox.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// Waiting for its turn, or on its way.
    Saving,
    /// The last try failed in a way a retry can mend; why.
    Retrying(String),
    /// The server refused it; its reason.
    NeedsFix(String),
}

impl Standing {
    /// Where `state` leaves a write still waiting; `None` once it is done.
    fn of(state: &State) -> Option<Self> {
        match state {
            State::Sending => Some(Self::Saving),
            State::Retrying { message } => Some(Self::Retrying(message.clone())),
            State::NeedsFix { message, .. } => Some(Self::NeedsFix(message.clone())),
            State::Done { .. } => None,
        }
    }
}

/// Whether `entry` concerns `owner`'s timeline.
pub fn concerns(entry: &Entry, owner: Owner) -> bool {
    super::shows(owner, entry.call.contact_id, entry.company)
}

/// `timeline` as the user should see it with the waiting `entries` applied, and the
/// pending state of each call they touch.
pub fn with_pending(timeline: &Timeline, owner: Owner, entries: &[Entry]) -> (Timeline, IdMap<Pending>) {
    let mut shown = timeline.clone();
    let mut pending = IdMap::default();
    for entry in entries.iter().filter(|entry| concerns(entry, owner)) {
        let Some(standing) = Standing::of(&entry.state) else {
            continue;
        };
        let id = entry.call.id;
        match entry.op {
            // Shown wherever its date puts it, and not counted until it is stored.
            Op::Create => shown.show_pending(Arc::new(entry.call.clone())),
            Op::Update if shown.contains(id) => shown.show_pending(Arc::new(entry.call.clone())),
            Op::Update | Op::Delete => {}
        }
        if shown.contains(id) {
            pending.insert(
                id,
                Pending {
                    key: entry.key.clone(),
                    op: entry.op,
                    standing,
                },
            );
        }
    }
    (shown, pending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{call, page};

    fn entry(op: Op, n: u8, date: &str) -> Entry {
        Entry::new(format!("key-{n}"), op, call(n, date), Vec::new(), None, "tab".into(), 0)
    }

    fn ids(timeline: &Timeline) -> Vec<u8> {
        timeline.calls.iter().map(|call| call.id.bytes()[4]).collect()
    }

    #[test]
    fn a_call_being_logged_is_shown_in_place_and_marked_but_not_counted() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(3, "2024-03-01"), call(1, "2024-01-01")], 2, 1, 10));
        let owner = Owner::Contact(call(1, "2024-01-01").contact_id);
        let logged = entry(Op::Create, 2, "2024-02-01");
        let (shown, pending) = with_pending(&timeline, owner, &[logged]);
        assert_eq!(ids(&shown), [3, 2, 1]);
        assert_eq!(shown.info.map(|info| info.total_count), Some(2));
        let mark = &pending[&call(2, "2024-02-01").id];
        assert_eq!((mark.op, &mark.standing), (Op::Create, &Standing::Saving));
        // Another contact's timeline does not show it; nor does a company's it is not of.
        let other = Owner::Contact("6553f100de30020000000099".parse().unwrap());
        assert_eq!(
            ids(&with_pending(&timeline, other, &[entry(Op::Create, 2, "2024-02-01")]).0),
            [3, 1]
        );
        let company = Owner::Company("6553f100de300200000000aa".parse().unwrap());
        let mut of_company = entry(Op::Create, 2, "2024-02-01");
        assert!(!concerns(&of_company, company));
        of_company.company = "6553f100de300200000000aa".parse().ok();
        assert!(concerns(&of_company, company));
    }

    #[test]
    fn an_edit_shows_its_values_and_a_delete_stays_marked_until_done() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(3, "2024-03-01"), call(1, "2024-01-01")], 2, 1, 10));
        let owner = Owner::Contact(call(1, "2024-01-01").contact_id);
        let mut edited = entry(Op::Update, 1, "2024-04-01");
        edited.call.text = "new notes".into();
        let deleted = entry(Op::Delete, 3, "2024-03-01");
        let (shown, pending) = with_pending(&timeline, owner, &[edited.clone(), deleted.clone()]);
        assert_eq!(ids(&shown), [1, 3]);
        assert_eq!(shown.calls[0].text, "new notes");
        assert_eq!(pending[&call(3, "2024-03-01").id].op, Op::Delete);
        let mut done = deleted;
        done.state = State::Done { call: None };
        let (_, pending) = with_pending(&timeline, owner, &[done]);
        assert!(pending.is_empty());
        // An edit of a call not loaded here shows nothing.
        let absent = entry(Op::Update, 7, "2024-04-01");
        assert_eq!(ids(&with_pending(&timeline, owner, &[absent]).0), [3, 1]);
    }
}
