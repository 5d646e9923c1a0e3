//! What went wrong, in words a person can act on.
//!
//! Every failure the demo shows goes through [`explain`] (errors from the library) or
//! [`explain_block`] (answers withheld by a filter): a title that names the problem
//! ("The API key was not accepted"), the server's own words, and what to do next.
//! The server's words are model-free text from the API and are still shown as text,
//! never as HTML. Nothing here ever includes the key.

use super::connection::ConnectionMode;
use gemini_vision::{ApiError, Error};
use serde_json::Value;

/// A failure as the alert shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// One line naming the problem.
    pub title: String,
    /// What the server or the library said.
    pub detail: String,
    /// What to do about it, when we know.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem with a title and detail, no hint.
    pub fn new(title: impl Into<String>, detail: impl Into<String>) -> Self {
        Problem {
            title: title.into(),
            detail: detail.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Explains an error from the library; `mode` tailors the hints.
pub fn explain(error: &Error, mode: ConnectionMode) -> Problem {
    match error {
        Error::Api(api) => explain_api(api, mode),
        Error::RetriesExhausted { attempts, last } => {
            let mut problem = explain(last, mode);
            problem.detail = format!("{} (gave up after {attempts} attempts)", problem.detail);
            problem
        }
        Error::UnsupportedMime { mime, reason } => Problem::new(
            "This file type is not supported",
            format!("{}: {reason}", display_mime(mime)),
        )
        .hint("Gemini reads PNG, JPEG, WEBP, HEIC and HEIF images, video, audio and PDF."),
        Error::RequestTooLarge { size, limit } => Problem::new(
            "The request is too large",
            format!("It would be {size} bytes; the inline limit is {limit} bytes."),
        )
        .hint("Large files go through the File API; remove some images or send fewer at once."),
        Error::TooManyImages { count, max } => Problem::new(
            "Too many images in one request",
            format!("{count} images; the API takes at most {max}."),
        ),
        Error::Transport { message } => explain_transport(message, mode),
        Error::Aborted => Problem::new("Cancelled", "The request was cancelled."),
        Error::UploadCancelled => Problem::new("Upload cancelled", "The upload was cancelled."),
        Error::FileFailed { name, message } => Problem::new(
            "The file could not be processed",
            format!("{name}: {message}"),
        )
        .hint("The File API could not process this file; check that it plays or opens locally."),
        Error::Timeout { millis } => Problem::new(
            "Timed out",
            format!("No answer after {:.0} s.", *millis as f64 / 1000.0),
        )
        .hint("Try again; long videos can take minutes to process."),
        Error::NeedMoreData { what, .. } | Error::Malformed { what, .. }
            if what.contains("header") || what.contains("image") =>
        {
            Problem::new("This file cannot be read", error.to_string())
        }
        Error::Malformed { .. } | Error::LimitExceeded { .. } => {
            Problem::new("The answer could not be read", error.to_string())
        }
        Error::UploadProtocol { .. } => Problem::new("The upload failed", error.to_string())
            .hint("Try again; the upload resumes where it stopped."),
        Error::InvalidInput { .. } => Problem::new("Check the settings", error.to_string()),
        other => Problem::new("Something went wrong", other.to_string()),
    }
}

fn display_mime(mime: &str) -> &str {
    if mime.is_empty() {
        "unknown type"
    } else {
        mime
    }
}

fn explain_api(api: &ApiError, mode: ConnectionMode) -> Problem {
    let status = api.status.as_deref().unwrap_or("");
    let message = api.message.as_str();
    let detail = api.to_string();
    let lower = message.to_ascii_lowercase();
    if has_reason(api, "API_KEY_INVALID") || lower.contains("api key not valid") {
        return Problem::new("The API key was not accepted", detail).hint(match mode {
            ConnectionMode::GeminiApi => {
                "Check the key under Connection (create one in Google AI Studio)."
            }
            ConnectionMode::Emulator => {
                "This emulator was started with --api-key: enter that key under Connection."
            }
        });
    }
    if lower.contains("unregistered callers") {
        return Problem::new("No API key was sent", detail)
            .hint("Enter a key under Connection, or point the base URL at a proxy that adds one.");
    }
    if has_reason(api, "API_KEY_HTTP_REFERRER_BLOCKED") || lower.contains("referer") {
        return Problem::new("This key does not allow this website", detail).hint(
            "Add this page's address to the key's HTTP referrer restrictions in the \
             Google Cloud console.",
        );
    }
    if api.http_status == 429 || status == "RESOURCE_EXHAUSTED" {
        return Problem::new("Quota exceeded or too many requests", detail)
            .hint("Wait a minute and try again, or check your plan's rate limits.");
    }
    if lower.contains("payload size exceeds") || api.http_status == 413 {
        return Problem::new("The request is too large", detail)
            .hint("Send fewer or smaller images; large files go through the File API.");
    }
    if lower.contains("unsupported mime type") {
        return Problem::new("This file type is not supported", detail);
    }
    if lower.contains("unable to process input image") {
        return Problem::new("The image could not be read", detail)
            .hint("The file may be damaged; try another one.");
    }
    if api.http_status == 404 || status == "NOT_FOUND" {
        return Problem::new("Not found", detail)
            .hint("Check the model name (for example gemini-2.5-flash).");
    }
    if status == "FAILED_PRECONDITION" {
        return Problem::new("The request cannot be served yet", detail);
    }
    if api.http_status == 401 || api.http_status == 403 || status == "PERMISSION_DENIED" {
        return Problem::new("Permission denied", detail);
    }
    if api.http_status >= 500 {
        return Problem::new("The service had a problem", detail)
            .hint("It is usually temporary: try again in a moment.");
    }
    Problem::new("The API refused the request", detail)
}

fn has_reason(api: &ApiError, reason: &str) -> bool {
    api.details
        .iter()
        .any(|d| d.get("reason").and_then(Value::as_str) == Some(reason))
}

fn explain_transport(message: &str, mode: ConnectionMode) -> Problem {
    let problem = Problem::new("Could not reach the server", message);
    match mode {
        ConnectionMode::Emulator => problem.hint(
            "Is the emulator running? scripts/demo starts it on http://127.0.0.1:8787; \
             the URL is under Connection.",
        ),
        ConnectionMode::GeminiApi => {
            problem.hint("Check your network connection, or the base URL of your proxy.")
        }
    }
}

/// The finish reasons that mean a filter withheld the answer.
const BLOCKING_FINISH_REASONS: [&str; 8] = [
    "SAFETY",
    "RECITATION",
    "BLOCKLIST",
    "PROHIBITED_CONTENT",
    "SPII",
    "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT",
    "IMAGE_RECITATION",
];

/// What was blocked, from a chunk's `promptFeedback.blockReason` and its candidate's
/// `finishReason`, in words; `None` when nothing was.
pub fn blocked(prompt_reason: Option<&str>, finish_reason: Option<&str>) -> Option<String> {
    if let Some(reason) = prompt_reason {
        return Some(format!("the prompt was blocked ({reason})"));
    }
    finish_reason
        .filter(|reason| BLOCKING_FINISH_REASONS.contains(reason))
        .map(|reason| format!("the answer was blocked ({reason})"))
}

/// Explains an answer withheld by a safety or other filter (`what` from [`blocked`]).
pub fn explain_block(what: &str) -> Problem {
    Problem::new("The answer was blocked", what)
        .hint("Gemini's safety filters withheld it; try another image or prompt.")
}

/// An answer cut short by the output token limit: what was parsed is kept.
pub fn truncated_answer() -> Problem {
    Problem::new(
        "The answer was cut short",
        "The model reached its output token limit; the complete items are shown.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, body: &str) -> Error {
        Error::Api(ApiError::from_response(status, body.as_bytes(), None))
    }

    // The emulator's and the real API's wording (crates/fake-gemini/README.md).
    const BAD_KEY: &str = r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#;

    #[test]
    fn a_bad_key_is_named_as_such() {
        let problem = explain(&api(400, BAD_KEY), ConnectionMode::GeminiApi);
        assert_eq!(problem.title, "The API key was not accepted");
        assert!(problem.detail.contains("API key not valid"));
        assert!(problem.hint.unwrap().contains("Connection"));
    }

    #[test]
    fn a_missing_key_says_so() {
        let body = r#"{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}"#;
        let problem = explain(&api(403, body), ConnectionMode::GeminiApi);
        assert_eq!(problem.title, "No API key was sent");
    }

    #[test]
    fn a_referrer_block_explains_the_restriction() {
        let body = r#"{"error":{"code":403,"message":"Requests from referer http://x/ are blocked.","status":"PERMISSION_DENIED","details":[{"reason":"API_KEY_HTTP_REFERRER_BLOCKED"}]}}"#;
        let problem = explain(&api(403, body), ConnectionMode::GeminiApi);
        assert!(problem.hint.unwrap().contains("HTTP referrer"));
    }

    #[test]
    fn quota_errors_are_named() {
        let body = r#"{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}"#;
        let problem = explain(&api(429, body), ConnectionMode::GeminiApi);
        assert_eq!(problem.title, "Quota exceeded or too many requests");
    }

    #[test]
    fn exhausted_retries_explain_the_last_failure() {
        let body =
            r#"{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}"#;
        let error = Error::RetriesExhausted {
            attempts: 4,
            last: Box::new(api(503, body)),
        };
        let problem = explain(&error, ConnectionMode::GeminiApi);
        assert_eq!(problem.title, "The service had a problem");
        assert!(problem.detail.contains("4 attempts"));
    }

    #[test]
    fn an_oversized_payload_is_named() {
        let body = r#"{"error":{"code":400,"message":"Request payload size exceeds the limit: 20971520 bytes.","status":"INVALID_ARGUMENT"}}"#;
        assert_eq!(
            explain(&api(400, body), ConnectionMode::Emulator).title,
            "The request is too large"
        );
    }

    #[test]
    fn an_unsupported_type_from_the_server_is_named() {
        let body = r#"{"error":{"code":400,"message":"Unsupported MIME type: image/gif","status":"INVALID_ARGUMENT"}}"#;
        assert_eq!(
            explain(&api(400, body), ConnectionMode::Emulator).title,
            "This file type is not supported"
        );
    }

    #[test]
    fn an_unsupported_type_from_the_library_is_named() {
        let error = Error::UnsupportedMime {
            mime: "image/gif".into(),
            reason: "GIF is not accepted".into(),
        };
        let problem = explain(&error, ConnectionMode::Emulator);
        assert_eq!(problem.title, "This file type is not supported");
        assert!(problem.detail.starts_with("image/gif"));
    }

    #[test]
    fn an_unknown_model_points_at_the_model_name() {
        let body = r#"{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta","status":"NOT_FOUND"}}"#;
        let problem = explain(&api(404, body), ConnectionMode::GeminiApi);
        assert!(problem.hint.unwrap().contains("model name"));
    }

    #[test]
    fn an_unreachable_emulator_says_how_to_start_it() {
        let error = Error::Transport {
            message: gemini_vision::error::Redacted::new("Failed to fetch", None, 100),
        };
        let problem = explain(&error, ConnectionMode::Emulator);
        assert!(problem.hint.unwrap().contains("scripts/demo"));
    }

    #[test]
    fn a_proxy_error_page_keeps_its_status() {
        let problem = explain(
            &api(502, "<html>bad gateway</html>"),
            ConnectionMode::GeminiApi,
        );
        assert_eq!(problem.title, "The service had a problem");
        assert!(problem.detail.starts_with("502"));
    }

    #[test]
    fn a_safety_block_is_explained() {
        let what = blocked(Some("SAFETY"), None).unwrap();
        let problem = explain_block(&what);
        assert_eq!(problem.title, "The answer was blocked");
        assert!(problem.detail.contains("SAFETY"));
        assert_eq!(
            blocked(None, Some("SAFETY")).as_deref(),
            Some("the answer was blocked (SAFETY)")
        );
        assert_eq!(blocked(None, Some("STOP")), None);
    }

    proptest::proptest! {
        #[test]
        fn every_api_answer_gets_a_title(status in 400u16..600, body in "\\PC{0,200}") {
            let problem = explain(&api(status, &body), ConnectionMode::GeminiApi);
            proptest::prop_assert!(!problem.title.is_empty());
            proptest::prop_assert!(problem.detail.contains(&status.to_string()));
        }
    }
}
