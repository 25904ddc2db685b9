//! Create, read, update and delete, with the contract's defaults and rules.

use serde_json::json;

use crate::common::{TestServer, full_fields};

#[tokio::test]
async fn full_create_stores_every_field_and_answers_201() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let reply = server
        .post(
            &format!("/api/calls.json?contact_id={contact}"),
            json!({ "call": full_fields() }),
        )
        .await;
    assert_eq!(reply.status, 201, "{:#}", reply.body);
    assert_eq!(
        (reply.body["status"].as_i64(), reply.body["message"].as_str()),
        (Some(0), Some("OK"))
    );
    let call = &reply.data()["call"];
    for (field, value) in full_fields().as_object().unwrap() {
        assert_eq!(&call[field], value, "{field}");
    }
    assert_eq!(call["contact_id"], contact.as_str());
    assert_eq!(call["author"], "peter a.");
    let id = call["id"].as_str().unwrap();
    assert!(
        id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{id}"
    );
    let modified = call["modified_at"].as_str().unwrap();
    assert!(
        modified.ends_with('Z') && modified.len() == "2014-11-19T15:43:33.121Z".len(),
        "{modified}"
    );

    let fetched = server.get(&format!("/api/calls/{id}.json")).await;
    assert_eq!(fetched.status, 200);
    assert_eq!(&fetched.data()["call"], call);
}

#[tokio::test]
async fn create_through_the_contact_path_is_the_same_as_through_the_query() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let reply = server
        .post(
            &format!("/api/contacts/{contact}/calls.json"),
            json!({ "call": full_fields() }),
        )
        .await;
    assert_eq!(reply.status, 201, "{:#}", reply.body);
    assert_eq!(reply.data()["call"]["contact_id"], contact.as_str());
}

#[tokio::test]
async fn full_create_names_every_missing_field() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let reply = server
        .post(
            &format!("/api/contacts/{contact}/calls.json"),
            json!({"call": {"text": "hi"}}),
        )
        .await;
    reply.assert_error(422);
    let errors = reply.data()["errors"].as_object().unwrap();
    let mut missing: Vec<_> = errors.keys().map(String::as_str).collect();
    missing.sort_unstable();
    assert_eq!(
        missing,
        ["call_result", "called_via", "date", "phone_number", "recording_link"]
    );
    assert_eq!(
        server.get(&format!("/api/contacts/{contact}/calls.json")).await.data()["total_count"],
        0
    );
}

#[tokio::test]
async fn partial_create_fills_defaults() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let call = server.log_call(&contact, json!({})).await;
    assert_eq!(call["date"], chrono::Utc::now().date_naive().to_string());
    assert_eq!(call["call_result"], "conversation");
    for field in ["text", "called_via", "phone_number", "recording_link"] {
        assert_eq!(call[field], "", "{field}");
    }
}

#[tokio::test]
async fn partial_true_is_the_same_as_partial_1_and_bad_values_are_refused() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json");
    assert_eq!(
        server.post(&format!("{path}?partial=true"), json!({})).await.status,
        201
    );
    let refused = server.post(&format!("{path}?partial=yes"), json!({})).await;
    assert!(refused.assert_error(400).contains("partial"));
}

#[tokio::test]
async fn spaced_result_aliases_are_stored_as_the_underscored_values() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let no_answer = server.log_call(&contact, json!({"call_result": "no answer"})).await;
    let left = server.log_call(&contact, json!({"call_result": "left message"})).await;
    let underscored = server.log_call(&contact, json!({"call_result": "left_message"})).await;
    assert_eq!(no_answer["call_result"], "no_answer");
    assert_eq!(left["call_result"], "left_message");
    assert_eq!(underscored["call_result"], "left_message");
}

#[tokio::test]
async fn read_only_and_unknown_fields_in_a_body_are_ignored() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let other = server.contact("Bob", None);
    let call = server
        .log_call(
            &contact,
            json!({
                "id": "000000000000000000000001",
                "contact_id": other,
                "author": "mallory m.",
                "modified_at": "2000-01-01T00:00:00.000Z",
                "mood": "great",
                "text": "kept"
            }),
        )
        .await;
    assert_ne!(call["id"], "000000000000000000000001");
    assert_eq!(call["contact_id"], contact.as_str());
    assert_eq!(call["author"], "peter a.");
    assert_ne!(call["modified_at"], "2000-01-01T00:00:00.000Z");
    assert_eq!(call["text"], "kept");
    assert!(call.get("mood").is_none());
}

#[tokio::test]
async fn a_bare_body_is_accepted_like_a_wrapped_one() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let reply = server
        .post(&format!("/api/contacts/{contact}/calls.json"), full_fields())
        .await;
    assert_eq!(reply.status, 201, "{:#}", reply.body);
    assert_eq!(reply.data()["call"]["text"], "Discussed the renewal.");
}

#[tokio::test]
async fn create_needs_a_known_contact() {
    let server = TestServer::start().await;
    let company = server.company("Acme");
    let no_contact = server.post("/api/calls.json?partial=1", json!({})).await;
    assert!(no_contact.assert_error(400).contains("contact_id"));
    let unknown = server
        .post(
            "/api/calls.json?partial=1&contact_id=0123456789abcdef01234567",
            json!({}),
        )
        .await;
    unknown.assert_error(404);
    let unknown_path = server
        .post("/api/contacts/0123456789abcdef01234567/calls.json?partial=1", json!({}))
        .await;
    unknown_path.assert_error(404);
    let malformed = server.post("/api/contacts/nope/calls.json?partial=1", json!({})).await;
    malformed.assert_error(404);
    let for_company = server
        .post(&format!("/api/calls.json?partial=1&company_id={company}"), json!({}))
        .await;
    assert!(for_company.assert_error(400).contains("contact"));
}

#[tokio::test]
async fn full_update_replaces_every_field() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let before = server
        .log_call(&contact, json!({"text": "first", "called_via": "Skype"}))
        .await;
    let id = before["id"].as_str().unwrap();
    let replacement = json!({
        "date": "2023-01-02", "call_result": "no answer", "text": "", "called_via": "",
        "phone_number": "123", "recording_link": ""
    });
    let reply = server
        .put(&format!("/api/calls/{id}.json"), json!({ "call": replacement }))
        .await;
    assert_eq!(reply.status, 200, "{:#}", reply.body);
    let after = &reply.data()["call"];
    assert_eq!(after["date"], "2023-01-02");
    assert_eq!(after["call_result"], "no_answer");
    assert_eq!(after["called_via"], "");
    assert_eq!(after["phone_number"], "123");
    assert_eq!(after["id"], before["id"]);
    assert_eq!(after["author"], before["author"]);
    assert!(after["modified_at"].as_str() >= before["modified_at"].as_str());
    assert_eq!(
        &server.get(&format!("/api/calls/{id}.json")).await.data()["call"],
        after
    );
}

#[tokio::test]
async fn full_update_without_every_field_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let before = server.log_call(&contact, json!({"text": "first"})).await;
    let id = before["id"].as_str().unwrap();
    let reply = server
        .put(&format!("/api/calls/{id}.json"), json!({"call": {"text": "second"}}))
        .await;
    reply.assert_error(422);
    assert_eq!(
        server.get(&format!("/api/calls/{id}.json")).await.data()["call"]["text"],
        "first"
    );
}

#[tokio::test]
async fn partial_update_changes_only_the_given_fields() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let before = server
        .log_call(
            &contact,
            json!({"text": "first", "called_via": "Skype", "date": "2024-01-01"}),
        )
        .await;
    let id = before["id"].as_str().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let reply = server
        .put(
            &format!("/api/calls/{id}.json?partial=1"),
            json!({"call": {"text": "second"}}),
        )
        .await;
    assert_eq!(reply.status, 200, "{:#}", reply.body);
    let after = &reply.data()["call"];
    assert_eq!(after["text"], "second");
    assert_eq!(after["called_via"], "Skype");
    assert_eq!(after["date"], "2024-01-01");
    assert!(after["modified_at"].as_str() > before["modified_at"].as_str());
}

#[tokio::test]
async fn update_of_an_unknown_call_is_404() {
    let server = TestServer::start().await;
    let reply = server
        .put(
            "/api/calls/0123456789abcdef01234567.json?partial=1",
            json!({"text": "x"}),
        )
        .await;
    reply.assert_error(404);
    server
        .put("/api/calls/zzz.json?partial=1", json!({"text": "x"}))
        .await
        .assert_error(404);
}

#[tokio::test]
async fn delete_answers_the_id_and_the_call_is_gone() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let call = server.log_call(&contact, json!({})).await;
    let id = call["id"].as_str().unwrap();
    let reply = server.delete(&format!("/api/calls/{id}.json")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["status"], 0);
    assert_eq!(reply.data(), &json!({ "id": id }));
    server.get(&format!("/api/calls/{id}.json")).await.assert_error(404);
    server.delete(&format!("/api/calls/{id}.json")).await.assert_error(404);
    assert_eq!(
        server.get(&format!("/api/contacts/{contact}/calls.json")).await.data()["total_count"],
        0
    );
}

#[tokio::test]
async fn get_of_an_unknown_or_malformed_id_is_404() {
    let server = TestServer::start().await;
    server
        .get("/api/calls/0123456789abcdef01234567.json")
        .await
        .assert_error(404);
    server.get("/api/calls/not-an-id.json").await.assert_error(404);
}

#[tokio::test]
async fn text_from_a_body_is_stored_exactly_as_sent() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let text = "<img src=x onerror=\"window.__pwned=1\">\n\n<script>alert(1)</script> — ünïcödé 📞";
    let call = server.log_call(&contact, json!({ "text": text })).await;
    let id = call["id"].as_str().unwrap();
    assert_eq!(
        server.get(&format!("/api/calls/{id}.json")).await.data()["call"]["text"],
        text
    );
}
