//! A call the server answered 201 for survives `kill -9`.

use serde_json::json;

use crate::common::TestServer;

#[tokio::test]
async fn a_created_call_survives_kill_9_and_restart() {
    let mut server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let mut created = Vec::new();
    for n in 0..5 {
        created.push(server.log_call(&contact, json!({ "text": format!("call {n}") })).await);
    }
    let last_id = created[4]["id"].as_str().unwrap().to_owned();
    let edited = server
        .put(
            &format!("/api/calls/{last_id}.json?partial=1"),
            json!({"text": "edited"}),
        )
        .await;
    assert_eq!(edited.status, 200);
    // SIGKILL: no shutdown, no checkpoint, nothing flushed by the server on the way out.
    server.restart(&[]);
    for call in &created[..4] {
        let id = call["id"].as_str().unwrap();
        let fetched = server.get(&format!("/api/calls/{id}.json")).await;
        assert_eq!(fetched.status, 200, "{id} was lost");
        assert_eq!(&fetched.data()["call"], call);
    }
    assert_eq!(
        server.get(&format!("/api/calls/{last_id}.json")).await.data()["call"]["text"],
        "edited"
    );
}
