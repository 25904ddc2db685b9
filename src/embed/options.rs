//! A widget's options, from the custom element's attributes or the options object given
//! to `mount()` (the same names in camelCase), checked before anything is shown or sent.
//! Pure, so it is tested natively.

use calls_model::links::http_url;
use calls_model::{ListParams, ObjectId, Owner};

use crate::api::Connection;
use crate::components::WidgetView;
use crate::store::{DEFAULT_PER_PAGE, DEFAULT_REFRESH_SECONDS};

/// Light or dark colours: the page's preference, or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Whatever the page and the browser prefer (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value for the widget root's `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// Everything a widget needs to start.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    /// Where the API is and the token, if any.
    pub connection: Connection,
    /// Whose calls.
    pub owner: Owner,
    /// Timeline, form, or both.
    pub view: WidgetView,
    /// Calls per page of the timeline.
    pub per_page: u32,
    /// Light, dark, or as the page prefers.
    pub theme: Theme,
    /// Seconds between refreshes of what the timeline shows; 0: never.
    pub refresh: u32,
}

/// The longest refresh interval: a day.
const MAX_REFRESH_SECONDS: u32 = 86_400;

/// The API base when none is given: the Calls API on the page's own site.
pub const DEFAULT_API_BASE: &str = "/api/";

impl WidgetOptions {
    /// Reads options through `get`, which answers an option's camelCase name (`apiBase`,
    /// `token`, `contactId`, `companyId`, `view`, `perPage`, `theme`) with its value, if
    /// given (and `refresh`). Empty values count as not given. The error is a sentence for the developer
    /// who embedded the widget, naming the option and its attribute.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let given = |name: &str| {
            get(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let api_base = given("apiBase").unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
        if !is_api_base(&api_base) {
            return Err(format!(
                "apiBase (api-base) must be an http:// or https:// address or a path on this site, like \
                 https://crm.example.com/api/ or /api/; “{api_base}” is not one."
            ));
        }
        let owner = match (given("contactId"), given("companyId")) {
            (Some(_), Some(_)) => {
                return Err("Give either contactId (contact-id) or companyId (company-id), not both.".to_owned());
            }
            (None, None) => {
                return Err(
                    "Say whose calls to show: give contactId (contact-id) or companyId (company-id).".to_owned(),
                );
            }
            (Some(id), None) => Owner::Contact(object_id("contactId (contact-id)", &id)?),
            (None, Some(id)) => Owner::Company(object_id("companyId (company-id)", &id)?),
        };
        let view = match given("view") {
            None => WidgetView::Full,
            Some(value) => WidgetView::parse(&value)
                .ok_or_else(|| format!("view must be full, timeline or form; “{value}” is not one of them."))?,
        };
        let per_page = match given("perPage") {
            None => DEFAULT_PER_PAGE,
            Some(value) => whole_number("perPage (per-page)", &value, 1, ListParams::MAX_PER_PAGE)?,
        };
        let theme = match given("theme").as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                return Err(format!(
                    "theme must be auto, light or dark; “{other}” is not one of them."
                ));
            }
        };
        // Seconds between refreshes; 0 is never.
        let refresh = match given("refresh") {
            None => DEFAULT_REFRESH_SECONDS,
            Some(value) => whole_number("refresh", &value, 0, MAX_REFRESH_SECONDS)?,
        };
        let token = given("token");
        Ok(Self {
            connection: Connection::new(&api_base, token.as_deref()),
            owner,
            view,
            per_page,
            theme,
            refresh,
        })
    }
}

/// `value` as a whole number from `min` to `max`, or a sentence saying it is not one.
fn whole_number(option: &str, value: &str, min: u32, max: u32) -> Result<u32, String> {
    value
        .parse::<u32>()
        .ok()
        .filter(|number| (min..=max).contains(number))
        .ok_or_else(|| format!("{option} must be a whole number from {min} to {max}; “{value}” is not one."))
}

fn object_id(option: &str, value: &str) -> Result<ObjectId, String> {
    value
        .parse()
        .map_err(|_| format!("{option} must be an id of 24 hexadecimal characters; “{value}” is not one."))
}

/// An absolute `http(s)` URL, or a path on the page's own site (`/api/`, `./api/`).
fn is_api_base(base: &str) -> bool {
    if base.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let on_this_site = (base.starts_with('/') && !base.starts_with("//")) || base.starts_with("./");
    on_this_site || http_url(base).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTACT: &str = "6553f100de30020000000000";

    fn read(pairs: &[(&str, &str)]) -> Result<WidgetOptions, String> {
        WidgetOptions::read(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn a_contact_id_alone_is_enough() {
        let options = read(&[("contactId", CONTACT)]).unwrap();
        assert_eq!(options.owner, Owner::Contact(CONTACT.parse().unwrap()));
        assert_eq!(options.connection, Connection::new("/api/", None));
        assert_eq!(
            (options.view, options.per_page, options.theme),
            (WidgetView::Full, 25, Theme::Auto)
        );
        assert_eq!(options.refresh, DEFAULT_REFRESH_SECONDS);
        assert_eq!(read(&[("contactId", CONTACT), ("refresh", "0")]).unwrap().refresh, 0);
        for bad in ["-1", "2.5", "soon", "86401"] {
            let message = read(&[("contactId", CONTACT), ("refresh", bad)]).unwrap_err();
            assert!(message.contains("refresh") && message.contains(bad), "{message}");
        }
    }

    #[test]
    fn every_option_is_read() {
        let options = read(&[
            ("apiBase", "https://crm.example.com/api"),
            ("token", " secret "),
            ("companyId", CONTACT),
            ("view", "timeline"),
            ("perPage", "10"),
            ("theme", "dark"),
            ("refresh", "5"),
        ])
        .unwrap();
        assert_eq!(options.refresh, 5);
        assert_eq!(options.owner, Owner::Company(CONTACT.parse().unwrap()));
        assert_eq!(options.connection.api_base, "https://crm.example.com/api/");
        assert_eq!(options.connection.token.as_deref(), Some("secret"));
        assert_eq!(
            (options.view, options.per_page, options.theme),
            (WidgetView::Timeline, 10, Theme::Dark)
        );
    }

    #[test]
    fn empty_values_count_as_missing() {
        let options = read(&[("contactId", CONTACT), ("token", ""), ("companyId", " ")]).unwrap();
        assert_eq!(options.connection.token, None);
    }

    #[test]
    fn the_owner_must_be_exactly_one_valid_id() {
        assert!(
            read(&[])
                .unwrap_err()
                .contains("give contactId (contact-id) or companyId")
        );
        assert!(
            read(&[("contactId", CONTACT), ("companyId", CONTACT)])
                .unwrap_err()
                .contains("not both")
        );
        assert!(read(&[("contactId", "42")]).unwrap_err().contains("“42” is not one"));
    }

    #[test]
    fn the_api_base_must_be_http_or_a_path_here() {
        for good in [
            "/api/",
            "./api/",
            "http://localhost:8080/api/",
            "https://crm.example.com/api/",
        ] {
            assert!(read(&[("contactId", CONTACT), ("apiBase", good)]).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.com/",
            "not a url",
            "//evil.example/",
            "api/",
        ] {
            let error = read(&[("contactId", CONTACT), ("apiBase", bad)]).unwrap_err();
            assert!(error.starts_with("apiBase (api-base)"), "{bad}: {error}");
        }
    }

    #[test]
    fn view_per_page_and_theme_are_checked() {
        assert!(
            read(&[("contactId", CONTACT), ("view", "sidebar")])
                .unwrap_err()
                .starts_with("view must be")
        );
        for bad in ["0", "101", "ten", "2.5"] {
            assert!(
                read(&[("contactId", CONTACT), ("perPage", bad)])
                    .unwrap_err()
                    .starts_with("perPage")
            );
        }
        assert!(
            read(&[("contactId", CONTACT), ("theme", "blue")])
                .unwrap_err()
                .starts_with("theme must be")
        );
    }
}
