//! One error type for everything that can go wrong talking to the Calls API, which reads
//! as a sentence a CRM user can act on and keeps the detail for the console.

use calls_model::FieldErrors;

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
    /// What to tell the person using the widget.
    pub fn user_message(&self) -> String {
        match self {
            Self::Network(_) => "Could not reach the calls server. Check your connection, then try again.".to_owned(),
            Self::Timeout { seconds } => {
                format!("The calls server did not answer within {seconds} seconds. Try again.")
            }
            Self::Api { status, .. } if *status >= 500 => {
                format!("The calls server had a problem (error {status}). Try again in a moment.")
            }
            Self::Api { message, .. } if !message.trim().is_empty() => message.clone(),
            Self::Api { status, .. } | Self::Http { status } => match status {
                401 | 403 => "The calls server refused the API token. Check the token, then try again.".to_owned(),
                404 => "The calls server does not know this record; it may have been deleted.".to_owned(),
                _ => format!("The calls server answered with an error (HTTP {status}). Try again in a moment."),
            },
            Self::Decode(_) => "The calls server sent an answer this widget cannot read.".to_owned(),
            Self::Config(problem) => problem.clone(),
        }
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
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for ApiError {}
