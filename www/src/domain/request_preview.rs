//! The "request" view's content: what the library's own preview (`models.preview`) says
//! a request sends (the body with every base64 payload elided, how each file travels and
//! why), in the shape the view shows. The demo computes nothing of it itself: the body,
//! the routes, the lengths and the limit are the library's.

use gemini_vision::request::Route;

/// How one file travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteLine {
    /// The file's name.
    pub name: String,
    /// Inline or File API.
    pub route: Route,
    /// Why, in a sentence (the library's reason, or "already uploaded").
    pub reason: String,
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPreview {
    /// `POST /v1beta/models/{model}:streamGenerateContent?alt=sse`, without the origin.
    pub endpoint: String,
    /// The body as the library would send it, pretty-printed, payloads elided.
    pub body: String,
    /// One line per file.
    pub routes: Vec<RouteLine>,
    /// The real body's length in bytes.
    pub body_len: u64,
    /// The inline limit.
    pub limit: u64,
}

/// The streaming endpoint the demo sends the previewed body to: the preview names
/// `generateContent`; the demo streams the same body (`streamGenerateContent?alt=sse`).
/// Shown without the origin (the connection panel names it).
pub fn stream_endpoint(url: &str) -> String {
    let path = match url.find("://") {
        Some(scheme) => {
            let rest = &url[scheme + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => url,
    };
    let path = match path.strip_suffix(":generateContent") {
        Some(model) => format!("{model}:streamGenerateContent?alt=sse"),
        None => path.to_owned(),
    };
    format!("POST {path}")
}

/// The route the preview's `plan.items[].route` names (`"inline"` or `"fileApi"`).
pub fn route_named(name: &str) -> Route {
    if name == "fileApi" {
        Route::FileApi
    } else {
        Route::Inline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_the_streaming_one_without_the_origin() {
        assert_eq!(
            stream_endpoint(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
            ),
            "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
        );
        assert_eq!(
            stream_endpoint("http://127.0.0.1:8787/proxy/v1/models/m:generateContent"),
            "POST /proxy/v1/models/m:streamGenerateContent?alt=sse"
        );
    }

    #[test]
    fn routes_are_read_from_the_plan_names() {
        assert_eq!(route_named("fileApi"), Route::FileApi);
        assert_eq!(route_named("inline"), Route::Inline);
    }
}
