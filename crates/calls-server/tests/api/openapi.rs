//! The OpenAPI description matches the routes the server has.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::TestServer;

fn documented() -> (Value, BTreeSet<(String, String)>) {
    let doc: Value = serde_json::from_str(calls_server::routes::OPENAPI_JSON).expect("openapi.json is JSON");
    let mut operations = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        // The process's own paths (health, metrics) are outside /api: they name their server.
        if item.get("servers").is_some() {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            operations.insert((method.to_uppercase(), path.clone()));
        }
    }
    (doc, operations)
}

#[test]
fn every_route_is_documented_and_every_documented_operation_is_a_route() {
    let (_, mut documented) = documented();
    assert!(documented.remove(&("GET".to_owned(), "/openapi.json".to_owned())));
    let routed: BTreeSet<(String, String)> = calls_server::routes::operation_table().into_iter().collect();
    assert_eq!(documented, routed);
}

#[test]
fn every_reference_resolves() {
    let (doc, _) = documented();
    let text = calls_server::routes::OPENAPI_JSON;
    for reference in text.split("\"$ref\": \"#/").skip(1) {
        let pointer = reference.split('"').next().unwrap();
        assert!(
            doc.pointer(&format!("/{pointer}")).is_some(),
            "unresolved $ref #/{pointer}"
        );
    }
}

#[tokio::test]
async fn the_documented_call_schema_lists_the_fields_the_server_returns() {
    let (doc, _) = documented();
    let required: BTreeSet<&str> = doc["components"]["schemas"]["Call"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let server = TestServer::start().await;
    let contact = server.contact("Ada", None);
    let call = server.log_call(&contact, serde_json::json!({})).await;
    let returned: BTreeSet<&str> = call.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(required, returned);
    let served = server.get("/api/openapi.json").await;
    assert_eq!(served.body, doc);
}

#[test]
fn every_operation_takes_the_query_parameters_it_documents() {
    let (doc, _) = documented();
    let resolve = |parameter: &Value| -> Value {
        match parameter["$ref"].as_str() {
            Some(reference) => doc
                .pointer(reference.trim_start_matches('#'))
                .cloned()
                .unwrap_or_else(|| panic!("unresolved {reference}")),
            None => parameter.clone(),
        }
    };
    for ((method, path), taken) in calls_server::routes::query_table() {
        let operation = &doc["paths"][&path][method.to_lowercase()];
        let mut documented = BTreeSet::new();
        for parameter in operation["parameters"].as_array().into_iter().flatten().map(resolve) {
            if parameter["in"] != "query" {
                continue;
            }
            // An exploded object (the owner of `calls.json`) stands for its properties.
            match parameter["schema"]["properties"].as_object() {
                Some(properties) if parameter["explode"] == true => {
                    documented.extend(properties.keys().cloned());
                }
                _ => {
                    documented.insert(parameter["name"].as_str().unwrap().to_owned());
                }
            }
        }
        let taken: BTreeSet<String> = taken.into_iter().map(str::to_owned).collect();
        assert_eq!(documented, taken, "{method} {path}");
    }
}
