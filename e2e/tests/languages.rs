//! The widget in the user's language: each of the eight catalogs on a host page in that
//! language (a screenshot of each in `target/screenshots/`, and in `docs/` with
//! `CALLS_UPDATE_DOCS=1`), no English left in them, a German page that never paints
//! English, Arabic's six plural forms, and Arabic laid out right to left.

use calls_e2e::{Browser, DEMO_CONTACT, DEMO_TOKEN, Server, keep_screenshot, workspace_root};
use serde_json::{Map, Value, json};

const LANGUAGES: [&str; 8] = ["en", "de", "fr", "es", "pt-BR", "ja", "zh-CN", "ar"];
const ROOT: &str = "document.querySelector('calls-widget').shadowRoot";

/// Records the text of every widget's shadow root after each change, from the moment the
/// root is made: everything that could ever have been painted. Runs before the page's
/// own scripts.
const TEXT_RECORDER: &str = r#"
window.seenTexts = [];
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  const record = () => window.seenTexts.push(root.textContent);
  new MutationObserver(record).observe(root, { childList: true, subtree: true, characterData: true });
  return root;
};
"#;

fn catalog(language: &str) -> Map<String, Value> {
    let path = workspace_root().join(format!("i18n/{language}.json"));
    match serde_json::from_str(&std::fs::read_to_string(&path).expect("a catalog")) {
        Ok(Value::Object(messages)) => messages,
        other => panic!("{}: {other:?}", path.display()),
    }
}

/// Each text of a catalog value: the value, or each plural form.
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Object(forms) => forms
            .values()
            .filter_map(|form| form.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The English phrases a page in `language` must not show: the parts of every English
/// text between its placeholders, five characters or longer, that the language's own
/// text for that key does not contain too (a word both languages share, like "Notes").
fn english_phrases(language: &str) -> Vec<String> {
    let (english, translated) = (catalog("en"), catalog(language));
    let mut phrases = Vec::new();
    for (key, value) in &english {
        let own = texts(&translated[key]).join(" ");
        for text in texts(value) {
            for part in text.split(['{', '}']).step_by(2) {
                let part = part.trim();
                if part.chars().filter(|c| c.is_alphabetic()).count() >= 5 && !own.contains(part) {
                    phrases.push(part.to_owned());
                }
            }
        }
    }
    phrases
}

/// The words the widget shows around the calls (not the calls' own text, which is data):
/// text, and the names, placeholders and titles in attributes.
const WIDGET_WORDS: &str = r#"
const root = document.querySelector('calls-widget').shadowRoot.querySelector('.cw-root');
const copy = root.cloneNode(true);
copy.querySelectorAll('.cw-call__notes, .cw-call__via, .cw-call__author, .cw-call__phone, .cw-call__contact, datalist')
  .forEach((data) => data.remove());
const attributes = [...copy.querySelectorAll('[aria-label], [placeholder], [title]')]
  .flatMap((element) => ['aria-label', 'placeholder', 'title'].map((name) => element.getAttribute(name) ?? ''));
return [copy.textContent, ...attributes].join('\n');
"#;

fn host_page(html_lang: &str, widget: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><title>host</title>\
         <script type=\"module\" src=\"widget/embed.js\"></script></head><body>{widget}</body></html>"
    )
}

async fn js(browser: &Browser, script: &str) -> Value {
    browser.execute(script, vec![]).await
}

fn assert_no_english(language: &str, state: &str, words: &str) {
    let left: Vec<_> = english_phrases(language)
        .into_iter()
        .filter(|phrase| words.contains(phrase.as_str()))
        .collect();
    assert!(left.is_empty(), "{language}, {state}: English left: {left:?}\n{words}");
}

#[tokio::test]
async fn every_language_shows_the_widget_in_its_own_words() {
    // One page per language, each in that language by the host page's `lang` (a region
    // falls back to its language: de-AT is German).
    let pages: Vec<(String, String)> = LANGUAGES
        .iter()
        .map(|language| {
            let html_lang = if *language == "de" { "de-AT" } else { language };
            let widget = format!("<calls-widget token=\"{DEMO_TOKEN}\" contact-id=\"{DEMO_CONTACT}\"></calls-widget>");
            (format!("{language}.html"), host_page(html_lang, &widget))
        })
        .collect();
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(name, html)| (name.as_str(), html.as_str()))
        .collect();
    let server = Server::start_with_pages(&pages);
    let browser = Browser::start().await;
    for language in LANGUAGES {
        browser.goto(&format!("{}/{language}.html", server.base())).await;
        browser
            .wait_for_js(
                &format!("calls in {language}"),
                &format!("{ROOT}?.querySelector('article')"),
            )
            .await;
        let spoken = js(
            &browser,
            &format!("const root = {ROOT}.querySelector('.cw-root'); return [root.lang, root.dir, document.documentElement.dir];"),
        )
        .await;
        let dir = if language == "ar" { "rtl" } else { "ltr" };
        assert_eq!(
            spoken,
            json!([language, dir, ""]),
            "the widget's root speaks {language}; the page is left alone"
        );
        let title = catalog(language)["timeline.title"].as_str().unwrap().to_owned();
        let heading = js(
            &browser,
            &format!("return {ROOT}.querySelector('.cw-timeline__title').textContent;"),
        )
        .await;
        assert_eq!(heading, json!(title), "{language}");
        if language != "en" {
            let words = js(&browser, WIDGET_WORDS).await;
            assert_no_english(language, "loaded", words.as_str().unwrap());
        }
        keep_screenshot(&format!("language-{language}.png"), &browser.screenshot().await);
    }

    // German in the other states a user meets: the form's messages, a question in a row,
    // a call being edited.
    browser.goto(&format!("{}/de.html", server.base())).await;
    browser
        .wait_for_js("calls in German", &format!("{ROOT}?.querySelector('article')"))
        .await;
    js(
        &browser,
        &format!(
            "const root = {ROOT}; const date = root.querySelector('.cw-form input[type=date]');\
             date.value = ''; date.dispatchEvent(new Event('input', {{ bubbles: true }}));\
             root.querySelector('.cw-form input[type=url]').value = 'ftp://x';\
             root.querySelector('.cw-form input[type=url]').dispatchEvent(new Event('input', {{ bubbles: true }}));\
             root.querySelector('.cw-form button[type=submit]').click();\
             root.querySelector('article .cw-link-button--danger').click();\
             root.querySelectorAll('article')[1].querySelector('.cw-link-button').click();"
        ),
    )
    .await;
    browser
        .wait_for_js(
            "form errors, a question and an edit form",
            &format!(
                "{ROOT}.querySelector('.cw-field__error') && {ROOT}.querySelector('.cw-call__confirm') && {ROOT}.querySelector('.cw-call--editing')"
            ),
        )
        .await;
    let words = js(&browser, WIDGET_WORDS).await;
    assert_no_english("de", "form errors, delete question, editing", words.as_str().unwrap());
}

/// Adds a widget for the contact named in the page's address (`?contact=ID`).
const WIDGET_FOR_ADDRESS: &str = r#"
const widget = document.createElement("calls-widget");
widget.setAttribute("token", "demo-token");
widget.setAttribute("contact-id", new URLSearchParams(location.search).get("contact"));
document.body.append(widget);
"#;

#[tokio::test]
async fn a_german_page_paints_german_from_its_first_frame() {
    let page = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>host</title>\
                <script type=\"module\" src=\"widget/embed.js\"></script>\
                <script type=\"module\" src=\"widget-for-address.js\"></script></head><body></body></html>";
    let server = Server::start_with_pages(&[("de.html", page), ("widget-for-address.js", WIDGET_FOR_ADDRESS)]);
    // A contact without calls: nothing but the widget's own words on the page.
    let contact = server.create_contact("Erika", "Mustermann");
    let browser = Browser::start().await;
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": TEXT_RECORDER }),
        )
        .await;
    browser
        .goto(&format!("{}/de.html?contact={contact}", server.base()))
        .await;
    let empty = catalog("de")["timeline.empty"].as_str().unwrap().to_owned();
    browser
        .wait_for_js(
            "the German empty timeline",
            &format!("{ROOT}?.textContent.includes({})", json!(empty)),
        )
        .await;
    let seen = js(&browser, "return window.seenTexts;").await;
    let seen: Vec<&str> = seen.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(seen.len() > 1, "the recorder saw the widget change: {seen:?}");
    for text in &seen {
        assert_no_english("de", "any moment before the widget was ready", text);
    }
}

/// The forms of Arabic's plural categories, by CLDR's rules for these counts.
const ARABIC_COUNTS: [(u64, &str); 6] = [
    (0, "zero"),
    (1, "one"),
    (2, "two"),
    (5, "few"),
    (11, "many"),
    (100, "other"),
];

#[tokio::test]
async fn arabic_counts_calls_in_its_six_plural_forms_right_to_left() {
    let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>\
                <script type=\"module\" src=\"widget/embed.js\"></script>\
                <script type=\"module\" src=\"widget-for-address.js\"></script></head><body></body></html>";
    let server = Server::start_with_pages(&[("host.html", page), ("widget-for-address.js", WIDGET_FOR_ADDRESS)]);
    let contact = server.create_contact("Layla", "Haddad");
    let browser = Browser::start().await;
    // The page is English; the widget is told Arabic by its own attribute.
    let forms = catalog("ar")["timeline.count"].clone();
    let mut logged = 0;
    for (count, category) in ARABIC_COUNTS {
        server.seed_calls(&[contact.as_str()], (count - logged) as usize).await;
        logged = count;
        browser
            .goto(&format!("{}/host.html?contact={contact}", server.base()))
            .await;
        js(
            &browser,
            "document.querySelector('calls-widget').setAttribute('lang', 'ar');",
        )
        .await;
        let number = js(
            &browser,
            &format!("return new Intl.NumberFormat('ar').format({count});"),
        )
        .await;
        let expected = forms[category]
            .as_str()
            .unwrap()
            .replace("{count}", number.as_str().unwrap());
        browser
            .wait_for_js(
                &format!("“{expected}” for {count} calls"),
                &format!(
                    "{ROOT}?.querySelector('.cw-timeline__count')?.textContent === {}",
                    json!(expected)
                ),
            )
            .await;
    }

    // Right to left on the widget's own root: the result's border on the right, the time
    // at the left end of the row's head, the form's labels aligned right.
    let layout = js(
        &browser,
        &format!(
            "const root = {ROOT}; const call = root.querySelector('article');             const style = getComputedStyle(call);             const time = root.querySelector('.cw-call__modified').getBoundingClientRect();             const result = root.querySelector('.cw-call__result').getBoundingClientRect();             const words = document.createRange(); words.selectNodeContents(root.querySelector('.cw-form .cw-field__label'));\
             const label = words.getBoundingClientRect();             const form = root.querySelector('.cw-form').getBoundingClientRect();             return {{ dir: getComputedStyle(root.querySelector('.cw-root')).direction,                      right: style.borderRightWidth, left: style.borderLeftWidth,                      timeLeftOfResult: time.right <= result.left,                      labelAtRight: form.right - label.right < label.left - form.left,                      page: getComputedStyle(document.body).direction }};"
        ),
    )
    .await;
    assert_eq!(
        layout,
        json!({"dir": "rtl", "right": "4px", "left": "1px", "timeLeftOfResult": true, "labelAtRight": true, "page": "ltr"})
    );
}
