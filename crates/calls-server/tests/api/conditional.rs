//! Conditional reads (`ETag` / `If-None-Match`): every successful `GET` is tagged, a
//! matching tag is a `304` with no body, and a list's tag changes with every write of its
//! owner's calls, wherever they are in the list, through any server on the database.

use reqwest::Method;
use serde_json::json;

use crate::common::{TestServer, reply};

/// The `ETag` of a `GET` of `path`, after checking that it is weak and comes with the
/// caching that goes with it.
async fn tag_of(server: &TestServer, path: &str) -> String {
    let answer = server.get(path).await;
    assert_eq!(answer.status, 200, "{path}: {:#}", answer.body);
    let etag = answer.headers["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\"") && etag.ends_with('"'), "{path}: {etag}");
    assert_eq!(answer.headers["cache-control"], "private, no-cache", "{path}");
    etag
}

/// The status and body length of a `GET` of `path` naming `etag`.
async fn get_if_none_match(server: &TestServer, path: &str, etag: &str) -> (u16, usize, Option<String>) {
    let response = server
        .raw(Method::GET, path)
        .bearer_auth(&server.token)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let echoed = response
        .headers()
        .get("etag")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.bytes().await.unwrap();
    (status, body.len(), echoed)
}

#[tokio::test]
async fn every_successful_get_is_tagged_and_naming_the_tag_is_a_304_without_a_body() {
    let server = TestServer::start().await;
    let company = server.company("Acme");
    let contact = server.contact("Ada", Some(&company));
    let call = server.log_call(&contact, json!({ "text": "hello" })).await;
    let id = call["id"].as_str().unwrap();
    for path in [
        "/api/calls.json".to_owned(),
        format!("/api/calls.json?contact_id={contact}&per_page=5"),
        format!("/api/calls/{id}.json"),
        format!("/api/contacts/{contact}/calls.json"),
        format!("/api/companies/{company}/calls.json?page=2&per_page=1"),
        "/api/contacts.json".to_owned(),
        format!("/api/contacts/{contact}.json"),
        "/api/companies.json".to_owned(),
        format!("/api/companies/{company}.json"),
        format!("/api/companies/{company}/contacts.json"),
    ] {
        let etag = tag_of(&server, &path).await;
        assert_eq!(tag_of(&server, &path).await, etag, "{path}: nothing changed");
        assert_eq!(
            get_if_none_match(&server, &path, &etag).await,
            (304, 0, Some(etag.clone())),
            "{path}"
        );
        // Strong and weak forms compare weakly; a list of tags matches any of its own.
        let strong = etag.trim_start_matches("W/");
        assert_eq!(get_if_none_match(&server, &path, strong).await.0, 304, "{path}");
        let listed = format!("W/\"other\", {etag}");
        assert_eq!(get_if_none_match(&server, &path, &listed).await.0, 304, "{path}");
        assert_eq!(get_if_none_match(&server, &path, "W/\"other\"").await.0, 200, "{path}");
    }
    // Failures carry no tag, and `*` matches only what exists.
    let missing = server.get("/api/contacts/0123456789abcdef01234567/calls.json").await;
    missing.assert_error(404);
    assert!(missing.headers.get("etag").is_none());
    let path = "/api/contacts/0123456789abcdef01234567/calls.json";
    assert_eq!(get_if_none_match(&server, path, "*").await.0, 404);
    let path = format!("/api/contacts/{contact}/calls.json");
    assert_eq!(get_if_none_match(&server, &path, "*").await.0, 304);
}

#[tokio::test]
async fn a_lists_tag_changes_with_every_write_of_its_calls_on_any_page_through_any_server() {
    let one = TestServer::start().await;
    let other = one.another_process(&[]);
    let company = one.company("Acme");
    let contact = one.contact("Ada", Some(&company));
    let stranger = one.contact("Bob", None);
    let mut ids = Vec::new();
    for date in ["2024-01-01", "2024-02-01", "2024-03-01"] {
        ids.push(
            one.log_call(&contact, json!({ "date": date })).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // First pages of one call: the oldest call is on the third page only.
    let lists = [
        format!("/api/contacts/{contact}/calls.json?per_page=1"),
        format!("/api/companies/{company}/calls.json?per_page=1"),
        format!("/api/calls.json?contact_id={contact}&per_page=1"),
        "/api/calls.json?per_page=1".to_owned(),
    ];
    let tags = async |server: &TestServer| {
        let mut tags = Vec::new();
        for list in &lists {
            tags.push(tag_of(server, list).await);
        }
        tags
    };
    let mut before = tags(&one).await;
    assert_eq!(tags(&other).await, before, "two servers on one database tag alike");

    let oldest = &ids[0];
    let writes: [(&str, &TestServer, Method, String, Option<serde_json::Value>); 3] = [
        (
            "an edit on the last page",
            &other,
            Method::PUT,
            format!("/api/calls/{oldest}.json?partial=1"),
            Some(json!({ "call": { "text": "edited" } })),
        ),
        (
            "a new call",
            &one,
            Method::POST,
            format!("/api/contacts/{contact}/calls.json?partial=1"),
            Some(json!({ "call": { "date": "2020-01-01" } })),
        ),
        (
            "a deletion on the last page",
            &other,
            Method::DELETE,
            format!("/api/calls/{oldest}.json"),
            None,
        ),
    ];
    for (what, server, method, path, body) in writes {
        let answer = server.send(method, &path, body).await;
        assert!(answer.status < 300, "{what}: {:#}", answer.body);
        let after = tags(&one).await;
        for (list, (old, new)) in lists.iter().zip(before.iter().zip(&after)) {
            assert_ne!(old, new, "{what} left the tag of {list} as it was");
        }
        assert_eq!(tags(&other).await, after, "{what}: the other server tags alike");
        before = after;
    }

    // Another contact's call changes the list of all calls, and nothing of Ada's.
    one.log_call(&stranger, json!({})).await;
    let after = tags(&one).await;
    assert_eq!(after[..3], before[..3]);
    assert_ne!(after[3], before[3]);
}

#[tokio::test]
async fn the_same_ids_in_another_database_are_tagged_otherwise() {
    let one = TestServer::start_with(&["--demo"]).await;
    let two = TestServer::start_with(&["--demo"]).await;
    let contacts = one.get("/api/contacts.json").await;
    let contact = contacts.data()["contacts"][0]["contact"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/contacts/{contact}/calls.json");
    assert_eq!(one.get(&path).await.body["data"], two.get(&path).await.body["data"]);
    assert_ne!(tag_of(&one, &path).await, tag_of(&two, &path).await);
}

#[tokio::test]
async fn cors_lets_a_page_send_if_none_match_and_read_the_etag() {
    let server = TestServer::start_with(&["--allow-origin", "https://crm.example.com"]).await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json");
    let preflight = server
        .raw(Method::OPTIONS, &path)
        .header("origin", "https://crm.example.com")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "authorization, if-none-match")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("if-none-match"), "{allowed}");
    let answer = reply(
        server
            .raw(Method::GET, &path)
            .bearer_auth(&server.token)
            .header("origin", "https://crm.example.com")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let exposed = answer.headers["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(exposed.contains("etag"), "{exposed}");
    assert!(answer.headers.contains_key("etag"));
}
