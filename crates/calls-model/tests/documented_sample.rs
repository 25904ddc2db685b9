//! The documented sample response in `shared/fixtures/` must parse as it is.

use calls_model::{CallPage, CallResult, Envelope};

/// The contract lives beside the repository, in `../shared/`, as it does on every
/// developer's machine and in CI.
fn sample() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/documented-list-response.json"
    );
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read the documented sample at {path}: {error}"))
}

#[test]
fn documented_list_response_parses_as_it_is() {
    let envelope: Envelope<CallPage> = serde_json::from_str(&sample()).expect("the documented sample must parse");
    assert_eq!(envelope.status, 0);
    assert_eq!(envelope.timestamp, 1_416_415_561);
    let page = envelope.data.expect("a list response has data");
    assert_eq!(
        (
            page.info.total_count,
            page.info.page,
            page.info.max_page,
            page.info.per_page
        ),
        (3, 1, 1, 10)
    );
    assert_eq!(page.calls.len(), 2);
    let first = &page.calls[0].call;
    assert_eq!(first.id.to_string(), "546cba4a1da41716ab00006d");
    assert_eq!(first.call_result, CallResult::Conversation);
    assert_eq!(first.recording_link, "http://www.lsdkiteboarding.com");
    assert_eq!(
        calls_model::time::format_timestamp(&first.modified_at),
        "2014-11-19T15:43:33.121Z"
    );
    assert_eq!(page.calls[1].call.called_via, "talkdesk");
}

#[test]
fn documented_sample_survives_a_round_trip() {
    let sample = sample();
    let envelope: Envelope<CallPage> = serde_json::from_str(&sample).unwrap();
    let written = serde_json::to_value(&envelope).unwrap();
    let original: serde_json::Value = serde_json::from_str(&sample).unwrap();
    assert_eq!(written, original);
}
