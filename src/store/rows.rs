//! The timeline as the page shows it: a list of [`Item`]s, a day heading before the
//! first call of each date and one [`Row`] per call, kept in step with the pure
//! [`Timeline`] by [`Rows::show`]. A change touches only what it changed: a new page adds
//! items, an edited call sets its own row's call, a call on a new day adds its heading,
//! and the list itself changes only when calls come, go or move. Nothing already shown
//! is built again.

use super::IdMap;
use std::sync::Arc;

use calls_model::{Call, ObjectId, PageInfo};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::Timeline;
use super::pending::Pending;

/// One call of a timeline, as its row reads it.
#[derive(Clone)]
pub struct Row {
    /// The call's id: the row's key, which never changes.
    pub id: ObjectId,
    /// The call as stored; set when it is edited.
    pub call: ArcRwSignal<Arc<Call>>,
    /// Where a write of this call stands with the server, while one is waiting.
    pub pending: ArcRwSignal<Option<Pending>>,
}

impl Row {
    fn new(call: Arc<Call>) -> Self {
        Self {
            id: call.id,
            call: ArcRwSignal::new(call),
            pending: ArcRwSignal::new(None),
        }
    }

    /// Sets the pending state when it differs.
    fn mark(&self, pending: Option<&Pending>) {
        if self.pending.with_untracked(|shown| shown.as_ref() != pending) {
            self.pending.set(pending.cloned());
        }
    }

    /// Sets the call when it differs (a set notifies even when equal).
    fn follow(&self, call: &Arc<Call>) {
        let changed = self
            .call
            .with_untracked(|shown| !Arc::ptr_eq(shown, call) && **shown != **call);
        if changed {
            self.call.set(Arc::clone(call));
        }
    }
}

/// What the timeline lists, in order.
#[derive(Clone)]
pub enum Item {
    /// The heading of a day, before its first call.
    Day(NaiveDate),
    /// A call.
    Call(Row),
}

/// What identifies an [`Item`] from one change to the next.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ItemKey {
    /// A day's heading.
    Day(NaiveDate),
    /// A call's row.
    Call(ObjectId),
}

impl Item {
    /// The item's key.
    pub fn key(&self) -> ItemKey {
        match self {
            Item::Day(date) => ItemKey::Day(*date),
            Item::Call(row) => ItemKey::Call(row.id),
        }
    }
}

/// The signals an owner's timeline is shown from, one per concern.
#[derive(Clone, Default)]
pub struct Rows {
    /// The headings and rows in timeline order.
    pub list: ArcRwSignal<Vec<Item>>,
    /// Paging facts: the count in the header and whether there is more to load.
    pub info: ArcRwSignal<Option<PageInfo>>,
    /// The distinct "Called via" values of the calls, most used first (the form's suggestions).
    pub called_via: ArcRwSignal<Vec<String>>,
}

impl Rows {
    /// Brings every signal in step with `timeline` and the `pending` writes of its calls,
    /// setting only those that differ.
    pub fn show(&self, timeline: &Timeline, pending: &IdMap<Pending>) {
        let keys = item_keys(&timeline.calls);
        let same_order = self.list.with_untracked(|items| {
            items.len() == keys.len() && items.iter().zip(&keys).all(|(item, key)| item.key() == *key)
        });
        if same_order {
            self.list.with_untracked(|items| {
                let rows = items.iter().filter_map(|item| match item {
                    Item::Call(row) => Some(row),
                    Item::Day(_) => None,
                });
                for (row, call) in rows.zip(&timeline.calls) {
                    row.follow(call);
                    row.mark(pending.get(&row.id));
                }
            });
        } else {
            let mut known: IdMap<Row> = self.list.with_untracked(|items| {
                items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Call(row) => Some((row.id, row.clone())),
                        Item::Day(_) => None,
                    })
                    .collect()
            });
            let mut calls = timeline.calls.iter();
            let items = keys
                .iter()
                .filter_map(|key| match key {
                    ItemKey::Day(date) => Some(Item::Day(*date)),
                    ItemKey::Call(id) => {
                        let call = calls.next()?;
                        debug_assert_eq!(call.id, *id);
                        let row = match known.remove(id) {
                            Some(row) => {
                                row.follow(call);
                                row
                            }
                            None => Row::new(Arc::clone(call)),
                        };
                        row.mark(pending.get(id));
                        Some(Item::Call(row))
                    }
                })
                .collect();
            self.list.set(items);
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

/// The keys of the items for calls in timeline order: each call, after a day heading
/// when it is the first of its date.
fn item_keys(calls: &[Arc<Call>]) -> Vec<ItemKey> {
    let mut keys = Vec::with_capacity(calls.len() + calls.len() / 4);
    let mut previous = None;
    for call in calls {
        if previous != Some(call.date) {
            keys.push(ItemKey::Day(call.date));
            previous = Some(call.date);
        }
        keys.push(ItemKey::Call(call.id));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures;
    use crate::store::fixtures::call;

    fn page(calls: Vec<Call>, total: u64, page: u32) -> calls_model::CallPage {
        fixtures::page(calls, total, page, 2)
    }

    /// The call rows' signals, and the list as text: `d` for a day's heading, else the
    /// call's number.
    fn snapshot(rows: &Rows) -> (Vec<ArcRwSignal<Arc<Call>>>, Vec<String>) {
        rows.list.with_untracked(|items| {
            let signals = items
                .iter()
                .filter_map(|item| match item {
                    Item::Call(row) => Some(row.call.clone()),
                    Item::Day(_) => None,
                })
                .collect();
            let layout = items
                .iter()
                .map(|item| match item {
                    Item::Day(_) => "d".to_owned(),
                    Item::Call(row) => row.id.bytes()[4].to_string(),
                })
                .collect();
            (signals, layout)
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
        rows.show(&timeline, &IdMap::default());
        let (first, _) = snapshot(&rows);
        timeline.append_page(page(vec![call(2, "2024-03-01"), call(1, "2024-02-01")], 4, 2));
        rows.show(&timeline, &IdMap::default());
        let (second, layout) = snapshot(&rows);
        assert_eq!(second.len(), 4);
        for (before, after) in first.iter().zip(&second) {
            assert!(same_signal(before, after), "a row shown before was made again");
        }
        assert_eq!(layout, ["d", "4", "d", "3", "2", "d", "1"]);
    }

    #[test]
    fn an_edit_sets_only_its_own_row_and_a_new_day_gets_its_heading() {
        let (mut timeline, rows) = (Timeline::default(), Rows::default());
        timeline.reset_with(page(
            vec![call(3, "2024-03-01"), call(2, "2024-03-01"), call(1, "2024-02-01")],
            3,
            1,
        ));
        rows.show(&timeline, &IdMap::default());
        let (before, _) = snapshot(&rows);
        let untouched = before[1].get_untracked();
        let mut edited = call(3, "2024-03-01");
        edited.text = "changed".to_owned();
        timeline.replace(edited);
        rows.show(&timeline, &IdMap::default());
        let (after, layout) = snapshot(&rows);
        assert!(Arc::ptr_eq(&after[1].get_untracked(), &untouched));
        assert_eq!(after[0].get_untracked().text, "changed");
        assert_eq!(layout, ["d", "3", "2", "d", "1"]);
        // A call on a new day comes with its heading; the others stay.
        timeline.insert_new(call(5, "2024-03-05"));
        rows.show(&timeline, &IdMap::default());
        let (after_new, layout) = snapshot(&rows);
        assert_eq!(layout, ["d", "5", "d", "3", "2", "d", "1"]);
        assert!(same_signal(&after[0], &after_new[1]));
        assert_eq!(rows.info.get_untracked().map(|info| info.total_count), Some(4));
        // The last call of a day takes its heading with it.
        timeline.remove(call(1, "2024-02-01").id);
        rows.show(&timeline, &IdMap::default());
        assert_eq!(snapshot(&rows).1, ["d", "5", "d", "3", "2"]);
    }
}
