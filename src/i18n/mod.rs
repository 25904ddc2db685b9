//! The words the widget shows, in the user's language. The catalogs are files
//! (`i18n/*.json`), never compiled in: the loader (`widget/i18n.js`) picks the language,
//! fetches its catalog (English is in the loader), fills what it lacks from English and
//! gives the result to the widget, which looks keys up here, fills in named arguments and
//! picks plural forms by `Intl.PluralRules`.

mod wording;

use std::cell::RefCell;

use crate::api::json::{Document, JsonNode};

pub use wording::{field_label, field_problem, problem_messages, result_label, server_messages};

/// One language's messages, as a widget's components read them (a prop each is given
/// from the widget's root down): a handle to the page's catalog of that language, so
/// closures copy it for free.
#[derive(Clone, Copy)]
pub struct Catalog(usize);

/// The languages written right to left (as `widget/i18n.js` has them: a test compares).
pub(crate) const RIGHT_TO_LEFT: [&str; 1] = ["ar"];

/// A catalog the page's widgets use.
struct Loaded {
    /// The BCP 47 tag of the language (`de`, `pt-BR`), as `Intl` takes it.
    lang: String,
    /// Whether filled-in values are isolated (`Catalog::fill`): in a right-to-left
    /// language.
    isolating: bool,
    /// Key → text, or key → {plural category → text}.
    messages: Document,
    #[cfg(target_arch = "wasm32")]
    numbers: Numbers,
}

thread_local! {
    /// Every catalog of the page, one per language.
    static CATALOGS: RefCell<Vec<Loaded>> = const { RefCell::new(Vec::new()) };
}

impl Catalog {
    /// The catalog of `lang` with these messages (a parsed catalog file); they replace
    /// those the page had for `lang`.
    pub fn new(lang: &str, messages: Document) -> Self {
        CATALOGS.with(|catalogs| {
            let mut catalogs = catalogs.borrow_mut();
            let index = catalogs.iter().position(|loaded| loaded.lang == lang);
            let loaded = Loaded {
                lang: lang.to_owned(),
                isolating: RIGHT_TO_LEFT.contains(&lang),
                messages,
                #[cfg(target_arch = "wasm32")]
                numbers: Numbers::new(lang),
            };
            Self(match index {
                Some(index) => {
                    catalogs[index] = loaded;
                    index
                }
                None => {
                    catalogs.push(loaded);
                    catalogs.len() - 1
                }
            })
        })
    }

    fn with<T>(self, read: impl FnOnce(&Loaded) -> T) -> Option<T> {
        CATALOGS.with(|catalogs| catalogs.borrow().get(self.0).map(read))
    }

    /// The language's tag.
    pub fn lang(self) -> String {
        self.with(|loaded| loaded.lang.clone())
            .unwrap_or_else(|| "en".to_owned())
    }

    /// The text or plural forms of `key`.
    fn value(self, key: &str) -> Option<Document> {
        self.with(|loaded| loaded.messages.member(key)).flatten()
    }

    /// The text of `key`. The loader has filled every key English has, and a test
    /// holds the code to English's keys, so the key itself shows only if both failed.
    pub fn text(self, key: &str) -> String {
        self.value(key)
            .and_then(|value| value.text())
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of `key` with each `{name}` replaced by its value. In a right-to-left
    /// language each value is isolated in its own direction (Unicode's first-strong
    /// isolate, as Fluent writes values): a Latin name or the server's English reason
    /// inside an Arabic sentence keeps its punctuation on its own side. Left-to-right
    /// text stays free of the invisible marks, for whoever copies it.
    pub fn fill(self, key: &str, args: &[(&str, &str)]) -> String {
        let isolate = self.with(|loaded| loaded.isolating).unwrap_or(false);
        fill_in(self.text(key), args, isolate)
    }

    /// The plural form of `key` for `count` (the language's plural rules), with
    /// `{count}` written as the language writes numbers.
    pub fn count(self, key: &str, count: u64) -> String {
        let Some(forms) = self.value(key) else {
            return key.to_owned();
        };
        let form = forms.text().or_else(|| {
            forms
                .member(&self.plural_category(count))
                .or_else(|| forms.member("other"))
                .and_then(|form| form.text())
        });
        fill_in(form.unwrap_or_default(), &[("count", &self.number(count))], false)
    }

    #[cfg(target_arch = "wasm32")]
    fn plural_category(self, count: u64) -> String {
        self.with(|loaded| String::from(loaded.numbers.plurals.select(count as f64)))
            .unwrap_or_default()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn plural_category(self, count: u64) -> String {
        // English's rule: natively only the English catalog is tested.
        if count == 1 { "one" } else { "other" }.to_owned()
    }

    #[cfg(target_arch = "wasm32")]
    fn number(self, count: u64) -> String {
        self.with(|loaded| {
            loaded
                .numbers
                .format
                .call1(&wasm_bindgen::JsValue::NULL, &(count as f64).into())
        })
        .and_then(Result::ok)
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| count.to_string())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn number(self, count: u64) -> String {
        count.to_string()
    }
}

/// `Intl`'s plural rules and number format for one language, made once per catalog.
#[cfg(target_arch = "wasm32")]
struct Numbers {
    plurals: js_sys::Intl::PluralRules,
    format: js_sys::Function,
}

#[cfg(target_arch = "wasm32")]
impl Numbers {
    fn new(lang: &str) -> Self {
        let locales = js_sys::Array::of1(&lang.into());
        let options = js_sys::Object::new();
        Self {
            plurals: js_sys::Intl::PluralRules::new(&locales, &options),
            format: js_sys::Intl::NumberFormat::new(&locales, &options).format(),
        }
    }
}

/// `text` with each `{name}` of `args` replaced by its value (a value is never searched
/// again, so text from the API cannot fill a placeholder).
fn fill_in(text: String, args: &[(&str, &str)], isolate: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(arg, _)| *arg == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                if isolate {
                    out.push('\u{2068}');
                }
                out.push_str(value);
                if isolate {
                    out.push('\u{2069}');
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The English catalog, as the loader gives it, for native tests.
#[cfg(test)]
pub(crate) fn english() -> Catalog {
    let messages = crate::api::json::parse(include_str!("../../i18n/en.json")).expect("i18n/en.json is JSON");
    Catalog::new("en", messages)
}

#[cfg(test)]
mod tests;
