//! The pure part of an owner's timeline: the calls loaded so far, in timeline order, and
//! what paging knows. Every change to a timeline is one of these functions, tested
//! natively; `rows` then shows the result, touching only what changed.

use std::sync::Arc;

use calls_model::{Call, CallPage, ObjectId, PageInfo};

/// What is loaded of one owner's calls.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Calls in timeline order, each id once. Shared with the rows that show them, so a
    /// call is held once however many places read it.
    pub calls: Vec<Arc<Call>>,
    /// Paging facts of the last page loaded, with `total_count` kept current by writes.
    pub info: Option<PageInfo>,
}

impl Timeline {
    /// Replaces everything with a fresh first page.
    pub fn reset_with(&mut self, page: CallPage) {
        self.calls.clear();
        self.append_page(page);
    }

    /// Adds a following page. Calls already present (a call logged since the first page
    /// shifts the pages by one) are not added twice.
    pub fn append_page(&mut self, page: CallPage) {
        // Pages come in timeline order, so each call lands at the end in practice; placing
        // each one by search keeps the order right whatever the server sends, without
        // linking a general sort into the wasm.
        for item in page.calls {
            if !self.contains(item.call.id) {
                self.place(Arc::new(item.call));
            }
        }
        self.info = Some(page.info);
    }

    /// Replaces what is loaded with the same pages fetched again (a refresh that found
    /// changes): calls that came, changed or went follow; `info` is the last page's. The
    /// calls of `keep` (open in an editor) stay even when gone: which of them are.
    pub fn refresh_with(&mut self, pages: Vec<CallPage>, keep: &[ObjectId]) -> Vec<ObjectId> {
        let before = std::mem::take(&mut self.calls);
        for page in pages {
            self.append_page(page);
        }
        let mut gone = Vec::new();
        for call in before {
            if keep.contains(&call.id) && !self.contains(call.id) {
                gone.push(call.id);
                self.place(call);
            }
        }
        gone
    }

    /// How many pages `per_page` long a refresh fetches so that every call shown is in
    /// them: those loaded, or more when calls logged since pushed some onto later pages.
    pub fn pages_shown(&self, per_page: u32) -> u32 {
        let loaded = self.info.map_or(1, |info| info.page);
        let holding = u32::try_from(self.calls.len())
            .unwrap_or(u32::MAX)
            .div_ceil(per_page.max(1));
        loaded.max(holding).max(1)
    }

    /// The page to ask for to see more, if there is more.
    pub fn next_page(&self) -> Option<u32> {
        self.info.filter(PageInfo::has_more).map(|info| info.page + 1)
    }

    /// Whether a call is shown.
    pub fn contains(&self, id: ObjectId) -> bool {
        self.calls.iter().any(|call| call.id == id)
    }

    /// Adds a call that was just logged: counted, and shown where it belongs unless it
    /// belongs after pages not loaded yet (it will come with them).
    pub fn insert_new(&mut self, call: Call) {
        if self.contains(call.id) {
            return self.replace(call);
        }
        if let Some(info) = &mut self.info {
            info.total_count += 1;
        }
        let position = self
            .calls
            .partition_point(|shown| Call::timeline_order(shown, &call).is_lt());
        let more_to_load = self.info.is_some_and(|info| info.has_more());
        if position < self.calls.len() || !more_to_load {
            self.calls.insert(position, Arc::new(call));
        }
    }

    /// Puts an edited call where its (maybe changed) date puts it.
    pub fn replace(&mut self, call: Call) {
        self.calls.retain(|shown| shown.id != call.id);
        self.place(Arc::new(call));
    }

    /// Shows a call whose write is still waiting for the server where its date puts it,
    /// in place of the stored one; it is not counted.
    pub fn show_pending(&mut self, call: Arc<Call>) {
        self.calls.retain(|shown| shown.id != call.id);
        self.place(call);
    }

    fn place(&mut self, call: Arc<Call>) {
        let position = self
            .calls
            .partition_point(|shown| Call::timeline_order(shown, &call).is_lt());
        self.calls.insert(position, call);
    }

    /// Takes a deleted call out, and out of the count.
    pub fn remove(&mut self, id: ObjectId) {
        let before = self.calls.len();
        self.calls.retain(|call| call.id != id);
        if self.calls.len() < before
            && let Some(info) = &mut self.info
        {
            info.total_count = info.total_count.saturating_sub(1);
        }
    }

    /// The distinct `called_via` values of the loaded calls, most used first: the form's
    /// suggestions.
    pub fn called_via_values(&self) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for call in &self.calls {
            let value = call.called_via.trim();
            if value.is_empty() {
                continue;
            }
            match counts.iter_mut().find(|(known, _)| known.eq_ignore_ascii_case(value)) {
                Some((_, count)) => *count += 1,
                None => counts.push((value.to_owned(), 1)),
            }
        }
        let mut ranked: Vec<(String, usize)> = Vec::with_capacity(counts.len());
        for entry in counts {
            // Most used first, then alphabetical.
            let position =
                ranked.partition_point(|before| before.1 > entry.1 || (before.1 == entry.1 && before.0 < entry.0));
            ranked.insert(position, entry);
        }
        ranked.into_iter().map(|(value, _)| value).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{call, page};

    fn ids(timeline: &Timeline) -> Vec<u8> {
        timeline.calls.iter().map(|call| call.id.bytes()[4]).collect()
    }

    #[test]
    fn pages_append_in_order_without_duplicates() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(3, "2024-03-01"), call(2, "2024-02-01")], 4, 1, 2));
        assert_eq!(timeline.next_page(), Some(2));
        timeline.append_page(page(vec![call(2, "2024-02-01"), call(1, "2024-01-01")], 4, 2, 2));
        assert_eq!(ids(&timeline), [3, 2, 1]);
        assert_eq!(timeline.next_page(), None);
    }

    #[test]
    fn a_new_call_goes_where_its_date_puts_it_and_is_counted() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(3, "2024-03-01"), call(1, "2024-01-01")], 2, 1, 10));
        timeline.insert_new(call(2, "2024-02-01"));
        timeline.insert_new(call(4, "2024-03-01"));
        assert_eq!(ids(&timeline), [4, 3, 2, 1]);
        assert_eq!(timeline.info.unwrap().total_count, 4);
        timeline.insert_new(call(4, "2024-03-01"));
        assert_eq!(timeline.info.unwrap().total_count, 4);
    }

    #[test]
    fn an_old_call_waits_for_its_page_when_more_pages_exist() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(3, "2024-03-01"), call(2, "2024-02-01")], 5, 1, 2));
        timeline.insert_new(call(9, "2020-01-01"));
        assert_eq!(ids(&timeline), [3, 2]);
        assert_eq!(timeline.info.unwrap().total_count, 6);
    }

    #[test]
    fn edits_move_and_deletes_uncount() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(
            vec![call(3, "2024-03-01"), call(2, "2024-02-01"), call(1, "2024-01-01")],
            3,
            1,
            10,
        ));
        timeline.replace(call(1, "2024-04-01"));
        assert_eq!(ids(&timeline), [1, 3, 2]);
        timeline.remove(call(3, "2024-03-01").id);
        assert_eq!(ids(&timeline), [1, 2]);
        assert_eq!(timeline.info.unwrap().total_count, 2);
        timeline.remove(call(3, "2024-03-01").id);
        assert_eq!(timeline.info.unwrap().total_count, 2);
    }

    #[test]
    fn a_refresh_brings_the_loaded_pages_as_the_server_has_them_now() {
        let mut timeline = Timeline::default();
        timeline.reset_with(page(vec![call(4, "2024-04-01"), call(3, "2024-03-01")], 5, 1, 2));
        timeline.append_page(page(vec![call(2, "2024-02-01"), call(1, "2024-01-01")], 5, 2, 2));
        // Meanwhile: call 5 logged, call 3 deleted and call 2 edited by others.
        let mut edited = call(2, "2024-02-01");
        edited.text = "edited".to_owned();
        let pages = vec![
            page(vec![call(5, "2024-05-01"), call(4, "2024-04-01")], 5, 1, 2),
            page(vec![edited, call(1, "2024-01-01")], 5, 2, 2),
        ];
        let mut kept = timeline.clone();
        assert_eq!(timeline.refresh_with(pages.clone(), &[]), []);
        assert_eq!(ids(&timeline), [5, 4, 2, 1]);
        assert_eq!(timeline.calls[2].text, "edited");
        assert_eq!(timeline.next_page(), Some(3));
        // Call 3 was open in an editor here: it stays, in its place, and is said gone.
        let open = [call(3, "2024-03-01").id, call(4, "2024-04-01").id];
        assert_eq!(kept.refresh_with(pages, &open), [call(3, "2024-03-01").id]);
        assert_eq!(ids(&kept), [5, 4, 3, 2, 1]);
    }

    #[test]
    fn a_refresh_fetches_every_page_a_shown_call_is_on() {
        let mut timeline = Timeline::default();
        assert_eq!(timeline.pages_shown(2), 1, "nothing loaded yet: the first page");
        timeline.reset_with(page(vec![call(2, "2024-02-01"), call(1, "2024-01-01")], 3, 1, 2));
        assert_eq!(timeline.pages_shown(2), 1);
        // Logged here since: three calls shown from a first page of two.
        timeline.insert_new(call(3, "2024-03-01"));
        assert_eq!(timeline.pages_shown(2), 2, "the call pushed onto page 2 is fetched too");
        timeline.append_page(page(vec![call(0, "2023-12-01")], 4, 2, 2));
        assert_eq!(timeline.pages_shown(2), 2);
    }

    #[test]
    fn called_via_suggestions_are_distinct_and_most_used_first() {
        let mut timeline = Timeline::default();
        let mut calls = vec![
            call(1, "2024-01-01"),
            call(2, "2024-01-01"),
            call(3, "2024-01-01"),
            call(4, "2024-01-01"),
        ];
        for (call, via) in calls.iter_mut().zip(["Skype", "talkdesk", "Talkdesk", ""]) {
            call.called_via = via.to_owned();
        }
        timeline.reset_with(page(calls, 4, 1, 10));
        assert_eq!(timeline.called_via_values(), ["Talkdesk", "Skype"]);
    }
}
