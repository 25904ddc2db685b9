//! Tokens on every endpoint, authors from tokens, and CORS for CRM pages.

use reqwest::Method;
use serde_json::json;

use crate::common::{TestServer, reply};

const SOME_ID: &str = "0123456789abcdef01234567";

#[tokio::test]
async fn every_endpoint_answers_401_without_a_token_or_with_an_unknown_one() {
    let server = TestServer::start().await;
    let operations = calls_server::routes::operation_table();
    assert!(operations.len() >= 13);
    for (method, path) in operations {
        let path = format!("/api{}", path.replace("{id}", SOME_ID));
        let method: Method = method.parse().unwrap();
        let body = (method == Method::POST || method == Method::PUT).then(|| json!({}));
        let without = server.send_as(None, method.clone(), &path, body.clone()).await;
        assert!(without.assert_error(401).contains("token"), "{method} {path}");
        assert_eq!(
            without.headers.get("www-authenticate").map(|v| v.to_str().unwrap()),
            Some("Bearer")
        );
        let unknown = server.send_as(Some("not-a-token"), method.clone(), &path, body).await;
        unknown.assert_error(401);
    }
}

#[tokio::test]
async fn the_api_key_parameter_works_like_the_header() {
    let server = TestServer::start().await;
    let reply = server
        .send_as(
            None,
            Method::GET,
            &format!("/api/calls.json?api_key={}", server.token),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{:#}", reply.body);
    let lowercase_scheme = server
        .raw(Method::GET, "/api/calls.json")
        .header("authorization", format!("bearer {}", server.token))
        .send()
        .await
        .unwrap();
    assert_eq!(lowercase_scheme.status(), 200);
}

#[tokio::test]
async fn the_author_is_the_user_of_the_token_and_new_tokens_work_at_once() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let jane = server.cli(&["token", "create", "--first", "Jane", "--last", "Doe"]);
    assert!(jane.starts_with("cw_") && jane.len() > 40, "{jane}");
    let reply = server
        .send_as(
            Some(&jane),
            Method::POST,
            &format!("/api/contacts/{contact}/calls.json?partial=1"),
            Some(json!({})),
        )
        .await;
    assert_eq!(reply.status, 201, "{:#}", reply.body);
    assert_eq!(reply.data()["call"]["author"], "jane d.");
    assert_eq!(server.log_call(&contact, json!({})).await["author"], "peter a.");
    // Only the hash is stored.
    let stored = match server.sqlite_path() {
        Some(path) => String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned(),
        None => {
            use sqlx::Connection;
            let mut connection = sqlx::PgConnection::connect(&server.db).await.unwrap();
            let rows: Vec<String> = sqlx::query_scalar("SELECT row_to_json(users)::text FROM users")
                .fetch_all(&mut connection)
                .await
                .unwrap();
            assert_eq!(rows.len(), 2, "{rows:?}");
            rows.join("\n")
        }
    };
    assert!(!stored.contains(&jane));
}

#[tokio::test]
async fn openapi_is_readable_without_a_token() {
    let server = TestServer::start().await;
    let reply = server.send_as(None, Method::GET, "/api/openapi.json", None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["openapi"], "3.1.0");
}

#[tokio::test]
async fn cors_preflight_from_an_allowed_origin_is_answered() {
    let server = TestServer::start_with(&["--allow-origin", "https://crm.example.com"]).await;
    let preflight = server
        .raw(Method::OPTIONS, "/api/contacts/0123456789abcdef01234567/calls.json")
        .header("origin", "https://crm.example.com")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization, content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "https://crm.example.com");
    assert_eq!(headers["access-control-allow-credentials"], "true");
    let methods = headers["access-control-allow-methods"].to_str().unwrap();
    for method in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let allowed_headers = headers["access-control-allow-headers"].to_str().unwrap().to_lowercase();
    assert!(allowed_headers.contains("authorization") && allowed_headers.contains("content-type"));

    // The real request, and its errors, carry the header too, so the page can read them.
    let denied = server
        .raw(Method::GET, "/api/calls.json")
        .header("origin", "https://crm.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(
        denied.headers()["access-control-allow-origin"],
        "https://crm.example.com"
    );
    reply(denied).await.assert_error(401);
}

#[tokio::test]
async fn cors_preflight_from_another_origin_is_refused() {
    let server = TestServer::start_with(&["--allow-origin", "https://crm.example.com"]).await;
    let preflight = server
        .raw(Method::OPTIONS, "/api/calls.json")
        .header("origin", "https://evil.example.net")
        .header("access-control-request-method", "DELETE")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight.headers().get("access-control-allow-origin").is_none());
    let request = server
        .raw(Method::GET, "/api/calls.json")
        .bearer_auth(&server.token)
        .header("origin", "https://evil.example.net")
        .send()
        .await
        .unwrap();
    assert!(request.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_malformed_origin_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_calls-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--allow-origin",
            "crm.example.com/path",
            "--db",
        ])
        .arg(dir.path().join("x.sqlite3"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--allow-origin"));
}
