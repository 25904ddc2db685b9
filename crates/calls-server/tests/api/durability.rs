//! A call the server answered 201 for survives `kill -9`, and a restart on a database
//! that a newer server has migrated.

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

#[tokio::test]
async fn a_server_restarts_on_a_database_that_a_newer_server_migrated() {
    use sqlx::Connection;
    let mut server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let call = server.log_call(&contact, json!({ "text": "before the upgrade" })).await;
    // A newer server applied a migration this one does not know (a rolling upgrade).
    let newer = "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                 VALUES (99990101000000, 'from a newer server', TRUE, ";
    match server.sqlite_path() {
        Some(path) => {
            let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            sqlx::raw_sql(&format!("{newer} X'00', 0)"))
                .execute(&mut db)
                .await
                .unwrap();
        }
        None => {
            let mut db = sqlx::PgConnection::connect(&server.db).await.unwrap();
            sqlx::raw_sql(&format!("{newer} '\\x00'::bytea, 0)"))
                .execute(&mut db)
                .await
                .unwrap();
        }
    }
    server.restart(&[]);
    let id = call["id"].as_str().unwrap();
    assert_eq!(server.get(&format!("/api/calls/{id}.json")).await.data()["call"], call);
}
