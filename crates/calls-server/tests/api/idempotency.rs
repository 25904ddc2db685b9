//! `Idempotency-Key` on writes, as ../shared/calls-api.md "Idempotent writes" says.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{TestServer, full_fields};

const KEY: &str = "0b4e7a4c-8a7f-4c65-9a53-1f0d6c1e2a11";

/// A raw request with the server's token and an idempotency key; status, replayed
/// header and the body's bytes.
async fn keyed(
    server: &TestServer,
    token: &str,
    method: Method,
    path: &str,
    key: &str,
    body: Option<&Value>,
) -> (u16, Option<String>, Vec<u8>) {
    let mut request = server
        .raw(method, path)
        .bearer_auth(token)
        .header("Idempotency-Key", key);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .map(|value| value.to_str().unwrap_or_default().to_owned());
    (status, replayed, response.bytes().await.expect("a body").to_vec())
}

fn create_body(text: &str) -> Value {
    json!({ "call": { "text": text, "call_result": "conversation" } })
}

async fn call_count(server: &TestServer, contact: &str) -> u64 {
    let reply = server.get(&format!("/api/contacts/{contact}/calls.json")).await;
    reply.data()["total_count"].as_u64().expect("a count")
}

fn call_id(body: &[u8]) -> String {
    let envelope: Value = serde_json::from_slice(body).expect("JSON");
    envelope["data"]["call"]["id"].as_str().expect("a call id").to_owned()
}

#[tokio::test]
async fn a_replay_answers_the_first_answer_byte_for_byte_and_creates_nothing() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Asked about renewal");
    let first = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    assert_eq!((first.0, first.1.as_deref()), (201, None));
    // The envelope's timestamp is in seconds: a replay a second later must still be the
    // first answer, not a new one.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let again = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    assert_eq!((again.0, again.1.as_deref()), (201, Some("true")));
    assert_eq!(again.2, first.2, "the replay is the first answer, byte for byte");
    assert_eq!(call_count(&server, &contact).await, 1);

    // The same holds for an edit and a delete: a repeated delete is not a 404.
    let id = call_id(&first.2);
    let edit = json!({ "call": { "text": "Renewal agreed" } });
    let edit_path = format!("/api/calls/{id}.json?partial=1");
    let edited = keyed(&server, &server.token, Method::PUT, &edit_path, "edit-1", Some(&edit)).await;
    assert_eq!(edited.0, 200);
    let later = json!({ "call": { "text": "Changed by someone else" } });
    server.put(&edit_path, later).await;
    let edited_again = keyed(&server, &server.token, Method::PUT, &edit_path, "edit-1", Some(&edit)).await;
    assert_eq!((edited_again.0, edited_again.2), (200, edited.2.clone()));
    let shown = server.get(&format!("/api/calls/{id}.json")).await;
    assert_eq!(
        shown.data()["call"]["text"],
        "Changed by someone else",
        "the replay wrote nothing"
    );
    let delete_path = format!("/api/calls/{id}.json");
    let deleted = keyed(&server, &server.token, Method::DELETE, &delete_path, "delete-1", None).await;
    let deleted_again = keyed(&server, &server.token, Method::DELETE, &delete_path, "delete-1", None).await;
    assert_eq!(
        (deleted.0, deleted_again.0, deleted_again.1.as_deref()),
        (200, 200, Some("true"))
    );
    assert_eq!(deleted_again.2, deleted.2);
}

#[tokio::test]
async fn the_same_key_while_the_first_request_is_processed_is_a_409_and_one_write() {
    // Every write waits 600 ms before it commits, so the second request comes while the
    // first is in flight.
    let server = TestServer::start_with_env(&[], &[("CALLS_SERVER_DELAY_COMMIT_MS", "600")]).await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Asked about renewal");
    let first = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body));
    let second = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await
    };
    let (first, second) = tokio::join!(first, second);
    assert_eq!(first.0, 201);
    assert_eq!(second.0, 409, "{}", String::from_utf8_lossy(&second.2));
    let envelope: Value = serde_json::from_slice(&second.2).unwrap();
    assert!(envelope["message"].as_str().unwrap().contains("retry"), "{envelope}");

    // Many at once: still one call, and every answer is the first one or a 409.
    let burst = format!("{KEY}-burst");
    let answers = futures::future::join_all(
        (0..8).map(|_| keyed(&server, &server.token, Method::POST, &path, &burst, Some(&body))),
    )
    .await;
    assert!(answers.iter().all(|answer| answer.0 == 201 || answer.0 == 409));
    let written: Vec<_> = answers
        .iter()
        .filter(|answer| answer.0 == 201 && answer.1.is_none())
        .collect();
    assert_eq!(
        written.len(),
        1,
        "one request wrote; the others were told to retry (or got its answer)"
    );
    let replay = keyed(&server, &server.token, Method::POST, &path, &burst, Some(&body)).await;
    assert_eq!(replay.2, written[0].2);
    for answer in answers.iter().filter(|answer| answer.0 == 201) {
        assert_eq!(answer.2, written[0].2);
    }
    assert_eq!(call_count(&server, &contact).await, 2);
}

#[tokio::test]
async fn the_same_key_on_another_request_is_a_422() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let first = keyed(
        &server,
        &server.token,
        Method::POST,
        &path,
        KEY,
        Some(&create_body("One")),
    )
    .await;
    assert_eq!(first.0, 201);
    let other = keyed(
        &server,
        &server.token,
        Method::POST,
        &path,
        KEY,
        Some(&create_body("Two")),
    )
    .await;
    assert_eq!(other.0, 422);
    let envelope: Value = serde_json::from_slice(&other.2).unwrap();
    assert!(
        envelope["message"].as_str().unwrap().contains("different request"),
        "{envelope}"
    );
    let other_path = format!("/api/contacts/{contact}/calls.json");
    let full = json!({ "call": full_fields() });
    let elsewhere = keyed(&server, &server.token, Method::POST, &other_path, KEY, Some(&full)).await;
    assert_eq!(elsewhere.0, 422, "another path is another request");
    assert_eq!(call_count(&server, &contact).await, 1);
}

#[tokio::test]
async fn keys_are_per_user_and_a_failed_request_frees_its_key() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let other_token = server.cli(&["token", "create", "--first", "Mia", "--last", "Jones"]);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Same words, same key, two people");
    let peter = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    let mia = keyed(&server, &other_token, Method::POST, &path, KEY, Some(&body)).await;
    assert_eq!((peter.0, mia.0, mia.1), (201, 201, None));
    assert_ne!(call_id(&peter.2), call_id(&mia.2));
    assert_eq!(call_count(&server, &contact).await, 2);

    // A request that wrote nothing (an unknown contact) keeps no answer: once the contact
    // exists, the same key and request are processed.
    let missing = "6553f100de30020000009999";
    let missing_path = format!("/api/contacts/{missing}/calls.json?partial=1");
    let refused = keyed(&server, &server.token, Method::POST, &missing_path, "k2", Some(&body)).await;
    assert_eq!(refused.0, 404);
    let again = keyed(&server, &server.token, Method::POST, &missing_path, "k2", Some(&body)).await;
    assert_eq!((again.0, again.1), (404, None));
}

#[tokio::test]
async fn keys_must_be_visible_ascii_and_without_one_nothing_changes() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Hello");
    let long = "k".repeat(256);
    for bad in [long.as_str(), "has space", ""] {
        let answer = keyed(&server, &server.token, Method::POST, &path, bad, Some(&body)).await;
        assert_eq!(answer.0, 400, "key {bad:?}");
    }
    let longest = "k".repeat(255);
    assert_eq!(
        keyed(&server, &server.token, Method::POST, &path, &longest, Some(&body))
            .await
            .0,
        201
    );
    // Without a key, the same request twice is two calls, as before.
    server.post(&path, body.clone()).await;
    server.post(&path, body).await;
    assert_eq!(call_count(&server, &contact).await, 3);
}

#[tokio::test]
async fn a_server_without_idempotency_ignores_the_key() {
    let server = TestServer::start_with(&["--no-idempotency"]).await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Hello");
    let first = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    let second = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    assert_eq!((first.0, second.0, second.1), (201, 201, None));
    assert_eq!(call_count(&server, &contact).await, 2);
}

#[tokio::test]
async fn killed_between_commit_and_answer_the_replay_after_restart_is_the_same_call() {
    let mut server = TestServer::start_with_env(&[], &[("CALLS_SERVER_PAUSE_AFTER_COMMIT", "1")]).await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json?partial=1");
    let body = create_body("Saved, but the answer never left");
    let request = server
        .raw(Method::POST, &path)
        .bearer_auth(&server.token)
        .header("Idempotency-Key", KEY)
        .json(&body)
        .send();
    let pending = tokio::spawn(request);
    // Committed: the call is in the list (reads are not held), while the POST has no answer.
    let deadline = Instant::now() + Duration::from_secs(10);
    let stored = loop {
        let calls = server
            .get(&format!("/api/contacts/{contact}/calls.json"))
            .await
            .call_ids();
        if let Some(id) = calls.first() {
            break id.clone();
        }
        assert!(Instant::now() < deadline, "the write never committed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(!pending.is_finished(), "the write answered although it should not have");
    server.kill_hard();
    assert!(
        pending.await.expect("the task ran").is_err(),
        "the killed server never answered"
    );

    server.restart_with_env(&[], &[]);
    let replay = keyed(&server, &server.token, Method::POST, &path, KEY, Some(&body)).await;
    assert_eq!((replay.0, replay.1.as_deref()), (201, Some("true")));
    assert_eq!(call_id(&replay.2), stored);
    assert_eq!(call_count(&server, &contact).await, 1);
}

#[tokio::test]
async fn cors_lets_pages_send_the_key_and_read_the_replayed_header() {
    let server = TestServer::start_with(&["--allow-origin", "https://crm.example.com"]).await;
    let preflight = server
        .raw(Method::OPTIONS, "/api/calls.json")
        .header("origin", "https://crm.example.com")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("idempotency-key"), "{allowed}");
    let contact = server.contact("Ada", None);
    let response = server
        .raw(Method::POST, &format!("/api/contacts/{contact}/calls.json?partial=1"))
        .header("origin", "https://crm.example.com")
        .bearer_auth(&server.token)
        .header("Idempotency-Key", KEY)
        .json(&create_body("Hello"))
        .send()
        .await
        .unwrap();
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(exposed.contains("idempotent-replayed"), "{exposed}");
}
