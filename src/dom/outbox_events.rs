//! The browser's side of the outbox's sender: a sleep that a nudge ends early, the Web
//! Lock that lets one tab of the origin send at a time, and the events that make waiting
//! writes due (back online, the tab seen again, another tab's change to the outbox).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A sleep that [`Wake::nudge`] ends early. One per sender, one for the refresher.
#[derive(Clone, Default)]
pub struct Wake {
    /// The sleep's end, and its timer: a nudge clears the timer, so that nothing is left
    /// running (a page whose widgets are all removed has no timer).
    sleeping: Rc<RefCell<Option<Sleep>>>,
}

/// What ends a sleep, and the timer that would.
type Sleep = (js_sys::Function, Option<i32>);

impl Wake {
    /// Sleeps `ms` milliseconds, or until nudged when `ms` is `None`.
    pub async fn sleep(&self, ms: Option<i64>) {
        let slot = Rc::clone(&self.sleeping);
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let timer = ms.zip(web_sys::window()).and_then(|(ms, window)| {
                let ms = i32::try_from(ms.max(0)).unwrap_or(i32::MAX);
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                    .ok()
            });
            *slot.borrow_mut() = Some((resolve, timer));
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Ends the current sleep, if any.
    pub fn nudge(&self) {
        if let Some((resolve, timer)) = self.sleeping.borrow_mut().take() {
            if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
                window.clear_timeout_with_handle(timer);
            }
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

/// Runs `granted` once this tab holds the Web Lock `name`, which it then holds until the
/// page goes: of all the origin's tabs, one sends. Without the Locks API (an insecure
/// origin, an old browser) every tab sends; the idempotency keys keep that from storing
/// anything twice.
pub fn when_sender(name: &str, granted: impl FnOnce() + 'static) {
    let locks = web_sys::window()
        .map(|window| js_sys::Reflect::get(&window.navigator(), &"locks".into()).unwrap_or(JsValue::UNDEFINED))
        .filter(|locks| locks.is_object());
    let request = locks
        .as_ref()
        .and_then(|locks| js_sys::Reflect::get(locks, &"request".into()).ok())
        .and_then(|request| request.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        return granted();
    };
    let mut granted = Some(granted);
    let held = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock| {
        if let Some(granted) = granted.take() {
            granted();
        }
        // Never settles: the lock is held for the page's life.
        js_sys::Promise::new(&mut |_, _| {})
    });
    let _ = request.call2(&locks, &name.into(), held.as_ref().unchecked_ref());
    held.forget();
}

/// Calls `on_event` on `online`, when the tab becomes visible or the window gains focus,
/// and on a `storage` event for `storage_key` (with `true`: another tab changed the outbox).
pub fn listen(storage_key: String, on_event: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let on_event = Rc::new(on_event);
    let listener = |react: Box<dyn Fn(web_sys::Event)>| Closure::<dyn Fn(web_sys::Event)>::wrap(react);
    let online = {
        let on_event = Rc::clone(&on_event);
        listener(Box::new(move |_| on_event(false)))
    };
    let visible = {
        let on_event = Rc::clone(&on_event);
        listener(Box::new(move |_| {
            let hidden = web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| document.hidden());
            if !hidden {
                on_event(false);
            }
        }))
    };
    let storage = listener(Box::new(move |event| {
        let key = js_sys::Reflect::get(&event, &"key".into())
            .ok()
            .and_then(|key| key.as_string());
        if key.as_deref() == Some(storage_key.as_str()) {
            on_event(true);
        }
    }));
    let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("focus", online.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("storage", storage.as_ref().unchecked_ref());
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", visible.as_ref().unchecked_ref());
    }
    // The outbox lives as long as the page.
    online.forget();
    visible.forget();
    storage.forget();
}

/// Whether the browser says it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}
