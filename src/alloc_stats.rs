//! A counting allocator for profiling memory (feature `alloc-stats`, never in a
//! shipped build): `globalThis.callsAllocStats()` gives the bytes live now, the most
//! ever live, and the number of allocations so far.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

struct Counting;

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
    COUNT.fetch_add(1, Ordering::Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: as the caller promised for this layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for this pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        grew(new_size);
        // SAFETY: as the caller promised for this pointer, layout and size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Puts `callsAllocStats()` on the page's global object.
pub fn expose() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let stats = Closure::<dyn Fn() -> js_sys::Array>::new(|| {
        [&LIVE, &PEAK, &COUNT]
            .iter()
            .map(|value| wasm_bindgen::JsValue::from_f64(value.load(Ordering::Relaxed) as f64))
            .collect()
    });
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &"callsAllocStats".into(),
        stats.as_ref().unchecked_ref(),
    );
    stats.forget();
}
