//! Where the outbox lives: the browser's localStorage, which outlasts a reload, a closed
//! tab and a browser restart, and tells the origin's other tabs of every change. Natively
//! (the unit tests) a map stands in for it. Also the few facts the outbox needs from the
//! platform: the time, random numbers and new keys.

use super::entry::{Entry, entries_from, entries_to_json};
use crate::api::json;

#[cfg(target_arch = "wasm32")]
fn read(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

#[cfg(target_arch = "wasm32")]
fn write(key: &str, text: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|window| window.local_storage().ok().flatten()) else {
        return;
    };
    let written = match text {
        Some(text) => storage.set_item(key, text),
        None => storage.remove_item(key),
    };
    if written.is_err() {
        // Full or forbidden (a private window's quota): the entries still live in this
        // tab's memory and are sent from there; only surviving a reload is lost.
        web_sys::console::warn_1(&"calls widget: the outbox could not be stored in localStorage".into());
    }
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static STORED: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
}

#[cfg(not(target_arch = "wasm32"))]
fn read(key: &str) -> Option<String> {
    STORED.with(|stored| stored.borrow().get(key).cloned())
}

#[cfg(not(target_arch = "wasm32"))]
fn write(key: &str, text: Option<&str>) {
    STORED.with(|stored| match text {
        Some(text) => stored.borrow_mut().insert(key.to_owned(), text.to_owned()),
        None => stored.borrow_mut().remove(key),
    });
}

/// The entries stored under `key`.
pub fn load(key: &str) -> Vec<Entry> {
    read(key)
        .and_then(|text| json::parse(&text))
        .map(|document| entries_from(&document))
        .unwrap_or_default()
}

/// Stores `entries` under `key` (removing it when there are none).
pub fn save(key: &str, entries: &[Entry]) {
    if entries.is_empty() {
        write(key, None);
    } else {
        write(key, Some(&entries_to_json(entries)));
    }
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as i64)
    }
}

/// The id a call being logged goes by until the server gives it its own: like the
/// server's, it starts with the time (so it sorts where a new call does), then 8 bytes of
/// its entry's key.
pub fn local_id(key: &str, now_ms: i64) -> calls_model::ObjectId {
    let mut bytes = [0u8; 8];
    let hex: Vec<u8> = key
        .chars()
        .filter_map(|c| c.to_digit(16))
        .map(|digit| digit as u8)
        .collect();
    for (byte, pair) in bytes.iter_mut().zip(hex.chunks(2)) {
        *byte = pair.iter().fold(0, |byte, digit| byte << 4 | digit);
    }
    calls_model::ObjectId::from_parts(u32::try_from(now_ms / 1000).unwrap_or(u32::MAX), bytes)
}

/// A number in [0, 1).
pub fn random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.5
    }
}

/// A new random key in the form of a UUID (version 4): an entry's idempotency key, and
/// a tab's name. Its first 24 hex digits also name a call being logged until the server
/// gives it its id.
pub fn new_key() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut key = String::with_capacity(36);
    for index in 0..32 {
        if matches!(index, 8 | 12 | 16 | 20) {
            key.push('-');
        }
        let digit = match index {
            12 => 4,
            16 => 8 + (random() * 4.0) as usize,
            _ => (random() * 16.0) as usize,
        };
        key.push(char::from(HEX[digit.min(15)]));
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Natively `random` is constant; a counter keeps keys apart.
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        key.replace_range(..8, &format!("{n:08x}"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_look_like_uuids_and_differ() {
        let (one, two) = (new_key(), new_key());
        assert_ne!(one, two);
        assert_eq!(one.len(), 36);
        assert_eq!(one.as_bytes()[14], b'4');
        assert_eq!(one.split('-').map(str::len).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
    }
}
