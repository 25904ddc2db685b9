//! The durable outbox: every write a user makes (log, edit, delete) is first kept in the
//! browser's storage with its idempotency key, and only then sent; it stays there,
//! through reloads and restarts, until the server has confirmed it or the user has
//! discarded it. Every tab of the origin sees the same entries (a `storage` event tells
//! the others of each change), and one tab at a time sends them (`store::sender`).

mod entry;
mod retry;
mod storage;

use std::sync::Mutex;

pub use entry::{Entry, Op, State};
pub use retry::{Verdict, retry_after_ms, verdict, wait_ms};
pub use storage::{local_id, new_key, now_ms, random};

/// How long a confirmed entry stays, so that every open tab applies it before it goes.
const DONE_KEPT_MS: i64 = 60_000;

/// The entries of one API connection, as this tab knows them.
pub struct Outbox {
    /// Where the entries are kept in the browser.
    storage_key: String,
    entries: Mutex<Vec<Entry>>,
    /// This page's name among the tabs (entries remember the tab that made them).
    pub tab: String,
}

impl Outbox {
    /// The outbox of the connection to `api_base` as the holder of `token`, with what
    /// storage holds: another user's writes (another token) are kept apart, and the token
    /// itself is not stored, only a digest of it.
    pub fn open(api_base: &str, token: Option<&str>) -> Self {
        let user = token.map_or(0, digest);
        Self::named(format!("calls-widget:outbox:{api_base}:{user:016x}"))
    }

    /// An outbox no other store or tab shares (tests).
    pub fn own() -> Self {
        Self::named(format!("calls-widget:outbox:own:{}", new_key()))
    }

    fn named(storage_key: String) -> Self {
        let entries = storage::load(&storage_key);
        Self {
            storage_key,
            entries: Mutex::new(entries),
            tab: new_key(),
        }
    }

    /// The browser storage key (the `storage` event names it).
    pub fn storage_key(&self) -> &str {
        &self.storage_key
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every entry, in the order they were made.
    pub fn entries(&self) -> Vec<Entry> {
        self.lock().clone()
    }

    /// One entry.
    pub fn get(&self, key: &str) -> Option<Entry> {
        self.lock().iter().find(|entry| entry.key == key).cloned()
    }

    /// Reads storage again (another tab changed it); the entries as they are now.
    pub fn reload(&self) -> Vec<Entry> {
        let entries = storage::load(&self.storage_key);
        *self.lock() = entries.clone();
        entries
    }

    /// Keeps a new entry, stored before anything is sent.
    pub fn add(&self, entry: Entry) {
        self.change(|entries| entries.push(entry));
    }

    /// Changes the entry `key` (if it is still there) and stores the result.
    pub fn update(&self, key: &str, change: impl FnOnce(&mut Entry)) {
        self.change(|entries| {
            if let Some(entry) = entries.iter_mut().find(|entry| entry.key == key) {
                change(entry);
            }
        });
    }

    /// Forgets the entry `key`.
    pub fn remove(&self, key: &str) {
        self.change(|entries| entries.retain(|entry| entry.key != key));
    }

    /// Makes every waiting entry due now (the browser is back online, the tab is seen).
    pub fn due_now(&self, now_ms: i64) {
        self.change(|entries| {
            for entry in entries.iter_mut().filter(|entry| entry.is_waiting()) {
                entry.next_try_ms = entry.next_try_ms.min(now_ms);
            }
        });
    }

    /// The entry to send next: in the order they were made, the first one that is due and
    /// whose call has no earlier write still waiting (writes of one call go in order);
    /// otherwise when the next one will be due.
    pub fn next(&self, now_ms: i64) -> Next {
        let entries = self.lock();
        let mut blocked = Vec::new();
        let mut soonest: Option<i64> = None;
        for entry in entries.iter().filter(|entry| entry.is_waiting()) {
            if blocked.contains(&entry.call.id) {
                continue;
            }
            blocked.push(entry.call.id);
            if entry.next_try_ms <= now_ms {
                return Next::Send(Box::new(entry.clone()));
            }
            soonest = Some(soonest.map_or(entry.next_try_ms, |at: i64| at.min(entry.next_try_ms)));
        }
        match soonest {
            Some(at) => Next::WaitUntil(at),
            None => Next::Nothing,
        }
    }

    fn change(&self, change: impl FnOnce(&mut Vec<Entry>)) {
        let mut entries = self.lock();
        // Another tab may have changed storage since this tab last read it: start from
        // what is stored, so its changes are kept.
        *entries = storage::load(&self.storage_key);
        change(&mut entries);
        let now = now_ms();
        entries.retain(|entry| !matches!(entry.state, State::Done { .. }) || now - entry.next_try_ms < DONE_KEPT_MS);
        storage::save(&self.storage_key, &entries);
    }
}

/// FNV-1a: a digest of the token that names its outbox without revealing it.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the sender does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Send this entry now.
    Send(Box<Entry>),
    /// Nothing is due before this time (Unix ms).
    WaitUntil(i64),
    /// Nothing is waiting.
    Nothing,
}
