use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calls_model::{FieldErrors, Problem};
use serde_json::{Map, Value};

use super::*;
use crate::api::ApiError;
use crate::form::{FieldProblem, Problems};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalog_file(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).unwrap();
    match serde_json::from_str(&text) {
        Ok(Value::Object(messages)) => messages,
        other => panic!("{} is not a JSON object: {other:?}", path.display()),
    }
}

/// The `{name}`s of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[test]
fn every_catalog_has_exactly_the_keys_and_placeholders_of_english() {
    let english = catalog_file(&root().join("i18n/en.json"));
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("i18n")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|ext| ext.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let catalog = catalog_file(&path);
        let missing: Vec<_> = english.keys().filter(|key| !catalog.contains_key(*key)).collect();
        let unknown: Vec<_> = catalog.keys().filter(|key| !english.contains_key(*key)).collect();
        assert!(missing.is_empty(), "{name} lacks keys English has: {missing:?}");
        assert!(unknown.is_empty(), "{name} has keys English lacks: {unknown:?}");
        for (key, value) in &catalog {
            let english_value = &english[key];
            match (english_value, value) {
                (Value::String(english_text), Value::String(text)) => assert_eq!(
                    placeholders(text),
                    placeholders(english_text),
                    "{name}: {key} must keep English's placeholders"
                ),
                (Value::Object(english_forms), Value::Object(forms)) => {
                    assert!(forms.contains_key("other"), "{name}: {key} has no \"other\" form");
                    let allowed = placeholders(english_forms["other"].as_str().unwrap());
                    for (category, form) in forms {
                        assert!(
                            PLURAL_CATEGORIES.contains(&category.as_str()),
                            "{name}: {key} has an unknown plural category {category}"
                        );
                        let form = form
                            .as_str()
                            .unwrap_or_else(|| panic!("{name}: {key}.{category} is not text"));
                        assert!(
                            placeholders(form).is_subset(&allowed),
                            "{name}: {key}.{category} has a placeholder English lacks"
                        );
                    }
                    let other = forms["other"].as_str().unwrap();
                    assert_eq!(placeholders(other), allowed, "{name}: {key}.other must keep {{count}}");
                }
                _ => panic!("{name}: {key} must be text or plural forms, as in English"),
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 8,
        "English and the seven other catalogs are checked, not {checked}"
    );
}

/// Every string literal of the form `"group.name"` in the widget's sources and scripts
/// that names a catalog group.
fn keys_used() -> BTreeSet<String> {
    let english = catalog_file(&root().join("i18n/en.json"));
    let groups: BTreeSet<&str> = english
        .keys()
        .filter_map(|key| key.split_once('.'))
        .map(|(group, _)| group)
        .collect();
    let mut sources = vec![
        root().join("widget/i18n.js"),
        root().join("widget/skeleton.js"),
        root().join("widget/embed.js"),
        root().join("widget/feed.js"),
        root().join("app.js"),
    ];
    let mut folders = vec![root().join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") && !path.ends_with("i18n/tests.rs") {
                sources.push(path);
            }
        }
    }
    let mut keys = BTreeSet::new();
    for path in sources {
        let text = std::fs::read_to_string(&path).unwrap();
        for quoted in text.split('"').skip(1).step_by(2) {
            let is_key = quoted.split_once('.').is_some_and(|(group, rest)| {
                groups.contains(group)
                    && !rest.is_empty()
                    && rest.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
            });
            if is_key {
                keys.insert(quoted.to_owned());
            }
        }
    }
    keys
}

#[test]
fn the_code_uses_only_keys_english_has() {
    let english = catalog_file(&root().join("i18n/en.json"));
    let unknown: Vec<_> = keys_used()
        .into_iter()
        .filter(|key| !english.contains_key(key))
        .collect();
    assert!(
        unknown.is_empty(),
        "keys the code uses that i18n/en.json lacks: {unknown:?}"
    );
}

#[test]
fn placeholders_are_filled_once_and_unknown_ones_stay() {
    assert_eq!(
        fill_in("by {author}".into(), &[("author", "{author} Ada")], false),
        "by {author} Ada"
    );
    assert_eq!(fill_in("{a}{b} {c".into(), &[("a", "1"), ("b", "2")], false), "12 {c");
}

#[test]
fn filled_values_keep_their_own_direction() {
    // An English reason inside an Arabic sentence: isolated, its full stop stays its own.
    assert_eq!(
        fill_in("يحتاج إلى إصلاح: {reason}".into(), &[("reason", "Not found.")], true),
        "يحتاج إلى إصلاح: \u{2068}Not found.\u{2069}"
    );
    // Only in a right-to-left language: English text is left as it was.
    let arabic_file = std::fs::read_to_string(root().join("i18n/ar.json")).unwrap();
    let arabic = Catalog::new("ar", crate::api::json::parse(&arabic_file).unwrap());
    assert_eq!(
        arabic.fill(
            "problem.from_server",
            &[("field", "الملاحظات"), ("reason", "is too long.")]
        ),
        fill_in(
            arabic.text("problem.from_server"),
            &[
                ("field", "\u{2068}الملاحظات\u{2069}"),
                ("reason", "\u{2068}is too long.\u{2069}")
            ],
            false
        )
    );
    assert_eq!(
        english().fill("problem.from_server", &[("field", "Notes"), ("reason", "is too long.")]),
        "Notes: is too long."
    );
    // The loader sets `dir` from its own list of right-to-left languages: the same one.
    let loader = std::fs::read_to_string(root().join("widget/i18n.js")).unwrap();
    assert!(
        loader.contains(&format!("const RIGHT_TO_LEFT = {RIGHT_TO_LEFT:?};")),
        "widget/i18n.js lists the right-to-left languages as {RIGHT_TO_LEFT:?}"
    );
}

#[test]
fn english_plurals_and_missing_keys() {
    let i18n = english();
    assert_eq!(i18n.count("timeline.count", 0), "0 calls");
    assert_eq!(i18n.count("timeline.count", 1), "1 call");
    assert_eq!(i18n.count("timeline.count", 180), "180 calls");
    assert_eq!(i18n.text("no.such_key"), "no.such_key");
}

#[test]
fn problems_are_sentences_naming_the_field() {
    let i18n = english();
    let mut problems = Problems::default();
    problems.add("date", FieldProblem::NoDate);
    problems.add("recording_link", FieldProblem::Model(Problem::NotWebAddress));
    problems.add(
        "phone_number",
        FieldProblem::Model(Problem::TooLong { max: 40, count: 41 }),
    );
    problems.add("contact_id", FieldProblem::NoContact);
    let messages = problem_messages(i18n, &problems);
    assert_eq!(messages.field("date"), ["Enter the date of the call."]);
    assert_eq!(
        messages.field("recording_link"),
        ["Recording link must be a web address starting with http:// or https://."]
    );
    assert_eq!(
        messages.field("phone_number"),
        ["Phone number must be at most 40 characters (it has 41)."]
    );
    assert_eq!(messages.field("contact_id"), ["Choose the contact the call was with."]);
}

#[test]
fn the_servers_field_messages_name_the_field() {
    let mut server = FieldErrors::new();
    server.add("text", "must be at most 10000 characters (it has 10001)");
    assert_eq!(
        server_messages(english(), &server).field("text"),
        ["Notes: must be at most 10000 characters (it has 10001)"]
    );
}

#[test]
fn errors_are_worded_from_their_codes() {
    let i18n = english();
    let worded = |error: ApiError| i18n.error(&error.code());
    assert!(worded(ApiError::Network("x".into())).starts_with("Could not reach the calls server."));
    assert!(worded(ApiError::Timeout { seconds: 15 }).contains("within 15 seconds"));
    let broken = ApiError::Api {
        status: 500,
        message: "internal wording".into(),
        fields: None,
    };
    assert!(worded(broken).contains("(error 500)"));
    assert!(worded(ApiError::Http { status: 502 }).contains("(HTTP 502)"));
    assert!(worded(ApiError::Http { status: 418 }).contains("(HTTP 418)"));
    let refused = ApiError::Api {
        status: 422,
        message: "The call was not saved: text is too long.".into(),
        fields: None,
    };
    assert_eq!(worded(refused), "The call was not saved: text is too long.");
    // What an older version kept in the outbox is already in words.
    assert_eq!(i18n.error("Could not reach the server"), "Could not reach the server");
}
