//! The "request" view: the body the demo will send, with every base64 payload elided,
//! and how each file travels (inline or through the File API) and why.
//!
//! Built with the core's own `RequestBuilder` and `plan`, so the view shows exactly the
//! structure, settings and routing of the real request; only the payload bytes are
//! replaced by a note of their size. Never reads a file's bytes.

use super::run_settings::RunSettings;
use super::units::human_bytes;
use gemini_vision::Result;
use gemini_vision::media::MediaKind;
use gemini_vision::request::{MediaItem, PlannedItem, RequestBuilder, Route};
use gemini_vision::wire::Part;

/// One file of the request, as the view needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewMedia {
    /// The file's name.
    pub name: String,
    /// Its MIME type.
    pub mime: String,
    /// Its size in bytes.
    pub size: u64,
    /// The `uri` of an upload already made for it, if any.
    pub uploaded_uri: Option<String>,
}

/// The prompt side of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewPrompt<'a> {
    /// The user's text.
    pub text: &'a str,
    /// The system instruction, if any.
    pub system: Option<&'a str>,
    /// Model and generation settings.
    pub settings: &'a RunSettings,
    /// The inline limit planned against.
    pub max_inline_bytes: u64,
}

/// How one file travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteLine {
    /// The file's name.
    pub name: String,
    /// Inline or File API.
    pub route: Route,
    /// Why, in a sentence.
    pub reason: String,
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPreview {
    /// `POST .../models/{model}:streamGenerateContent?alt=sse`, without the base URL.
    pub endpoint: String,
    /// The body, pretty-printed, payloads elided.
    pub body: String,
    /// One line per file.
    pub routes: Vec<RouteLine>,
    /// The real body's length in bytes (a pending upload's URI counted at its
    /// placeholder's length).
    pub body_len: u64,
    /// The inline limit.
    pub limit: u64,
}

/// The placeholder URI of a file that will be uploaded when the request runs.
pub const PENDING_UPLOAD_URI: &str = "files/(uploaded when you run)";

fn base_builder(prompt: &PreviewPrompt<'_>) -> RequestBuilder {
    let mut base = RequestBuilder::new();
    base.max_body_bytes(prompt.max_inline_bytes);
    prompt.settings.apply_to(&mut base);
    if let Some(system) = prompt.system.filter(|s| !s.trim().is_empty()) {
        base.system_instruction(system);
    }
    base
}

/// How each of `media` travels in a request with `prompt`, as the core plans it.
pub fn plan_routes(prompt: &PreviewPrompt<'_>, media: &[PreviewMedia]) -> Result<Vec<Route>> {
    let mut planner = base_builder(prompt);
    let text = prompt.text.trim();
    if !text.is_empty() {
        planner.text(text);
    }
    let items: Vec<MediaItem> = media
        .iter()
        .map(|m| MediaItem::new(&m.mime, m.size))
        .collect();
    Ok(planner
        .plan(&items)?
        .items
        .iter()
        .map(|i| demo_route(i).0)
        .collect())
}

/// The core's plan, plus one rule of the demo's: videos, audio and PDFs always go
/// through the File API, where the server processes them once (the page shows
/// `PROCESSING`, then `ACTIVE`) and later runs reuse the upload for 48 hours.
fn demo_route(planned: &PlannedItem) -> (Route, String) {
    let noun = match planned.kind {
        MediaKind::Video => "Videos",
        MediaKind::Audio => "Audio files",
        MediaKind::Pdf => "PDFs",
        MediaKind::Image | MediaKind::Text => return (planned.route, planned.reason.to_string()),
    };
    let reason = match planned.route {
        Route::Inline => {
            format!("{noun} go through the File API: processed once, reused for 48 hours")
        }
        Route::FileApi => planned.reason.to_string(),
    };
    (Route::FileApi, reason)
}

/// Builds the preview of one request.
pub fn preview(prompt: &PreviewPrompt<'_>, media: &[PreviewMedia]) -> Result<RequestPreview> {
    let base = base_builder(prompt);
    let text = prompt.text.trim();
    let mut planner = base.clone();
    if !text.is_empty() {
        planner.text(text);
    }
    let items: Vec<MediaItem> = media
        .iter()
        .map(|m| MediaItem::new(&m.mime, m.size))
        .collect();
    let plan = planner.plan(&items)?;

    // The demo sends the media first, then the prompt (Google's advice for images).
    let mut shown = base;
    let mut routes = Vec::with_capacity(media.len());
    // What the elided payloads leave out of the shown body's length.
    let mut elided = 0u64;
    for (item, planned) in media.iter().zip(&plan.items) {
        let (route, reason) = demo_route(planned);
        let reason = match (&item.uploaded_uri, route) {
            (Some(uri), _) => {
                shown.file(uri.clone(), &planned.mime);
                "already uploaded".to_owned()
            }
            (None, Route::FileApi) => {
                shown.file(PENDING_UPLOAD_URI, &planned.mime);
                reason
            }
            (None, Route::Inline) => {
                let encoded = planned.size.div_ceil(3) * 4;
                let note = format!(
                    "<{} of base64 elided: {} file>",
                    human_bytes(encoded),
                    human_bytes(planned.size)
                );
                elided += encoded.saturating_sub(note.len() as u64);
                shown.part(Part::inline_base64(planned.mime.clone(), note));
                reason
            }
        };
        let route = if item.uploaded_uri.is_some() {
            Route::FileApi
        } else {
            route
        };
        routes.push(RouteLine {
            name: item.name.clone(),
            route,
            reason,
        });
    }
    if !text.is_empty() {
        shown.text(text);
    }
    let bytes = shown.build()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|err| gemini_vision::Error::malformed("request preview", err.to_string()))?;
    let body = serde_json::to_string_pretty(&value)
        .map_err(|err| gemini_vision::Error::malformed("request preview", err.to_string()))?;
    Ok(RequestPreview {
        endpoint: format!(
            "POST /v1beta/models/{}:streamGenerateContent?alt=sse",
            prompt.settings.model_id()
        ),
        body,
        routes,
        body_len: shown.body_len()? + elided,
        limit: plan.limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::request::DEFAULT_MAX_BODY_BYTES;

    fn prompt<'a>(text: &'a str, settings: &'a RunSettings) -> PreviewPrompt<'a> {
        PreviewPrompt {
            text,
            system: Some("Return bounding boxes as a JSON array with labels."),
            settings,
            max_inline_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    fn item(name: &str, mime: &str, size: u64) -> PreviewMedia {
        PreviewMedia {
            name: name.into(),
            mime: mime.into(),
            size,
            uploaded_uri: None,
        }
    }

    #[test]
    fn a_small_image_goes_inline_with_its_payload_elided() {
        let settings = RunSettings::default();
        let preview = preview(
            &prompt("Detect the cupcakes", &settings),
            &[item("cupcakes.png", "image/png", 694_972)],
        )
        .unwrap();
        assert_eq!(preview.routes[0].route, Route::Inline);
        let body: serde_json::Value = serde_json::from_str(&preview.body).unwrap();
        let data = body["contents"][0]["parts"][0]["inlineData"]["data"]
            .as_str()
            .unwrap();
        assert!(data.contains("elided"), "{data}");
        assert_eq!(
            body["contents"][0]["parts"][1]["text"],
            "Detect the cupcakes"
        );
        assert_eq!(body["generationConfig"]["temperature"], 0.5);
        assert!(body["systemInstruction"].is_object());
    }

    #[test]
    fn the_body_length_is_the_real_one_not_the_elided_one() {
        let settings = RunSettings::default();
        let preview = preview(
            &prompt("Detect", &settings),
            &[item("cupcakes.png", "image/png", 694_972)],
        )
        .unwrap();
        assert!(preview.body_len > 694_972 * 4 / 3, "{}", preview.body_len);
        assert!(preview.body.len() < 2_000);
    }

    #[test]
    fn a_large_video_goes_through_the_file_api_and_says_why() {
        let settings = RunSettings::default();
        let preview = preview(
            &prompt("What happens?", &settings),
            &[
                item("clip.mp4", "video/mp4", 300_000_000),
                item("cat.jpg", "image/jpeg", 1_205_264),
            ],
        )
        .unwrap();
        assert_eq!(preview.routes[0].route, Route::FileApi);
        assert!(preview.routes[0].reason.contains("limit"));
        assert_eq!(preview.routes[1].route, Route::Inline);
        assert!(preview.body.contains(PENDING_UPLOAD_URI));
    }

    #[test]
    fn a_small_video_or_pdf_still_goes_through_the_file_api() {
        let settings = RunSettings::default();
        let media = [
            item("clip.mp4", "video/mp4", 2_000_000),
            item("paper.pdf", "application/pdf", 300_000),
            item("cat.jpg", "image/jpeg", 1_205_264),
        ];
        let preview = preview(&prompt("Summarise", &settings), &media).unwrap();
        let routes: Vec<_> = preview.routes.iter().map(|r| r.route).collect();
        assert_eq!(routes, [Route::FileApi, Route::FileApi, Route::Inline]);
        assert!(
            preview.routes[1]
                .reason
                .contains("PDFs go through the File API"),
            "{}",
            preview.routes[1].reason
        );
        assert_eq!(
            plan_routes(&prompt("Summarise", &settings), &media).unwrap(),
            routes
        );
    }

    #[test]
    fn routes_match_the_previews_routes() {
        let settings = RunSettings::default();
        let media = [
            item("clip.mp4", "video/mp4", 300_000_000),
            item("cat.jpg", "image/jpeg", 1_205_264),
        ];
        let routes = plan_routes(&prompt("What happens?", &settings), &media).unwrap();
        assert_eq!(routes, vec![Route::FileApi, Route::Inline]);
    }

    #[test]
    fn an_uploaded_file_is_referenced_by_its_uri() {
        let settings = RunSettings::default();
        let mut video = item("clip.mp4", "video/mp4", 300_000_000);
        video.uploaded_uri = Some("http://127.0.0.1:8787/v1beta/files/abc".into());
        let preview = preview(&prompt("Describe", &settings), &[video]).unwrap();
        assert!(preview.body.contains("v1beta/files/abc"));
        assert_eq!(preview.routes[0].reason, "already uploaded");
    }

    #[test]
    fn the_endpoint_names_the_model() {
        let settings = RunSettings {
            model: "gemini-3-flash-preview".into(),
            ..RunSettings::default()
        };
        let preview = preview(&prompt("Hi", &settings), &[]).unwrap();
        assert_eq!(
            preview.endpoint,
            "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse"
        );
    }

    #[test]
    fn an_unsupported_type_is_a_typed_error() {
        let settings = RunSettings::default();
        let err = preview(
            &prompt("Detect", &settings),
            &[item("a.gif", "image/gif", 1000)],
        )
        .unwrap_err();
        assert_eq!(err.code(), "UNSUPPORTED_MIME");
    }

    #[test]
    fn an_empty_request_is_refused() {
        let settings = RunSettings::default();
        let mut empty = prompt("  ", &settings);
        empty.system = None;
        assert!(preview(&empty, &[]).is_err());
    }

    proptest::proptest! {
        #[test]
        fn every_file_gets_a_route(sizes in proptest::collection::vec(1u64..60_000_000, 1..6)) {
            let settings = RunSettings::default();
            let media: Vec<_> = sizes.iter().enumerate().map(|(i, s)| item(&format!("f{i}.jpg"), "image/jpeg", *s)).collect();
            let preview = preview(&prompt("Detect", &settings), &media).unwrap();
            proptest::prop_assert_eq!(preview.routes.len(), media.len());
            proptest::prop_assert!(preview.body_len <= preview.limit);
        }
    }
}
