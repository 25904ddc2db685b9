//! Finding what a person would look for on a page: a field by its label, a button by
//! its text, inside the document or a widget's shadow root, waiting for it to appear.

use serde_json::json;

use crate::browser::{Browser, ELEMENT_KEY, Element};

impl Browser {
    /// The form field whose label reads `label` (by the label's `for`).
    pub async fn field(&self, label: &str) -> Element {
        self.field_in("document", label).await
    }

    /// The button whose text is `text`.
    pub async fn button(&self, text: &str) -> Element {
        self.button_in("document", text).await
    }

    /// The form field labelled `label` inside `scope`, a JavaScript expression for a
    /// document, element or shadow root (`document.querySelector('calls-widget').shadowRoot`).
    pub async fn field_in(&self, scope: &str, label: &str) -> Element {
        let script = format!(
            "const root = {scope}; if (!root) return null;\
             const label = [...root.querySelectorAll('label')].find(l => l.textContent.trim() === arguments[0]);\
             return label ? root.querySelector('#' + CSS.escape(label.htmlFor)) : null;"
        );
        self.wait_for_script(&format!("a field labelled `{label}`"), &script, label)
            .await
    }

    /// The button whose text is `text` inside `scope` (as in [`Browser::field_in`]).
    pub async fn button_in(&self, scope: &str, text: &str) -> Element {
        let script = format!(
            "const root = {scope}; if (!root) return null;\
             return [...root.querySelectorAll('button')].find(b => b.textContent.trim() === arguments[0]) || null;"
        );
        self.wait_for_script(&format!("a button `{text}`"), &script, text).await
    }

    /// Waits up to 10 s for a JavaScript expression to give an element.
    pub async fn wait_for_element(&self, what: &str, expression: &str) -> Element {
        self.wait_for_script(what, &format!("return ({expression}) || null;"), "")
            .await
    }

    /// Waits up to 10 s for `script`, given `argument`, to return an element.
    async fn wait_for_script(&self, what: &str, script: &str, argument: &str) -> Element {
        self.wait_until(what, || async {
            let found = self.execute(script, vec![json!(argument)]).await;
            found[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
        })
        .await
    }
}
