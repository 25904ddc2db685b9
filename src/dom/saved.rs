//! Small records kept in the browser's localStorage (drafts, settings) or, for what must
//! not outlive a tab, its sessionStorage, written as a URL query string by the browser
//! itself: no JSON code is needed for them in the wasm.

use web_sys::{Storage, UrlSearchParams};

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Stores `pairs` under `key`.
pub fn save(key: &str, pairs: &[(&str, &str)]) {
    save_in(storage(), key, pairs);
}

/// Storage of this tab only, forgotten when it closes.
#[cfg(feature = "standalone")]
pub mod tab {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    /// Stores `pairs` under `key`, for this tab.
    pub fn save(key: &str, pairs: &[(&str, &str)]) {
        super::save_in(storage(), key, pairs);
    }

    /// What this tab stored under `key`, as a getter of its values.
    pub fn load(key: &str) -> Option<impl Fn(&str) -> String + use<>> {
        super::load_from(storage(), key)
    }
}

fn save_in(storage: Option<Storage>, key: &str, pairs: &[(&str, &str)]) {
    let (Some(storage), Ok(params)) = (storage, UrlSearchParams::new()) else {
        return;
    };
    for (name, value) in pairs {
        params.append(name, value);
    }
    let _ = storage.set_item(key, &String::from(params.to_string()));
}

/// Forgets what is under `key`.
pub fn forget(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// What is stored under `key`, as a getter of its values (absent values read as empty).
pub fn load(key: &str) -> Option<impl Fn(&str) -> String + use<>> {
    load_from(storage(), key)
}

fn load_from(storage: Option<Storage>, key: &str) -> Option<impl Fn(&str) -> String + use<>> {
    let text = storage?.get_item(key).ok().flatten()?;
    let params = UrlSearchParams::new_with_str(&text).ok()?;
    Some(move |name: &str| params.get(name).unwrap_or_default())
}
