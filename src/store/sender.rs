//! Sends the outbox: one tab of the origin at a time (a Web Lock), the entries in the
//! order they were made (a call's writes one after another), each with its own
//! idempotency key on every try. A try that fails for a reason a retry can mend is tried
//! again after a wait that doubles (with jitter, at least what `Retry-After` asks);
//! waiting ends early when the browser is back online, the tab is seen again, another tab
//! changes the outbox, or the user asks to retry now. A try the server refuses stops,
//! and the call waits for the user to fix or discard it.

// Natively (the unit tests) there is no browser to send from: only the wasm calls these.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use calls_model::{Call, ListParams, Owner};

use super::CallStore;
use crate::api::{ApiError, WriteCall};
#[cfg(target_arch = "wasm32")]
use crate::outbox::Next;
use crate::outbox::{Entry, Op, State, Verdict, now_ms, random, verdict, wait_ms};

/// How far before its first try a create whose outcome is unknown is asked for among the
/// contact's calls (on the browser's clock, which may be off from the server's).
const LOOKUP_WINDOW_MS: i64 = 10 * 60_000;

/// How far before its first try, on the server's clock, a stored call may have been
/// changed and still be taken for it. The estimate of that moment (the answer's time less
/// the time since the first try) can only be early (the envelope's time is in whole
/// seconds, and the answer travelled), so this covers rounding alone.
const LOOKUP_MARGIN_MS: i64 = 2_000;

impl CallStore {
    /// Starts following the outbox (once): what other tabs change, the browser's coming
    /// back online, and, in the one tab that holds the lock, sending.
    pub(super) fn start_sending(&self) {
        if !self.inner.sender.first_start() {
            return;
        }
        // A page that loads resumes what earlier pages left.
        self.inner.outbox.due_now(now_ms());
        self.outbox_changed();
        #[cfg(target_arch = "wasm32")]
        {
            use crate::dom::outbox_events::{listen, when_sender};
            let store = self.clone();
            listen(self.inner.outbox.storage_key().to_owned(), move |other_tab| {
                if other_tab {
                    store.inner.outbox.reload();
                } else {
                    store.inner.outbox.due_now(now_ms());
                    // Back online, seen again, focused: what others changed meanwhile.
                    store.refresh_all();
                }
                store.outbox_changed();
                store.nudge();
            });
            let store = self.clone();
            when_sender(self.inner.outbox.storage_key(), move || {
                leptos::task::spawn_local(store.send_forever());
            });
        }
    }

    /// Ends the sender's wait, if it is waiting.
    pub(super) fn nudge(&self) {
        self.inner.sender.nudge();
    }

    #[cfg(target_arch = "wasm32")]
    async fn send_forever(self) {
        let wake = self.inner.sender.wake();
        loop {
            if !crate::dom::outbox_events::online() {
                wake.sleep(None).await;
                continue;
            }
            match self.inner.outbox.next(now_ms()) {
                Next::Nothing => wake.sleep(None).await,
                Next::WaitUntil(at) => wake.sleep(Some(at - now_ms())).await,
                Next::Send(entry) => self.send(*entry).await,
            }
        }
    }

    /// One try of `entry`.
    pub(super) async fn send(&self, entry: Entry) {
        if entry.op == Op::Create && entry.outcome_unknown {
            // A server that ignores Idempotency-Key would store a resent create twice:
            // first look for it among the calls changed since the first try.
            match self.look_for(&entry).await {
                Ok(Some(stored)) => return self.confirm(&entry, Some(stored)),
                Ok(None) => {}
                Err(error) => return self.failed(&entry, &error, None),
            }
        }
        let patch = entry.patch();
        let write = match entry.op {
            Op::Create => WriteCall::Create {
                contact: entry.call.contact_id,
                patch: &patch,
            },
            Op::Update => WriteCall::Update {
                id: entry.call.id,
                patch: &patch,
            },
            Op::Delete => WriteCall::Delete { id: entry.call.id },
        };
        match self.inner.client.write(write, &entry.key).await {
            Ok(stored) => self.confirm(&entry, stored),
            Err((error, wait)) => self.failed(&entry, &error, wait),
        }
    }

    /// The call `entry` creates, if a try of it was stored: one with the same fields,
    /// changed since the first try (on the server's clock), that no other write here
    /// produced. A call logged with the same fields seconds before is not taken for it.
    async fn look_for(&self, entry: &Entry) -> Result<Option<Call>, ApiError> {
        let contact = Owner::Contact(entry.call.contact_id);
        let params = ListParams {
            owner: Some(contact),
            modified_since: chrono::DateTime::from_timestamp_millis(entry.first_try_ms - LOOKUP_WINDOW_MS),
            per_page: ListParams::MAX_PER_PAGE,
            ..ListParams::default()
        };
        let listed = self
            .inner
            .client
            .list_calls_if_changed(contact, &params, None, None)
            .await?;
        let Some(page) = listed.page else {
            return Ok(None);
        };
        let since = first_try_on_server(listed.server_time_ms, now_ms() - entry.first_try_ms);
        let claimed: Vec<_> = self
            .inner
            .outbox
            .entries()
            .into_iter()
            .filter_map(|other| match other.state {
                State::Done { call: Some(call) } => Some(call.id),
                _ => None,
            })
            .collect();
        let fields = entry.call.fields();
        Ok(page.calls.into_iter().map(|item| item.call).find(|call| {
            call.fields() == fields
                && !claimed.contains(&call.id)
                && since.is_none_or(|since| call.modified_at.timestamp_millis() >= since)
        }))
    }

    fn confirm(&self, entry: &Entry, stored: Option<Call>) {
        let now = now_ms();
        self.inner.outbox.update(&entry.key, |entry| {
            entry.state = State::Done { call: stored };
            // From now on: when it was confirmed (it is forgotten a while after).
            entry.next_try_ms = now;
        });
        self.outbox_changed();
    }

    fn failed(&self, entry: &Entry, error: &ApiError, wait: Option<i64>) {
        log_failure(entry, error);
        let now = now_ms();
        match verdict(error, wait, entry.op == Op::Delete) {
            Verdict::Retry { unknown, after_ms } => self.inner.outbox.update(&entry.key, |entry| {
                entry.attempts += 1;
                entry.outcome_unknown |= unknown;
                entry.next_try_ms = now + wait_ms(entry.attempts, after_ms, random());
                entry.state = State::Retrying { message: error.code() };
            }),
            Verdict::Refused => self.inner.outbox.update(&entry.key, |entry| {
                entry.state = State::NeedsFix {
                    message: error.code(),
                    fields: error.field_errors().cloned().unwrap_or_default(),
                };
            }),
            Verdict::AlreadyDone => return self.confirm(entry, None),
        }
        self.outbox_changed();
    }
}

/// The earliest a try made `elapsed_ms` ago can have been stored, on the server's clock
/// (`server_now_ms`, from an answer just received); `None` without the server's clock
/// (a CRM whose envelope has no usable `timestamp`: then the window alone bounds it).
fn first_try_on_server(server_now_ms: Option<i64>, elapsed_ms: i64) -> Option<i64> {
    server_now_ms.map(|now| now - elapsed_ms.max(0) - LOOKUP_MARGIN_MS)
}

fn log_failure(entry: &Entry, error: &ApiError) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(
        &format!(
            "calls widget: a write is not saved yet ({}): {}",
            entry.key,
            error.detail()
        )
        .into(),
    );
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (entry, error);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_try_is_placed_on_the_servers_clock_less_a_margin() {
        // The server answers at 1,000,000 ms; the try was 30 s ago here.
        assert_eq!(
            first_try_on_server(Some(1_000_000), 30_000),
            Some(1_000_000 - 30_000 - 2_000)
        );
        // A browser clock set back since the try does not move it later.
        assert_eq!(first_try_on_server(Some(1_000_000), -5_000), Some(1_000_000 - 2_000));
        assert_eq!(first_try_on_server(None, 30_000), None);
    }
}
