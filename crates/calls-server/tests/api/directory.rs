//! The read-only contacts and companies.

use serde_json::json;

use crate::common::TestServer;

#[tokio::test]
async fn a_contact_and_a_company_are_read_by_id() {
    let server = TestServer::start().await;
    let acme = server.company("Acme");
    let ada = server.contact("Ada", Some(&acme));
    let contact = server.get(&format!("/api/contacts/{ada}.json")).await;
    assert_eq!(
        contact.data(),
        &json!({"contact": {"id": ada, "first_name": "Ada", "last_name": "Tester", "company_id": acme, "phone_number": "+1 555 0100"}})
    );
    let company = server.get(&format!("/api/companies/{acme}.json")).await;
    assert_eq!(company.data(), &json!({"company": {"id": acme, "name": "Acme"}}));
    server
        .get("/api/contacts/0123456789abcdef01234567.json")
        .await
        .assert_error(404);
    server
        .get("/api/companies/0123456789abcdef01234567.json")
        .await
        .assert_error(404);
    server.get("/api/companies/bad.json").await.assert_error(404);
}

#[tokio::test]
async fn contacts_and_companies_are_listed_by_name_and_paginated_like_calls() {
    let server = TestServer::start().await;
    let acme = server.company("Acme");
    let globex = server.company("Globex");
    let _zed = server.contact("Zed", Some(&acme));
    let _amy = server.contact("Amy", Some(&acme));
    let _bo = server.contact("Bo", Some(&globex));
    let _solo = server.contact("Solo", None);

    let all = server.get("/api/contacts.json?per_page=2").await;
    assert_eq!(all.status, 200);
    let page = all.data();
    assert_eq!(
        (&page["total_count"], &page["max_page"], &page["per_page"]),
        (&json!(4), &json!(2), &json!(2))
    );
    assert_eq!(page["contacts"].as_array().unwrap().len(), 2);

    let acme_contacts = server.get(&format!("/api/companies/{acme}/contacts.json")).await;
    let names: Vec<&str> = acme_contacts.data()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["contact"]["first_name"].as_str().unwrap())
        .collect();
    // Same last name ("Tester"), so first names decide.
    assert_eq!(names, ["Amy", "Zed"]);
    let filtered = server.get(&format!("/api/contacts.json?company_id={acme}")).await;
    assert_eq!(filtered.data()["total_count"], 2);
    server
        .get("/api/companies/0123456789abcdef01234567/contacts.json")
        .await
        .assert_error(404);

    let companies = server.get("/api/companies.json").await;
    let names: Vec<&str> = companies.data()["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["company"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Acme", "Globex"]);
    server.get("/api/companies.json?per_page=500").await.assert_error(400);
}

#[tokio::test]
async fn names_are_ordered_byte_by_byte_on_every_database_whatever_its_locale() {
    // SQLite compares text byte by byte; the PostgreSQL store's name columns are
    // COLLATE "C" so that it answers the same order on a database whose locale would
    // put "adam" before "Zed" (the test command's PostgreSQL uses ICU's English).
    let server = TestServer::start().await;
    for name in ["adam", "Zed", "Émile", "Bob"] {
        server.company(name);
    }
    let listed = server.get("/api/companies.json").await;
    let names: Vec<&str> = listed.data()["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["company"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bob", "Zed", "adam", "Émile"]);
}
