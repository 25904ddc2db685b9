use super::*;

fn parse(query: &[(&str, &str)]) -> Result<ListParams, ParamError> {
    ListParams::parse(query.iter().copied())
}

#[test]
fn defaults() {
    let params = parse(&[]).unwrap();
    assert_eq!((params.page, params.per_page, params.owner), (1, 10, None));
    assert_eq!(params.offset(), 0);
}

#[test]
fn documented_sample_request() {
    let params = parse(&[("date_filter", "created"), ("since", "2014-11-18")]).unwrap();
    assert_eq!(params.date_filter, Some(DateFilter::Created));
    assert_eq!(
        params.since.map(|t| t.to_rfc3339()).as_deref(),
        Some("2014-11-18T00:00:00+00:00")
    );
}

#[test]
fn bad_values_name_the_parameter() {
    let cases = [
        ("page", "0"),
        ("page", "-1"),
        ("page", "two"),
        ("per_page", "0"),
        ("per_page", "101"),
        ("per_page", ""),
        ("date_filter", "updated"),
        ("since", "yesterday"),
        ("until", "2014-13-01"),
        ("unmodified_since", "x"),
        ("modified_since", "x"),
        ("contact_id", "123"),
        ("company_id", "zz"),
    ];
    for (name, value) in cases {
        let error = parse(&[(name, value)]).unwrap_err();
        assert_eq!(error.param, name, "{name}={value}");
        assert!(error.message.contains(&format!("`{name}`")), "{}", error.message);
    }
}

#[test]
fn limits_are_inclusive() {
    assert_eq!(parse(&[("per_page", "100")]).unwrap().per_page, 100);
    assert_eq!(parse(&[("per_page", "1"), ("page", "3")]).unwrap().offset(), 2);
}

#[test]
fn both_owners_or_a_repeated_parameter_is_an_error() {
    let both = parse(&[
        ("contact_id", "546cba4a1da41716ab000065"),
        ("company_id", "546cba4a1da41716ab000066"),
    ]);
    assert!(both.unwrap_err().message.contains("not both"));
    assert!(
        parse(&[("page", "1"), ("page", "2")])
            .unwrap_err()
            .message
            .contains("more than once")
    );
}

#[test]
fn unknown_parameters_are_ignored() {
    assert!(parse(&[("api_key", "x"), ("partial", "1"), ("_", "123")]).is_ok());
}

#[test]
fn to_query_round_trips() {
    let params = parse(&[
        ("date_filter", "date"),
        ("until", "2014-11-18"),
        ("page", "2"),
        ("per_page", "25"),
    ])
    .unwrap();
    let query = params.to_query();
    assert_eq!(
        ListParams::parse(query.iter().map(|(k, v)| (*k, v.as_str()))).unwrap(),
        params
    );
    assert!(ListParams::default().to_query().is_empty());
}
