//! The timeline as the page shows it: one [`Row`] per call, each with signals of its own,
//! kept in step with the pure [`Timeline`] by [`Rows::show`]. A change touches only what
//! it changed: a new page adds rows, an edited call sets its own row's call, a call that
//! takes over a day's first place sets two rows' day flags, and the list of rows itself
//! changes only when calls come, go or move. Nothing already shown is built again.

use std::collections::HashMap;
use std::sync::Arc;

use calls_model::{Call, ObjectId, PageInfo};
use leptos::prelude::*;

use super::Timeline;

/// One call of a timeline, as its row reads it.
#[derive(Clone)]
pub struct Row {
    /// The call's id: the row's key, which never changes.
    pub id: ObjectId,
    /// The call as stored; set when it is edited.
    pub call: ArcRwSignal<Arc<Call>>,
    /// Whether the call is the first of its date, which puts a day heading above it.
    pub opens_day: ArcRwSignal<bool>,
}

impl Row {
    fn new(call: Arc<Call>, opens_day: bool) -> Self {
        Self {
            id: call.id,
            call: ArcRwSignal::new(call),
            opens_day: ArcRwSignal::new(opens_day),
        }
    }

    /// Sets what differs, and nothing else (a set notifies even when equal).
    fn follow(&self, call: &Arc<Call>, opens_day: bool) {
        let changed = self
            .call
            .with_untracked(|shown| !Arc::ptr_eq(shown, call) && **shown != **call);
        if changed {
            self.call.set(Arc::clone(call));
        }
        if self.opens_day.get_untracked() != opens_day {
            self.opens_day.set(opens_day);
        }
    }
}

/// The signals an owner's timeline is shown from, one per concern.
#[derive(Clone, Default)]
pub struct Rows {
    /// The rows in timeline order.
    pub list: ArcRwSignal<Vec<Row>>,
    /// Paging facts: the count in the header and whether there is more to load.
    pub info: ArcRwSignal<Option<PageInfo>>,
    /// The distinct "Called via" values of the calls, most used first (the form's suggestions).
    pub called_via: ArcRwSignal<Vec<String>>,
}

impl Rows {
    /// Brings every signal in step with `timeline`, setting only those that differ.
    pub fn show(&self, timeline: &Timeline) {
        let same_order = self.list.with_untracked(|rows| {
            rows.len() == timeline.calls.len() && rows.iter().zip(&timeline.calls).all(|(row, call)| row.id == call.id)
        });
        if same_order {
            self.list.with_untracked(|rows| {
                for ((row, call), opens_day) in rows.iter().zip(&timeline.calls).zip(day_openings(&timeline.calls)) {
                    row.follow(call, opens_day);
                }
            });
        } else {
            let mut known: HashMap<ObjectId, Row> = self
                .list
                .with_untracked(|rows| rows.iter().map(|row| (row.id, row.clone())).collect());
            let rows = timeline
                .calls
                .iter()
                .zip(day_openings(&timeline.calls))
                .map(|(call, opens_day)| match known.remove(&call.id) {
                    Some(row) => {
                        row.follow(call, opens_day);
                        row
                    }
                    None => Row::new(Arc::clone(call), opens_day),
                })
                .collect();
            self.list.set(rows);
        }
        if self.info.with_untracked(|info| *info != timeline.info) {
            self.info.set(timeline.info);
        }
        let called_via = timeline.called_via_values();
        if self.called_via.with_untracked(|known| *known != called_via) {
            self.called_via.set(called_via);
        }
    }
}

/// For each call in timeline order, whether it is the first of its date.
fn day_openings(calls: &[Arc<Call>]) -> impl Iterator<Item = bool> + '_ {
    calls.iter().enumerate().map(|(index, call)| {
        index
            .checked_sub(1)
            .and_then(|before| calls.get(before))
            .is_none_or(|before| before.date != call.date)
    })
}

#[cfg(test)]
mod tests {
    use calls_model::{CallData, CallPage, CallResult};
    use chrono::{NaiveDate, Utc};

    use super::*;

    fn call(n: u8, date: &str) -> Call {
        Call {
            id: ObjectId::from_parts(1_700_000_000 + u32::from(n), [n; 8]),
            contact_id: ObjectId::from_parts(1, [0; 8]),
            date: date.parse::<NaiveDate>().unwrap(),
            call_result: CallResult::Conversation,
            text: String::new(),
            called_via: String::new(),
            phone_number: String::new(),
            author: String::new(),
            recording_link: String::new(),
            modified_at: chrono::DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
        }
    }

    fn page(calls: Vec<Call>, total: u64, page: u32) -> CallPage {
        CallPage {
            calls: calls.into_iter().map(|call| CallData { call }).collect(),
            info: PageInfo::new(total, page, 2),
        }
    }

    /// The row signals, by identity, and each row's day flag.
    fn snapshot(rows: &Rows) -> Vec<(ObjectId, ArcRwSignal<Arc<Call>>, bool)> {
        rows.list.with_untracked(|rows| {
            rows.iter()
                .map(|row| (row.id, row.call.clone(), row.opens_day.get_untracked()))
                .collect()
        })
    }

    fn same_signal(a: &ArcRwSignal<Arc<Call>>, b: &ArcRwSignal<Arc<Call>>) -> bool {
        // Two handles of one signal see each other's writes.
        let marker = Arc::new(call(99, "2000-01-01"));
        let before = a.get_untracked();
        a.set(Arc::clone(&marker));
        let same = Arc::ptr_eq(&b.get_untracked(), &marker);
        a.set(before);
        same
    }

    #[test]
    fn a_new_page_keeps_the_rows_shown_and_adds_its_own() {
        let (mut timeline, rows) = (Timeline::default(), Rows::default());
        timeline.reset_with(page(vec![call(4, "2024-03-02"), call(3, "2024-03-01")], 4, 1));
        rows.show(&timeline);
        let first = snapshot(&rows);
        timeline.append_page(page(vec![call(2, "2024-03-01"), call(1, "2024-02-01")], 4, 2));
        rows.show(&timeline);
        let second = snapshot(&rows);
        assert_eq!(second.len(), 4);
        for (before, after) in first.iter().zip(&second) {
            assert_eq!(before.0, after.0);
            assert!(same_signal(&before.1, &after.1), "a row shown before was made again");
        }
        let openings: Vec<bool> = second.iter().map(|row| row.2).collect();
        assert_eq!(openings, [true, true, false, true]);
    }

    #[test]
    fn an_edit_sets_only_its_own_row_and_the_day_flags_follow() {
        let (mut timeline, rows) = (Timeline::default(), Rows::default());
        timeline.reset_with(page(
            vec![call(3, "2024-03-01"), call(2, "2024-03-01"), call(1, "2024-02-01")],
            3,
            1,
        ));
        rows.show(&timeline);
        let before = snapshot(&rows);
        let untouched = before[1].1.get_untracked();
        let mut edited = call(3, "2024-03-01");
        edited.text = "changed".to_owned();
        timeline.replace(edited);
        rows.show(&timeline);
        let after = snapshot(&rows);
        assert!(Arc::ptr_eq(&after[1].1.get_untracked(), &untouched));
        assert_eq!(after[0].1.get_untracked().text, "changed");
        // A new call on the same day takes over the day's heading.
        let mut newer = call(5, "2024-03-01");
        newer.modified_at = chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        timeline.insert_new(newer);
        rows.show(&timeline);
        let flags: Vec<(u8, bool)> = snapshot(&rows).iter().map(|row| (row.0.bytes()[4], row.2)).collect();
        assert_eq!(flags[..2], [(5, true), (3, false)]);
        assert_eq!(rows.info.get_untracked().map(|info| info.total_count), Some(4));
    }
}
