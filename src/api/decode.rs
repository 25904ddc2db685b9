//! Reading an answer: every body goes through the envelope, into the model's types or
//! one [`ApiError`]. Pure, so it is tested natively.

use calls_model::FieldErrors;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// The envelope without its `data`, read first to learn whether the answer is an error.
#[derive(Deserialize)]
struct Head {
    status: u16,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    data: Option<ErrorData>,
}

#[derive(Deserialize)]
struct ErrorData {
    errors: Option<FieldErrors>,
}

#[derive(Deserialize)]
struct DataEnvelope<T> {
    data: T,
}

/// Decodes an answer with HTTP `status` and `body` into `T` (the envelope's `data`).
pub fn decode_answer<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    let success = (200..300).contains(&status);
    let document = match json::Document::parse(body) {
        Ok(document) => document,
        Err(error) if success => return Err(ApiError::Decode(error)),
        Err(_) => return Err(ApiError::Http { status }),
    };
    let head: Head = match document.read() {
        Ok(head) => head,
        Err(error) if success => return Err(ApiError::Decode(error)),
        Err(_) => return Err(ApiError::Http { status }),
    };
    if head.status != 0 || !success {
        let fields = document
            .read::<ErrorEnvelope>()
            .ok()
            .and_then(|envelope| envelope.data?.errors);
        let status = if head.status != 0 { head.status } else { status };
        return Err(ApiError::Api {
            status,
            message: head.message,
            fields,
        });
    }
    document
        .read::<DataEnvelope<T>>()
        .map(|envelope| envelope.data)
        .map_err(ApiError::Decode)
}

/// JSON reading. In the browser the browser parses (`JSON.parse`) and serde reads the
/// result, which keeps `serde_json`'s parser and float formatting out of the wasm (about
/// 60 KB); natively, for the tests of this module, `serde_json` does the same job.
mod json {
    use serde::de::DeserializeOwned;

    #[cfg(target_arch = "wasm32")]
    pub struct Document(wasm_bindgen::JsValue);

    #[cfg(not(target_arch = "wasm32"))]
    pub struct Document(String);

    impl Document {
        #[cfg(target_arch = "wasm32")]
        pub fn parse(text: &str) -> Result<Self, String> {
            js_sys::JSON::parse(text)
                .map(Self)
                .map_err(|_| "the answer is not JSON".to_owned())
        }

        #[cfg(not(target_arch = "wasm32"))]
        pub fn parse(text: &str) -> Result<Self, String> {
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|error| error.to_string())?;
            Ok(Self(text.to_owned()))
        }

        #[cfg(target_arch = "wasm32")]
        pub fn read<T: DeserializeOwned>(&self) -> Result<T, String> {
            serde_wasm_bindgen::from_value(self.0.clone()).map_err(|error| error.to_string())
        }

        #[cfg(not(target_arch = "wasm32"))]
        pub fn read<T: DeserializeOwned>(&self) -> Result<T, String> {
            serde_json::from_str(&self.0).map_err(|error| error.to_string())
        }
    }

    /// A value as JSON text, for request bodies.
    #[cfg(target_arch = "wasm32")]
    pub fn to_text<T: serde::Serialize>(value: &T) -> Result<String, String> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let js = value.serialize(&serializer).map_err(|error| error.to_string())?;
        js_sys::JSON::stringify(&js)
            .map(String::from)
            .map_err(|_| "cannot write JSON".to_owned())
    }

    /// A value as JSON text, for request bodies.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_text<T: serde::Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|error| error.to_string())
    }
}

pub use json::to_text as to_json_text;

#[cfg(test)]
mod tests {
    use calls_model::{CallData, CallPage, CallResult};

    use super::*;

    const CALL: &str = r#"{"id":"546cba4a1da41716ab00006d","contact_id":"546cba4a1da41716ab000065",
        "date":"2013-09-08","call_result":"conversation","modified_at":"2014-11-19T15:43:33.121Z"}"#;

    #[test]
    fn success_decodes_data() {
        let body = format!(r#"{{"status":0,"message":"OK","timestamp":1,"data":{{"call":{CALL}}}}}"#);
        let call: CallData = decode_answer(200, &body).unwrap();
        assert_eq!(call.call.call_result, CallResult::Conversation);
    }

    #[test]
    fn unknown_fields_and_unknown_results_are_tolerated() {
        let body = r#"{"status":0,"message":"OK","timestamp":1,"extra":true,"data":{"calls":[{"call":
            {"id":"546cba4a1da41716ab00006d","contact_id":"546cba4a1da41716ab000065","date":"2013-09-08",
             "call_result":"busy","modified_at":"2014-11-19T15:43:33.121Z","sentiment":"good"}}],
             "total_count":1,"page":1,"max_page":1,"per_page":10,"cursor":"x"}}"#;
        let page: CallPage = decode_answer(200, body).unwrap();
        assert_eq!(page.calls[0].call.call_result, CallResult::Other("busy".into()));
    }

    #[test]
    fn error_envelope_keeps_message_and_field_errors() {
        let body = r#"{"status":422,"message":"The call was not saved: text is too long.","timestamp":1,
            "data":{"errors":{"text":["must be at most 10000 characters (it has 10001)"]}}}"#;
        let error = decode_answer::<CallData>(422, body).unwrap_err();
        assert_eq!(error.user_message(), "The call was not saved: text is too long.");
        assert_eq!(error.field_errors().unwrap().field("text").len(), 1);
    }

    #[test]
    fn http_error_without_envelope() {
        let error = decode_answer::<CallData>(502, "<html>Bad gateway</html>").unwrap_err();
        assert_eq!(error, ApiError::Http { status: 502 });
        assert!(error.user_message().contains("502"));
    }

    #[test]
    fn server_errors_do_not_show_internal_wording() {
        let body = r#"{"status":500,"message":"x","timestamp":1,"data":null}"#;
        let error = decode_answer::<CallData>(500, body).unwrap_err();
        assert!(error.user_message().contains("Try again"));
    }

    #[test]
    fn unreadable_success_is_a_decode_error() {
        assert!(matches!(
            decode_answer::<CallData>(200, "not json"),
            Err(ApiError::Decode(_))
        ));
        let wrong_shape = r#"{"status":0,"message":"OK","timestamp":1,"data":{"call":{"id":5}}}"#;
        assert!(matches!(
            decode_answer::<CallData>(200, wrong_shape),
            Err(ApiError::Decode(_))
        ));
    }

    #[test]
    fn unauthorized_reads_as_a_token_problem_when_the_server_says_nothing() {
        let body = r#"{"status":401,"message":"","timestamp":1,"data":null}"#;
        let error = decode_answer::<CallData>(401, body).unwrap_err();
        assert!(error.user_message().contains("token"));
    }
}
