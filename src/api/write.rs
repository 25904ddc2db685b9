//! Request bodies written as JSON text directly: the one body the widget sends is
//! `{"call": {…the given fields…}}`, and writing it by hand keeps serde's serializer and
//! a JSON writer out of the wasm.

use calls_model::time::{format_date, format_timestamp};
use calls_model::{Call, CallPatch};

/// Every field of a call as the API writes it, names and texts: what the widget tells
/// the host page about a call (`calls:logged` and the others).
pub fn call_fields(call: &Call) -> [(&'static str, String); 10] {
    [
        ("id", call.id.to_string()),
        ("contact_id", call.contact_id.to_string()),
        ("date", format_date(call.date)),
        ("call_result", call.call_result.as_api_str().to_owned()),
        ("text", call.text.clone()),
        ("called_via", call.called_via.clone()),
        ("phone_number", call.phone_number.clone()),
        ("author", call.author.clone()),
        ("recording_link", call.recording_link.clone()),
        ("modified_at", format_timestamp(&call.modified_at)),
    ]
}

/// `{"call": {…}}` with only the fields the patch gives, as the model's serde writes it.
pub fn call_body(patch: &CallPatch) -> String {
    let mut body = String::from("{\"call\":{");
    let date = patch.date.map(format_date);
    let fields: [(&str, Option<&str>); 6] = [
        ("date", date.as_deref()),
        (
            "call_result",
            patch.call_result.as_ref().map(|result| result.as_api_str()),
        ),
        ("text", patch.text.as_deref()),
        ("called_via", patch.called_via.as_deref()),
        ("phone_number", patch.phone_number.as_deref()),
        ("recording_link", patch.recording_link.as_deref()),
    ];
    let mut first = true;
    for (name, value) in fields {
        let Some(value) = value else { continue };
        if !first {
            body.push(',');
        }
        first = false;
        push_string(&mut body, name);
        body.push(':');
        push_string(&mut body, value);
    }
    body.push_str("}}");
    body
}

/// Appends `text` as a JSON string.
fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let code = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use calls_model::CallResult;
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn the_body_is_what_the_models_serde_writes() {
        let patch = CallPatch {
            date: "2026-11-28".parse().ok(),
            call_result: Some(CallResult::LeftMessage),
            text: Some("Line one\nsaid \"hi\" \\ and\ttabbed \u{1} \u{1f} é 📞".into()),
            called_via: None,
            phone_number: Some(String::new()),
            recording_link: None,
        };
        let written: Value = serde_json::from_str(&call_body(&patch)).unwrap();
        assert_eq!(written, json!({ "call": serde_json::to_value(&patch).unwrap() }));
        assert_eq!(written["call"]["text"], patch.text.clone().unwrap());
    }

    #[test]
    fn an_empty_patch_is_an_empty_call() {
        assert_eq!(call_body(&CallPatch::default()), r#"{"call":{}}"#);
    }
}
