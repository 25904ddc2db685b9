//! Reading an answer: every body goes through the envelope, into the model's types or
//! one [`ApiError`]. Pure, so it is tested natively.

use calls_model::FieldErrors;

use super::error::ApiError;
use super::json::{self, Document, JsonNode};
use super::read::ReadJson;

/// Decodes an answer with HTTP `status` and `body` into `T` (the envelope's `data`).
pub fn decode_answer<T: ReadJson>(status: u16, body: &str) -> Result<T, ApiError> {
    let data = envelope_data(status, body)?;
    T::read(&data).map_err(ApiError::Decode)
}

/// The server's clock when it answered (the envelope's `timestamp`, in seconds), in ms.
pub fn envelope_time_ms(body: &str) -> Option<i64> {
    let seconds = json::parse(body)?.member("timestamp")?.number()?;
    (seconds.is_finite() && seconds >= 0.0).then_some((seconds * 1000.0) as i64)
}

/// The envelope's `data` of a successful answer, or the error the answer reports. Not
/// generic, so that it is compiled once however many kinds of answer there are.
fn envelope_data(status: u16, body: &str) -> Result<Document, ApiError> {
    let success = (200..300).contains(&status);
    let Some(document) = json::parse(body) else {
        return Err(if success {
            ApiError::Decode("the answer is not JSON".to_owned())
        } else {
            ApiError::Http { status }
        });
    };
    // The envelope's status says whether the answer is an error; without one, the
    // answer is not the contract's.
    let Some(envelope_status) = document
        .member("status")
        .and_then(|value| value.number())
        .filter(|number| (0.0..=999.0).contains(number))
    else {
        return Err(if success {
            ApiError::Decode("the answer has no envelope `status`".to_owned())
        } else {
            ApiError::Http { status }
        });
    };
    let envelope_status = envelope_status as u16;
    if envelope_status != 0 || !success {
        let fields = document
            .member("data")
            .and_then(|data| data.member("errors"))
            .and_then(|errors| FieldErrors::read(&errors).ok());
        return Err(ApiError::Api {
            status: if envelope_status != 0 { envelope_status } else { status },
            message: document
                .member("message")
                .and_then(|value| value.text())
                .unwrap_or_default(),
            fields,
        });
    }
    document
        .member("data")
        .ok_or_else(|| ApiError::Decode("the answer has no `data`".to_owned()))
}

#[cfg(test)]
mod tests {
    use calls_model::{CallData, CallPage, CallResult};

    use super::*;

    const CALL: &str = r#"{"id":"546cba4a1da41716ab00006d","contact_id":"546cba4a1da41716ab000065",
        "date":"2013-09-08","call_result":"conversation","modified_at":"2014-11-19T15:43:33.121Z"}"#;

    #[test]
    fn the_servers_clock_is_read_from_the_envelope() {
        let body = r#"{"status":0,"message":"OK","timestamp":1796383277,"data":{}}"#;
        assert_eq!(envelope_time_ms(body), Some(1_796_383_277_000));
        assert_eq!(envelope_time_ms(r#"{"status":0,"timestamp":"soon","data":{}}"#), None);
        assert_eq!(envelope_time_ms(r#"{"status":0,"timestamp":-4,"data":{}}"#), None);
        assert_eq!(envelope_time_ms("<html>"), None);
    }

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
        assert_eq!(
            error.user_message(crate::i18n::english()),
            "The call was not saved: text is too long."
        );
        assert_eq!(error.field_errors().unwrap().field("text").len(), 1);
    }

    #[test]
    fn http_error_without_envelope() {
        let error = decode_answer::<CallData>(502, "<html>Bad gateway</html>").unwrap_err();
        assert_eq!(error, ApiError::Http { status: 502 });
        assert!(error.user_message(crate::i18n::english()).contains("502"));
    }

    #[test]
    fn server_errors_do_not_show_internal_wording() {
        let body = r#"{"status":500,"message":"x","timestamp":1,"data":null}"#;
        let error = decode_answer::<CallData>(500, body).unwrap_err();
        assert!(error.user_message(crate::i18n::english()).contains("Try again"));
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
        assert!(error.user_message(crate::i18n::english()).contains("token"));
    }
}
