//! The browser's clock, time zone and `Intl`: today's date where the user is, dates,
//! times and relative times written the way the widget's language writes them.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::{ArcRwSignal, Update, on_cleanup};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use crate::format::{DayHeading, relative};
use crate::i18n::Catalog;

/// Today's date in the user's time zone.
pub fn local_today() -> NaiveDate {
    let now = Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .or_else(|| DateTime::<Utc>::from_timestamp_millis(now.get_time() as i64).map(|time| time.date_naive()))
        .unwrap_or_default()
}

/// Milliseconds since the epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    Date::now()
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// The kinds of date the widget writes, each with one `Intl.DateTimeFormat`.
#[derive(Clone, Copy)]
enum DateKind {
    /// A day heading in the current year: "Monday, March 3".
    Day,
    /// A day heading of another year: "Mon, March 3, 2025".
    DayWithYear,
    /// A full local date and time, for a tooltip.
    Exact,
}

impl DateKind {
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            DateKind::Day => &[("weekday", "long"), ("month", "long"), ("day", "numeric")],
            DateKind::DayWithYear => &[
                ("weekday", "short"),
                ("year", "numeric"),
                ("month", "long"),
                ("day", "numeric"),
            ],
            DateKind::Exact => &[("dateStyle", "full"), ("timeStyle", "short")],
        }
    }
}

/// One language's formatters, made on first use and kept: making one costs far more
/// than formatting with it (a fresh one per row was a fifth of the widget's time).
#[derive(Default)]
struct Formatters {
    dates: [Option<js_sys::Function>; 3],
    relative: Option<Intl::RelativeTimeFormat>,
}

thread_local! {
    /// The formatters of each language the page's widgets speak, by tag.
    static FORMATTERS: RefCell<Vec<(String, Formatters)>> = RefCell::default();
}

/// Runs `with` on the formatters of `lang`.
fn formatters<T>(lang: &str, with: impl FnOnce(&mut Formatters) -> T) -> T {
    FORMATTERS.with(|all| {
        let mut all = all.borrow_mut();
        let index = match all.iter().position(|(known, _)| known == lang) {
            Some(index) => index,
            None => {
                all.push((lang.to_owned(), Formatters::default()));
                all.len() - 1
            }
        };
        with(&mut all[index].1)
    })
}

fn locales(i18n: Catalog) -> Array {
    Array::of1(&i18n.lang().into())
}

fn format_date_time(i18n: Catalog, date: &Date, kind: DateKind) -> Option<String> {
    let format = formatters(&i18n.lang(), |formatters| {
        formatters.dates[kind as usize]
            .get_or_insert_with(|| Intl::DateTimeFormat::new(&locales(i18n), &options(kind.options())).format())
            .clone()
    });
    format.call1(&JsValue::NULL, date).ok()?.as_string()
}

/// A day heading in words: "Today", "Yesterday", or the date in the widget's language.
pub fn day_heading_text(i18n: Catalog, heading: DayHeading) -> String {
    match heading {
        DayHeading::Today => i18n.text("day.today"),
        DayHeading::Yesterday => i18n.text("day.yesterday"),
        DayHeading::Date(date) => {
            use chrono::Datelike;
            let local = Date::new_with_year_month_day(date.year() as u32, date.month0() as i32, date.day() as i32);
            let kind = if date.year() != local_today().year() {
                DateKind::DayWithYear
            } else {
                DateKind::Day
            };
            format_date_time(i18n, &local, kind).unwrap_or_else(|| calls_model::time::format_date(date))
        }
    }
}

/// A moment as the widget's language writes a full local date and time.
pub fn exact_local(i18n: Catalog, time: &DateTime<Utc>) -> String {
    let date = Date::new(&JsValue::from_f64(time.timestamp_millis() as f64));
    format_date_time(i18n, &date, DateKind::Exact).unwrap_or_else(|| calls_model::time::format_timestamp(time))
}

/// "3 hours ago", "now", in the widget's language.
pub fn relative_to_now(i18n: Catalog, time: &DateTime<Utc>) -> String {
    let seconds_ago = ((now_ms() - time.timestamp_millis() as f64) / 1000.0) as i64;
    let relative = relative(seconds_ago);
    let format = formatters(&i18n.lang(), |formatters| {
        formatters
            .relative
            .get_or_insert_with(|| Intl::RelativeTimeFormat::new(&locales(i18n), &options(&[("numeric", "auto")])))
            .clone()
    });
    format.format(relative.value as f64, relative.unit).into()
}

/// A signal that changes once a minute, so relative times ("3 minutes ago") stay true on
/// a page that stays open all day. One timer for the whole page, however many widgets;
/// it runs while at least one component that asked for the tick is mounted, and stops
/// when the last one is cleaned up (a widget removed from the page leaves no timer).
pub fn minute_tick() -> ArcRwSignal<u32> {
    static USERS: AtomicUsize = AtomicUsize::new(0);
    let tick = minute();
    if USERS.fetch_add(1, Ordering::Relaxed) == 0 {
        let ticker = tick.clone();
        let on_minute =
            Closure::<dyn FnMut()>::new(move || ticker.update(|count: &mut u32| *count = count.wrapping_add(1)));
        let handle = web_sys::window().and_then(|window| {
            window
                .set_interval_with_callback_and_timeout_and_arguments_0(on_minute.as_ref().unchecked_ref(), 60_000)
                .ok()
        });
        TIMER.with(|timer| *timer.borrow_mut() = handle.map(|handle| (handle, on_minute)));
    }
    on_cleanup(|| {
        if USERS.fetch_sub(1, Ordering::Relaxed) == 1 {
            let stopped = TIMER.with(|timer| timer.borrow_mut().take());
            if let (Some((handle, _callback)), Some(window)) = (stopped, web_sys::window()) {
                window.clear_interval_with_handle(handle);
            }
        }
    });
    tick
}

/// The page's minute signal without asking for the timer: for the parts of a component
/// that asked with [`minute_tick`] (a timeline asks once for all its rows).
pub fn minute() -> ArcRwSignal<u32> {
    static TICK: OnceLock<ArcRwSignal<u32>> = OnceLock::new();
    TICK.get_or_init(|| ArcRwSignal::new(0u32)).clone()
}

/// The running minute timer: its handle, and the callback it calls.
type MinuteTimer = (i32, Closure<dyn FnMut()>);

thread_local! {
    static TIMER: RefCell<Option<MinuteTimer>> = const { RefCell::new(None) };
}
