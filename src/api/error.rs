//! One error type for everything that can go wrong talking to the Calls API, which reads
//! as a sentence a CRM user can act on and keeps the detail for the console.

use calls_model::FieldErrors;

use crate::i18n::Catalog;

/// Why a request to the Calls API failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all: offline, server down, or refused by CORS.
    Network(String),
    /// No answer within the time limit; the request was aborted.
    Timeout {
        /// The limit that passed, in seconds.
        seconds: u32,
    },
    /// The server answered with the contract's error envelope.
    Api {
        /// The HTTP status the envelope carries.
        status: u16,
        /// The server's message, written for people.
        message: String,
        /// Per-field problems of a rejected write.
        fields: Option<FieldErrors>,
    },
    /// The server answered with an HTTP error and no envelope (a proxy, a gateway).
    Http {
        /// The HTTP status.
        status: u16,
    },
    /// A success answer whose body does not follow the contract.
    Decode(String),
    /// The widget was set up wrong (a bad API address, say) and sent nothing.
    Config(String),
}

impl ApiError {
    /// What went wrong, as a code the views word in the user's language
    /// ([`crate::i18n::Catalog::error`]): `network`, `timeout:SECONDS`, `server:STATUS`,
    /// `token`, `not_found`, `http:STATUS`, `decode`, or `text:` and the server's own
    /// message. The outbox keeps it, so each widget words it in its own language.
    pub fn code(&self) -> String {
        match self {
            Self::Network(_) => "network".to_owned(),
            Self::Timeout { seconds } => format!("timeout:{seconds}"),
            Self::Api { status, .. } if *status >= 500 => format!("server:{status}"),
            Self::Api { message, .. } if !message.trim().is_empty() => format!("text:{message}"),
            Self::Api { status, .. } | Self::Http { status } => match status {
                401 | 403 => "token".to_owned(),
                404 => "not_found".to_owned(),
                _ => format!("http:{status}"),
            },
            Self::Decode(_) => "decode".to_owned(),
            Self::Config(problem) => format!("text:{problem}"),
        }
    }

    /// What to tell the person using the widget, in the catalog's language.
    pub fn user_message(&self, i18n: Catalog) -> String {
        i18n.error(&self.code())
    }

    /// The technical detail, for the browser console.
    pub fn detail(&self) -> String {
        match self {
            Self::Network(detail) => format!("network error: {detail}"),
            Self::Timeout { seconds } => format!("timed out after {seconds} s"),
            Self::Api {
                status,
                message,
                fields,
            } => match fields {
                Some(fields) => format!("API error {status}: {message} ({})", fields.summary()),
                None => format!("API error {status}: {message}"),
            },
            Self::Http { status } => format!("HTTP {status} without an envelope"),
            Self::Decode(detail) => format!("unreadable answer: {detail}"),
            Self::Config(problem) => format!("configuration: {problem}"),
        }
    }

    /// The per-field problems of a rejected write, if the server named any.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Api {
                fields: Some(fields), ..
            } => Some(fields),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail())
    }
}

impl std::error::Error for ApiError {}
