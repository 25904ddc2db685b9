//! A call in the contract's JSON, both ways: read from an answer, written as the one
//! body the widget sends (`{"call": {…the given fields…}}`) and as the fields the host
//! page is told about. A field of a call is read and written here and nowhere else.
//! The body is written as JSON text directly: that keeps serde's serializer and a JSON
//! writer out of the wasm.

use calls_model::time::{format_date, format_timestamp, parse_date, parse_timestamp};
use calls_model::{Call, CallPatch, CallResult};

use super::json::JsonNode;
use super::read::{ReadJson, id, required, text_or_empty};

impl ReadJson for Call {
    fn read<J: JsonNode>(node: &J) -> Result<Self, String> {
        Ok(Self {
            id: id(node, "id")?,
            contact_id: id(node, "contact_id")?,
            date: required(node, "date", |value| parse_date(&value.text()?))?,
            call_result: required(node, "call_result", |value| Some(CallResult::from_api(&value.text()?)))?,
            text: text_or_empty(node, "text")?,
            called_via: text_or_empty(node, "called_via")?,
            phone_number: text_or_empty(node, "phone_number")?,
            author: text_or_empty(node, "author")?,
            recording_link: text_or_empty(node, "recording_link")?,
            modified_at: required(node, "modified_at", |value| parse_timestamp(&value.text()?))?,
        })
    }
}

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

/// The fields of `call` as a patch: all its writable fields, or only those named.
pub fn call_patch(call: &Call, only: Option<&[String]>) -> CallPatch {
    let given = |name: &str| only.is_none_or(|names| names.iter().any(|given| given == name));
    CallPatch {
        date: given("date").then_some(call.date),
        call_result: given("call_result").then(|| call.call_result.clone()),
        text: given("text").then(|| call.text.clone()),
        called_via: given("called_via").then(|| call.called_via.clone()),
        phone_number: given("phone_number").then(|| call.phone_number.clone()),
        recording_link: given("recording_link").then(|| call.recording_link.clone()),
    }
}

/// Appends `text` as a JSON string.
pub fn push_string(out: &mut String, text: &str) {
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
