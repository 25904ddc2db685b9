//! What a failed try means for a write, and when to try again. Pure: tested natively.

use crate::api::ApiError;

/// The first wait after a failure; each further failure doubles it, up to [`MAX_WAIT_MS`].
pub const FIRST_WAIT_MS: i64 = 1_000;
/// The longest wait between tries.
pub const MAX_WAIT_MS: i64 = 60_000;

/// How long a try that timed out waits before the next: a request held in the network may
/// still reach the server after the browser gave up on it, and a server that ignores
/// `Idempotency-Key` would then store it twice if the next try (or the look for the call
/// that precedes it) came first. Proxies give up on a request within about this long.
pub const AFTER_TIMEOUT_WAIT_MS: i64 = 30_000;

/// What to do after a try failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Try again later with the same key. `unknown` says the try may have been stored
    /// without its answer reaching us (a timeout, a dropped answer, a gateway error).
    Retry {
        /// Whether the server may have stored it.
        unknown: bool,
        /// At least this long first, when the server said so (`Retry-After`).
        after_ms: Option<i64>,
    },
    /// The server refused the call itself: it must be changed, and no retry will do.
    Refused,
    /// There was nothing left to do (a delete of a call already gone).
    AlreadyDone,
}

/// The verdict on a failed try of a write (`is_delete` for deletes).
pub fn verdict(error: &ApiError, retry_after_ms: Option<i64>, is_delete: bool) -> Verdict {
    let retry = |unknown| Verdict::Retry {
        unknown,
        after_ms: retry_after_ms,
    };
    match error {
        // The request may have been sent and stored before the connection failed.
        ApiError::Network(_) | ApiError::Decode(_) => retry(true),
        ApiError::Timeout { .. } => Verdict::Retry {
            unknown: true,
            after_ms: Some(retry_after_ms.unwrap_or(0).max(AFTER_TIMEOUT_WAIT_MS)),
        },
        ApiError::Api { status, .. } | ApiError::Http { status } => match status {
            404 if is_delete => Verdict::AlreadyDone,
            // 409: the first try with this key is still being processed.
            408 | 409 | 425 | 429 => retry(false),
            // A gateway may have passed the request on before it failed.
            500..=599 => retry(true),
            // A proxy's error page that is not the server's envelope: nothing says the
            // call is wrong.
            _ if matches!(error, ApiError::Http { .. }) && *status != 401 && *status != 403 => retry(true),
            _ => Verdict::Refused,
        },
        ApiError::Config(_) => Verdict::Refused,
    }
}

/// How long to wait before try number `attempts + 1` (after `attempts` failures):
/// exponential, with jitter so that many widgets back online do not all ask at once
/// (`random` in [0, 1)), and never less than the server asked for.
pub fn wait_ms(attempts: u32, retry_after_ms: Option<i64>, random: f64) -> i64 {
    let ceiling = FIRST_WAIT_MS
        .saturating_mul(1 << attempts.saturating_sub(1).min(16))
        .min(MAX_WAIT_MS);
    // Half fixed, half random: never a retry at once, never all at the same moment.
    let jittered = ceiling / 2 + (random.clamp(0.0, 1.0) * (ceiling / 2) as f64) as i64;
    jittered.max(retry_after_ms.unwrap_or(0))
}

/// `Retry-After` as milliseconds: seconds (an HTTP date is not worth the code; it is then
/// ignored and the backoff decides).
pub fn retry_after_ms(header: Option<&str>) -> Option<i64> {
    let seconds: i64 = header?.trim().parse().ok()?;
    (0..=86_400).contains(&seconds).then(|| seconds * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16) -> ApiError {
        ApiError::Api {
            status,
            message: "m".into(),
            fields: None,
        }
    }

    #[test]
    fn what_may_have_landed_is_retried_as_unknown_and_what_is_wrong_is_refused() {
        let unknown = Verdict::Retry {
            unknown: true,
            after_ms: None,
        };
        let known = Verdict::Retry {
            unknown: false,
            after_ms: None,
        };
        assert_eq!(verdict(&ApiError::Network("reset".into()), None, false), unknown);
        assert_eq!(
            verdict(&ApiError::Timeout { seconds: 15 }, None, false),
            Verdict::Retry {
                unknown: true,
                after_ms: Some(AFTER_TIMEOUT_WAIT_MS)
            }
        );
        assert_eq!(verdict(&ApiError::Http { status: 502 }, None, false), unknown);
        assert_eq!(verdict(&api(503), None, false), unknown);
        assert_eq!(verdict(&api(409), None, false), known);
        assert_eq!(verdict(&api(429), None, false), known);
        assert_eq!(verdict(&api(408), None, false), known);
        assert_eq!(verdict(&api(422), None, false), Verdict::Refused);
        assert_eq!(verdict(&api(400), None, false), Verdict::Refused);
        assert_eq!(verdict(&api(404), None, false), Verdict::Refused);
        assert_eq!(verdict(&api(401), None, false), Verdict::Refused);
        assert_eq!(verdict(&api(404), None, true), Verdict::AlreadyDone);
        assert_eq!(
            verdict(&api(429), Some(5_000), false),
            Verdict::Retry {
                unknown: false,
                after_ms: Some(5_000)
            }
        );
    }

    #[test]
    fn waits_double_with_jitter_up_to_a_minute_and_honour_retry_after() {
        assert_eq!(wait_ms(1, None, 0.0), 500);
        assert_eq!(wait_ms(1, None, 0.999_999), 999);
        assert_eq!(wait_ms(2, None, 0.0), 1_000);
        assert_eq!(wait_ms(3, None, 0.0), 2_000);
        assert_eq!(wait_ms(30, None, 1.0), MAX_WAIT_MS);
        assert_eq!(wait_ms(1, Some(30_000), 0.5), 30_000);
        assert_eq!(retry_after_ms(Some(" 7 ")), Some(7_000));
        assert_eq!(retry_after_ms(Some("Wed, 21 Oct 2026 07:28:00 GMT")), None);
        assert_eq!(retry_after_ms(Some("-1")), None);
    }
}
