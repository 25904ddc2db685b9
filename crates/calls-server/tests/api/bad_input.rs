//! Bad input of every kind gets the error envelope with a message a person can act on.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{TestServer, reply};

const LIMITS: [(&str, usize); 3] = [("text", 10_000), ("called_via", 100), ("phone_number", 40)];

#[tokio::test]
async fn fields_at_their_limit_are_accepted_and_one_more_is_refused_not_cut() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    for (field, limit) in LIMITS {
        let at_limit = "é".repeat(limit);
        let ok = server.post(&path, json!({ field: at_limit })).await;
        assert_eq!(ok.status, 201, "{field} at its limit: {:#}", ok.body);
        assert_eq!(ok.data()["call"][field], at_limit.as_str());

        let over = server.post(&path, json!({ field: "a".repeat(limit + 1) })).await;
        let message = over.assert_error(422);
        assert!(message.contains(field), "{message}");
        let errors = &over.data()["errors"][field];
        assert!(errors[0].as_str().unwrap().contains(&limit.to_string()), "{errors}");
    }
    let link_at_limit = format!("https://x.org/{}", "a".repeat(2048 - 14));
    assert_eq!(
        server
            .post(&path, json!({ "recording_link": link_at_limit }))
            .await
            .status,
        201
    );
    let link_over = format!("{link_at_limit}a");
    server
        .post(&path, json!({ "recording_link": link_over }))
        .await
        .assert_error(422);
    // Nothing over a limit was stored, cut or not.
    let calls = server
        .get(&format!("/api/contacts/{contact}/calls.json?per_page=100"))
        .await;
    assert_eq!(calls.data()["total_count"], 4);
}

#[tokio::test]
async fn a_nul_character_is_refused_and_other_characters_are_stored_as_sent() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    for (field, _) in LIMITS {
        let refused = server.post(&path, json!({ field: "before\u{0}after" })).await;
        let message = refused.assert_error(422);
        assert!(message.contains(field), "{message}");
        let kept = "tab\t, line\nbreak, \u{7}, 📞, \u{202e}";
        let stored = server.post(&path, json!({ field: kept })).await;
        assert_eq!(stored.status, 201, "{field}: {:#}", stored.body);
        assert_eq!(stored.data()["call"][field], kept);
    }
}

#[tokio::test]
async fn recording_link_must_be_an_absolute_http_url() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    for bad in [
        "javascript:alert(1)",
        "ftp://files.example.com/a.mp3",
        "rec.example.com/a.mp3",
        "/a.mp3",
    ] {
        let reply = server.post(&path, json!({ "recording_link": bad })).await;
        reply.assert_error(422);
        assert!(
            reply.data()["errors"]["recording_link"][0]
                .as_str()
                .unwrap()
                .contains("http"),
            "{bad}"
        );
    }
    for good in ["", "http://rec.example.com/a.mp3", "https://rec.example.com/a.mp3?t=1"] {
        assert_eq!(
            server.post(&path, json!({ "recording_link": good })).await.status,
            201,
            "{good}"
        );
    }
}

#[tokio::test]
async fn unknown_call_result_and_bad_dates_are_field_errors() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let reply = server
        .post(&path, json!({"call_result": "busy", "date": "2024-02-30"}))
        .await;
    reply.assert_error(422);
    assert!(
        reply.data()["errors"]["call_result"][0]
            .as_str()
            .unwrap()
            .contains("conversation")
    );
    assert!(
        reply.data()["errors"]["date"][0]
            .as_str()
            .unwrap()
            .contains("YYYY-MM-DD")
    );
}

#[tokio::test]
async fn wrong_types_name_the_field() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let reply = server
        .post(
            &path,
            json!({"text": 42, "date": 20240101, "called_via": ["x"], "call_result": {}}),
        )
        .await;
    reply.assert_error(422);
    let errors = reply.data()["errors"].as_object().unwrap();
    for field in ["text", "date", "called_via", "call_result"] {
        assert!(errors.contains_key(field), "{field}: {errors:?}");
    }
    for body in [json!([1, 2]), json!("text"), json!({"call": "x"})] {
        server.post(&path, body).await.assert_error(422);
    }
}

#[tokio::test]
async fn malformed_json_is_400_with_where_it_broke() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let sent = server
        .raw(Method::POST, &path)
        .bearer_auth(&server.token)
        .header("content-type", "application/json")
        .body("{\"call\": {\"text\": \"unterminated}")
        .send()
        .await
        .unwrap();
    let message = reply(sent).await.assert_error(400).to_owned();
    assert!(
        message.contains("not valid JSON") && message.contains("line"),
        "{message}"
    );

    let empty = server
        .raw(Method::POST, &path)
        .bearer_auth(&server.token)
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert!(reply(empty).await.assert_error(400).contains("no body"));
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let sent = server
        .raw(Method::POST, &format!("/api/contacts/{contact}/calls.json?partial=1"))
        .bearer_auth(&server.token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("text=hello")
        .send()
        .await
        .unwrap();
    assert!(reply(sent).await.assert_error(415).contains("application/json"));
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let huge = serde_json::to_vec(&json!({"text": "a".repeat(1024 * 1024)})).unwrap();
    let sent = server
        .raw(Method::POST, &format!("/api/contacts/{contact}/calls.json?partial=1"))
        .bearer_auth(&server.token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    reply(sent).await.assert_error(413);
}

#[tokio::test]
async fn formats_other_than_json_are_406_and_a_missing_one_is_404() {
    let server = TestServer::start().await;
    for path in [
        "/api/calls.xml",
        "/api/calls.csv",
        "/api/calls/0123456789abcdef01234567.html",
    ] {
        server.get(path).await.assert_error(406);
    }
    server.get("/api/calls").await.assert_error(404);
    server.get("/api/unknown.json").await.assert_error(404);
}

#[tokio::test]
async fn a_method_a_path_does_not_have_is_an_envelope_too() {
    let server = TestServer::start().await;
    let reply = server.send(Method::PATCH, "/api/calls.json", Some(json!({}))).await;
    reply.assert_error(405);
    let on_company = server
        .post("/api/companies/0123456789abcdef01234567/calls.json", json!({}))
        .await;
    on_company.assert_error(405);
}

#[tokio::test]
async fn every_error_is_json_even_for_garbage_paths() {
    let server = TestServer::start().await;
    for path in [
        "/api/calls/%ZZ.json",
        "/api/calls/..%2F..%2Fetc.json",
        "/api/calls/a/b/c/d.json",
    ] {
        let reply = server.get(path).await;
        assert!(matches!(reply.body, Value::Object(_)), "{path}: {:?}", reply.body);
        assert!(reply.status >= 400, "{path}");
    }
}

#[tokio::test]
async fn dot_dot_paths_do_not_reach_files() {
    let server = TestServer::start().await;
    let sent = server
        .raw(Method::GET, "/api/../../../../etc/passwd")
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 404);
    assert!(!sent.text().await.unwrap().contains("root:"));
}

#[tokio::test]
async fn a_query_parameter_an_operation_does_not_take_is_refused_by_name() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let company = server.company("Acme");
    let call = server.log_call(&contact, json!({})).await;
    let call_id = call["id"].as_str().unwrap().to_owned();
    let before = server.get("/api/calls.json?per_page=100").await.data()["total_count"].clone();
    for (method, path) in calls_server::routes::operation_table() {
        let id = if path.starts_with("/calls/") {
            &call_id
        } else if path.starts_with("/companies/") {
            &company
        } else {
            &contact
        };
        // A misspelled filter, and a parameter of another operation.
        for unknown in ["sinse=2024-01-01", "foo=bar&partial=1"] {
            let path = format!("/api{}?{unknown}", path.replace("{id}", id));
            let method: Method = method.parse().unwrap();
            let body = (method == Method::POST || method == Method::PUT).then(crate::common::full_fields);
            let reply = server.send(method.clone(), &path, body).await;
            let name = unknown.split('=').next().unwrap();
            let message = reply.assert_error(400);
            assert!(message.contains(&format!("`{name}`")), "{method} {path}: {message}");
        }
    }
    // Nothing was written or deleted, and the parameters an operation takes still work.
    assert_eq!(
        server.get("/api/calls.json?per_page=100").await.data()["total_count"],
        before
    );
    let listed = server
        .get(&format!(
            "/api/calls.json?contact_id={contact}&date_filter=created&since=2020-01-01&page=1&per_page=5&api_key={}",
            server.token
        ))
        .await;
    assert_eq!(listed.status, 200, "{:#}", listed.body);
    assert_eq!(listed.call_ids(), vec![call_id]);
}

#[tokio::test]
async fn a_full_write_missing_a_field_is_refused_whatever_else_the_body_carries() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let call = server.log_call(&contact, json!({})).await;
    let id = call["id"].as_str().unwrap();
    let mut missing_link = crate::common::full_fields();
    missing_link.as_object_mut().unwrap().remove("recording_link");
    missing_link["colour"] = json!("blue");
    for body in [
        json!({ "call": missing_link.clone(), "extra": 1 }),
        missing_link.clone(),
    ] {
        for (method, path) in [
            (Method::PUT, format!("/api/calls/{id}.json?partial=0")),
            (Method::PUT, format!("/api/calls/{id}.json")),
            (
                Method::POST,
                format!("/api/contacts/{contact}/calls.json?partial=false"),
            ),
        ] {
            let reply = server.send(method.clone(), &path, Some(body.clone())).await;
            reply.assert_error(422);
            assert!(
                reply.data()["errors"]["recording_link"].is_array(),
                "{method} {path}: {:#}",
                reply.body
            );
        }
    }
    // Unknown keys beside a full set are ignored, as the description says; a partial
    // write (the bare form here) needs only what it changes.
    let mut full = crate::common::full_fields();
    full["colour"] = json!("blue");
    assert_eq!(server.put(&format!("/api/calls/{id}.json"), full).await.status, 200);
    let partial = server
        .post(
            &format!("/api/contacts/{contact}/calls.json?partial=1"),
            json!({ "phone_number": "+1 555 0199", "colour": "blue" }),
        )
        .await;
    assert_eq!(partial.status, 201, "{:#}", partial.body);
    assert_eq!(partial.data()["call"]["phone_number"], "+1 555 0199");
}
