//! Listing: owners, both URL styles, order, paging and every filter.

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::TestServer;

fn pause() {
    // modified_at has millisecond precision; a short pause keeps two writes apart.
    std::thread::sleep(Duration::from_millis(15));
}

fn add_ms(timestamp: &Value, ms: i64) -> String {
    let time = chrono::DateTime::parse_from_rfc3339(timestamp.as_str().unwrap()).unwrap()
        + chrono::TimeDelta::milliseconds(ms);
    time.with_timezone(&chrono::Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[tokio::test]
async fn both_url_styles_list_the_same_contact_calls() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let other = server.contact("Bob", None);
    for _ in 0..3 {
        server.log_call(&contact, json!({})).await;
    }
    server.log_call(&other, json!({})).await;
    let by_query = server.get(&format!("/api/calls.json?contact_id={contact}")).await;
    let by_path = server.get(&format!("/api/contacts/{contact}/calls.json")).await;
    assert_eq!(by_query.status, 200);
    assert_eq!(by_query.call_ids(), by_path.call_ids());
    assert_eq!(by_query.data()["total_count"], 3);
    assert!(
        by_query
            .calls()
            .iter()
            .all(|call| call["contact_id"] == contact.as_str())
    );
}

#[tokio::test]
async fn a_company_lists_the_calls_of_all_its_contacts_and_only_those() {
    let server = TestServer::start().await;
    let acme = server.company("Acme");
    let globex = server.company("Globex");
    let ada = server.contact("Ada", Some(&acme));
    let bob = server.contact("Bob", Some(&acme));
    let eve = server.contact("Eve", Some(&globex));
    let loner = server.contact("Lou", None);
    let a = server.log_call(&ada, json!({})).await;
    let b = server.log_call(&bob, json!({})).await;
    server.log_call(&eve, json!({})).await;
    server.log_call(&loner, json!({})).await;
    let by_query = server.get(&format!("/api/calls.json?company_id={acme}")).await;
    let by_path = server.get(&format!("/api/companies/{acme}/calls.json")).await;
    assert_eq!(by_query.call_ids(), by_path.call_ids());
    let mut ids = by_path.call_ids();
    ids.sort();
    let mut expected = vec![
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
    ];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(by_path.data()["total_count"], 2);
}

#[tokio::test]
async fn without_an_owner_every_call_is_listed() {
    let server = TestServer::start().await;
    let ada = server.contact("Ada", None);
    let bob = server.contact("Bob", None);
    server.log_call(&ada, json!({})).await;
    server.log_call(&bob, json!({})).await;
    assert_eq!(server.get("/api/calls.json").await.data()["total_count"], 2);
}

#[tokio::test]
async fn unknown_owners_are_404_and_both_owners_are_400() {
    let server = TestServer::start().await;
    let acme = server.company("Acme");
    let ada = server.contact("Ada", Some(&acme));
    let unknown = "0123456789abcdef01234567";
    server
        .get(&format!("/api/calls.json?contact_id={unknown}"))
        .await
        .assert_error(404);
    server
        .get(&format!("/api/contacts/{unknown}/calls.json"))
        .await
        .assert_error(404);
    server
        .get(&format!("/api/calls.json?company_id={unknown}"))
        .await
        .assert_error(404);
    server
        .get(&format!("/api/companies/{unknown}/calls.json"))
        .await
        .assert_error(404);
    let both = server
        .get(&format!("/api/calls.json?contact_id={ada}&company_id={acme}"))
        .await;
    assert!(both.assert_error(400).contains("not both"));
    let contradicting = server
        .get(&format!("/api/contacts/{ada}/calls.json?company_id={acme}"))
        .await;
    contradicting.assert_error(400);
}

#[tokio::test]
async fn order_is_date_newest_first_then_creation_newest_first() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let old = server.log_call(&contact, json!({"date": "2024-01-01"})).await;
    let new_first = server.log_call(&contact, json!({"date": "2024-06-01"})).await;
    pause();
    let new_second = server.log_call(&contact, json!({"date": "2024-06-01"})).await;
    let middle = server.log_call(&contact, json!({"date": "2024-03-01"})).await;
    let listed = server
        .get(&format!("/api/contacts/{contact}/calls.json"))
        .await
        .call_ids();
    let expected: Vec<String> = [&new_second, &new_first, &middle, &old]
        .iter()
        .map(|call| call["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, expected);
}

#[tokio::test]
async fn paging_defaults_limits_and_pages_past_the_end() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let path = format!("/api/contacts/{contact}/calls.json");
    let empty = server.get(&path).await;
    assert_eq!(
        empty.data(),
        &json!({"calls": [], "total_count": 0, "page": 1, "max_page": 1, "per_page": 10})
    );
    for n in 0..23 {
        server
            .log_call(&contact, json!({"date": format!("2024-01-{:02}", n + 1)}))
            .await;
    }
    let first = server.get(&path).await;
    assert_eq!(first.calls().len(), 10);
    assert_eq!(
        (
            &first.data()["total_count"],
            &first.data()["page"],
            &first.data()["max_page"],
            &first.data()["per_page"]
        ),
        (&json!(23), &json!(1), &json!(3), &json!(10))
    );
    let last = server.get(&format!("{path}?page=3")).await;
    assert_eq!(last.calls().len(), 3);
    assert_eq!(last.calls()[2]["date"], "2024-01-01");
    let past = server.get(&format!("{path}?page=4")).await;
    assert_eq!(past.status, 200);
    assert_eq!(past.calls().len(), 0);
    assert_eq!(
        (
            &past.data()["total_count"],
            &past.data()["max_page"],
            &past.data()["page"]
        ),
        (&json!(23), &json!(3), &json!(4))
    );
    let all = server.get(&format!("{path}?per_page=100")).await;
    assert_eq!(all.calls().len(), 23);
}

#[tokio::test]
async fn pages_together_list_every_call_once() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    for n in 0..7 {
        server
            .log_call(&contact, json!({"date": format!("2024-02-{:02}", n % 3 + 1)}))
            .await;
    }
    let path = format!("/api/contacts/{contact}/calls.json?per_page=3");
    let mut paged = Vec::new();
    for page in 1..=3 {
        paged.extend(server.get(&format!("{path}&page={page}")).await.call_ids());
    }
    let all = server
        .get(&format!("/api/contacts/{contact}/calls.json?per_page=100"))
        .await
        .call_ids();
    assert_eq!(paged, all);
}

#[tokio::test]
async fn bad_listing_parameters_are_400_naming_the_parameter() {
    let server = TestServer::start().await;
    let cases = [
        ("page", "0"),
        ("page", "abc"),
        ("per_page", "0"),
        ("per_page", "101"),
        ("per_page", "-5"),
        ("date_filter", "updated"),
        ("since", "last week"),
        ("until", "2024-02-30"),
        ("unmodified_since", "soon"),
        ("modified_since", "12:00"),
        ("contact_id", "xyz"),
    ];
    for (name, value) in cases {
        let reply = server
            .get(&format!("/api/calls.json?{name}={}", value.replace(' ', "%20")))
            .await;
        let message = reply.assert_error(400);
        assert!(message.contains(name), "{name}={value}: {message}");
    }
    assert_eq!(server.get("/api/calls.json?per_page=100").await.status, 200);
}

#[tokio::test]
async fn date_filter_date_with_since_and_until_dates_covers_whole_days() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    for date in ["2024-05-09", "2024-05-10", "2024-05-11", "2024-05-12"] {
        server.log_call(&contact, json!({ "date": date })).await;
    }
    let path = format!("/api/contacts/{contact}/calls.json?date_filter=date");
    let dates = |reply: crate::common::Reply| -> Vec<String> {
        reply
            .calls()
            .iter()
            .map(|call| call["date"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        dates(server.get(&format!("{path}&since=2024-05-10&until=2024-05-11")).await),
        ["2024-05-11", "2024-05-10"]
    );
    assert_eq!(
        dates(server.get(&format!("{path}&until=2024-05-10")).await),
        ["2024-05-10", "2024-05-09"]
    );
    // An RFC 3339 time after midnight excludes that day's date (its midnight is earlier).
    assert_eq!(
        dates(server.get(&format!("{path}&since=2024-05-11T00:00:01Z")).await),
        ["2024-05-12"]
    );
    // Unix seconds: 1715385600 is 2024-05-11T00:00:00Z.
    assert_eq!(
        dates(server.get(&format!("{path}&since=1715385600")).await),
        ["2024-05-12", "2024-05-11"]
    );
}

#[tokio::test]
async fn date_filter_created_uses_creation_time_and_the_documented_sample_request_works() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let first = server.log_call(&contact, json!({"date": "2020-01-01"})).await;
    pause();
    let second = server.log_call(&contact, json!({"date": "2019-01-01"})).await;
    // Editing the first call later must not move it in a creation filter.
    pause();
    server
        .put(
            &format!("/api/calls/{}.json?partial=1", first["id"].as_str().unwrap()),
            json!({"text": "edited"}),
        )
        .await;
    let since = add_ms(&first["modified_at"], 1);
    let path = format!("/api/calls.json?date_filter=created&since={since}");
    assert_eq!(server.get(&path).await.call_ids(), [second["id"].as_str().unwrap()]);
    let until = add_ms(&second["modified_at"], -1);
    let path = format!("/api/calls.json?date_filter=created&until={until}");
    assert_eq!(server.get(&path).await.call_ids(), [first["id"].as_str().unwrap()]);

    let today = chrono::Utc::now().date_naive();
    let sample = server
        .get(&format!("/api/calls.json?date_filter=created&since={today}"))
        .await;
    assert_eq!(sample.data()["total_count"], 2);
    let tomorrow = today + chrono::TimeDelta::days(1);
    assert_eq!(
        server
            .get(&format!("/api/calls.json?date_filter=created&since={tomorrow}"))
            .await
            .data()["total_count"],
        0
    );
}

#[tokio::test]
async fn since_and_until_without_date_filter_apply_to_modified_at() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let first = server.log_call(&contact, json!({})).await;
    pause();
    let second = server.log_call(&contact, json!({})).await;
    pause();
    let edited = server
        .put(
            &format!("/api/calls/{}.json?partial=1", first["id"].as_str().unwrap()),
            json!({"text": "x"}),
        )
        .await;
    let edited_at = &edited.data()["call"]["modified_at"];
    let since = add_ms(&second["modified_at"], 1);
    assert_eq!(
        server.get(&format!("/api/calls.json?since={since}")).await.call_ids(),
        [first["id"].as_str().unwrap()]
    );
    let until = add_ms(edited_at, -1);
    assert_eq!(
        server.get(&format!("/api/calls.json?until={until}")).await.call_ids(),
        [second["id"].as_str().unwrap()]
    );
    let explicit = server
        .get(&format!("/api/calls.json?date_filter=modified&since={since}"))
        .await;
    assert_eq!(explicit.call_ids(), [first["id"].as_str().unwrap()]);
    // until with today's date covers the whole of today.
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        server.get(&format!("/api/calls.json?until={today}")).await.data()["total_count"],
        2
    );
}

#[tokio::test]
async fn modified_since_and_unmodified_since_bound_modified_at_inclusively() {
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let first = server.log_call(&contact, json!({})).await;
    pause();
    let second = server.log_call(&contact, json!({})).await;
    let first_id = first["id"].as_str().unwrap();
    let second_id = second["id"].as_str().unwrap();
    let at_second = second["modified_at"].as_str().unwrap();
    assert_eq!(
        server
            .get(&format!("/api/calls.json?modified_since={at_second}"))
            .await
            .call_ids(),
        [second_id]
    );
    let at_first = first["modified_at"].as_str().unwrap();
    assert_eq!(
        server
            .get(&format!("/api/calls.json?unmodified_since={at_first}"))
            .await
            .call_ids(),
        [first_id]
    );
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        server
            .get(&format!("/api/calls.json?unmodified_since={today}"))
            .await
            .data()["total_count"],
        2
    );
    assert_eq!(
        server
            .get(&format!("/api/calls.json?modified_since={today}"))
            .await
            .data()["total_count"],
        2
    );
    let both = format!("/api/calls.json?modified_since={at_first}&unmodified_since={at_first}");
    assert_eq!(server.get(&both).await.call_ids(), [first_id]);
}

#[tokio::test]
async fn unknown_query_parameters_are_refused_not_ignored() {
    // A cache buster or a tracking parameter is refused like a misspelled filter: the
    // server cannot tell them apart, and ignoring `sinse=` would list every call.
    let server = TestServer::start().await;
    let reply = server.get("/api/calls.json?_=12345&utm_source=crm").await;
    assert!(reply.assert_error(400).contains("`_`"));
}
