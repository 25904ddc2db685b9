//! Where the API is and who is asking: the key under which the page shares state.

/// Where the API is and who is asking: the key under which the page shares state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Connection {
    /// The API base, ending in `/`, e.g. `/api/` or `https://crm.example.com/api/`.
    pub api_base: String,
    /// The API token; without one, requests carry the page's cookies instead.
    pub token: Option<String>,
}

impl Connection {
    /// A connection; the base gets its trailing `/` and an empty token counts as none.
    pub fn new(api_base: &str, token: Option<&str>) -> Self {
        let api_base = api_base.trim();
        let api_base = if api_base.ends_with('/') {
            api_base.to_owned()
        } else {
            format!("{api_base}/")
        };
        let token = token
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .map(str::to_owned);
        Self { api_base, token }
    }

    /// The URL of a path relative to the API base.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.api_base, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_normalises_base_and_token() {
        let connection = Connection::new(" https://crm.example.com/api ", Some("  "));
        assert_eq!(connection.api_base, "https://crm.example.com/api/");
        assert_eq!(connection.token, None);
        assert_eq!(connection.url("/calls.json"), "https://crm.example.com/api/calls.json");
        assert_eq!(Connection::new("/api/", Some("t")).token.as_deref(), Some("t"));
    }
}
