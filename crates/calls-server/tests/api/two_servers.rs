//! Several server processes on one database (PostgreSQL behind a load balancer; two on one
//! SQLite file work too): nothing a request depends on lives in one process's memory.

use reqwest::Method;
use serde_json::json;

use crate::common::{TestServer, full_fields, reply};

#[tokio::test]
async fn a_call_created_through_one_server_is_read_edited_and_deleted_through_another() {
    let one = TestServer::start().await;
    let other = one.another_process(&[]);
    let contact = one.contact("Ada", None);
    let created = one.log_call(&contact, json!({ "text": "first words" })).await;
    let id = created["id"].as_str().unwrap();

    let read = other.get(&format!("/api/calls/{id}.json")).await;
    assert_eq!(read.status, 200, "{:#}", read.body);
    assert_eq!(read.data()["call"], created);
    let listed = other.get(&format!("/api/contacts/{contact}/calls.json")).await;
    assert_eq!(listed.call_ids(), [id]);

    let edited = other
        .put(
            &format!("/api/calls/{id}.json?partial=1"),
            json!({ "call": { "text": "edited" } }),
        )
        .await;
    assert_eq!(edited.status, 200, "{:#}", edited.body);
    assert_eq!(
        one.get(&format!("/api/calls/{id}.json")).await.data()["call"]["text"],
        "edited"
    );

    assert_eq!(other.delete(&format!("/api/calls/{id}.json")).await.status, 200);
    one.get(&format!("/api/calls/{id}.json")).await.assert_error(404);
}

/// Logs a full call at `path` through `server` under an idempotency key.
fn log_with_key(
    server: &TestServer,
    path: &str,
    key: &str,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> {
    server
        .raw(Method::POST, path)
        .bearer_auth(&server.token)
        .header("Idempotency-Key", key)
        .json(&json!({ "call": full_fields() }))
        .send()
}

#[tokio::test]
async fn an_idempotency_key_used_on_one_server_is_replayed_by_another() {
    let one = TestServer::start().await;
    let other = one.another_process(&[]);
    let contact = one.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json");
    let first = reply(log_with_key(&one, &path, "3f1c0a52-one-key-two-servers").await.unwrap()).await;
    assert_eq!(first.status, 201, "{:#}", first.body);
    let again = reply(
        log_with_key(&other, &path, "3f1c0a52-one-key-two-servers")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.body, first.body);
    assert_eq!(other.get(&path).await.calls().len(), 1);
}

#[tokio::test]
async fn a_key_in_flight_on_one_server_is_a_409_on_another_and_one_write_in_all() {
    // The first server waits 600 ms before each commit, so the request through the other
    // comes while the first is in flight there.
    let one = TestServer::start_with_env(&[], &[("CALLS_SERVER_DELAY_COMMIT_MS", "600")]).await;
    let other = one.another_process(&[]);
    let contact = one.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json");
    let first = log_with_key(&one, &path, "8d2e4b10-in-flight-elsewhere");
    let second = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        log_with_key(&other, &path, "8d2e4b10-in-flight-elsewhere").await
    };
    let (first, second) = tokio::join!(first, second);
    let (first, second) = (reply(first.unwrap()).await, reply(second.unwrap()).await);
    assert_eq!(first.status, 201, "{:#}", first.body);
    second.assert_error(409);
    let replayed = reply(
        log_with_key(&other, &path, "8d2e4b10-in-flight-elsewhere")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(replayed.headers["idempotent-replayed"], "true");
    assert_eq!(replayed.body, first.body);
    assert_eq!(one.get(&path).await.calls().len(), 1);
}
