//! Which strings from the API may become links. Text from the API is data: a link is made
//! only from an absolute `http(s)` URL, or a `tel:` URI built from the digits of a number.

/// The URL itself if it is an absolute `http://` or `https://` URL with a host and no
/// white space or control characters; `None` for anything else (`javascript:`, relative
/// paths, other schemes), so a caller cannot make a dangerous link by accident.
pub fn http_url(text: &str) -> Option<&str> {
    let lower_prefix: String = text.chars().take(8).collect::<String>().to_ascii_lowercase();
    let rest = if lower_prefix.starts_with("https://") {
        text.get(8..)?
    } else if lower_prefix.starts_with("http://") {
        text.get(7..)?
    } else {
        return None;
    };
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_and_port.starts_with('[') {
        host_and_port
            .split(']')
            .next()
            .unwrap_or_default()
            .trim_start_matches('[')
    } else {
        host_and_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() { None } else { Some(text) }
}

/// A `tel:` URI for a phone number as people write it ("+1 (555) 010-2030" gives
/// `tel:+15550102030`), or `None` when it has no digits. Only digits, a leading `+`
/// and the `,`/`;` of extensions are kept, so nothing else can reach the URI.
pub fn tel_uri(phone_number: &str) -> Option<String> {
    let trimmed = phone_number.trim();
    let mut uri = String::from("tel:");
    if trimmed.starts_with('+') {
        uri.push('+');
    }
    let mut digits = 0;
    for c in trimmed.chars() {
        if c.is_ascii_digit() {
            uri.push(c);
            digits += 1;
        } else if (c == ',' || c == ';') && digits > 0 {
            uri.push(c);
        }
    }
    (digits > 0).then_some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_pass_and_others_do_not() {
        assert_eq!(
            http_url("http://www.lsdkiteboarding.com"),
            Some("http://www.lsdkiteboarding.com")
        );
        assert!(http_url("HTTPS://Example.com:8443/x?y#z").is_some());
        assert!(http_url("https://user@host.example/").is_some());
        assert!(http_url("http://[::1]:8080/").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "/relative",
            "https://",
            "https:///path",
            "https://host/with space",
            "https://host/\u{0}",
            "",
            "é",
        ] {
            assert_eq!(http_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tel_uri_keeps_only_digits_and_leading_plus() {
        assert_eq!(tel_uri("+1 (555) 010-2030").as_deref(), Some("tel:+15550102030"));
        assert_eq!(tel_uri("1234545").as_deref(), Some("tel:1234545"));
        assert_eq!(tel_uri("555 0100, 22").as_deref(), Some("tel:5550100,22"));
        assert_eq!(tel_uri("javascript:alert(1)").as_deref(), Some("tel:1"));
        assert_eq!(tel_uri("call me"), None);
        assert_eq!(tel_uri(""), None);
    }
}
