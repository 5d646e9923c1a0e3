//! The annotated image as a PNG file at the image's own size.

use super::Frame;
use super::mask_layer::{canvas_error, scratch_canvas};
use gemini_vision::{Error, Result};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement};

/// Paints the frame at scale 1 on a detached canvas with `paint` and encodes it as PNG.
pub(crate) async fn png(
    canvas: &HtmlCanvasElement,
    frame: &Frame,
    paint: impl FnOnce(&CanvasRenderingContext2d) -> Result<()>,
) -> Result<Blob> {
    let document = canvas
        .owner_document()
        .ok_or_else(|| Error::invalid("canvas", "it belongs to no document"))?;
    let (target, ctx) = scratch_canvas(&document, frame.size)?;
    paint(&ctx)?;
    let mut refused = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        // toBlob calls back with null when encoding fails; it throws (SecurityError)
        // when a cross-origin image tainted the canvas.
        if let Err(e) = target.to_blob_with_type(&resolve, "image/png") {
            refused = Some(canvas_error("PNG export", &e));
            let _ = reject.call1(&wasm_bindgen::JsValue::NULL, &e);
        }
    });
    if let Some(error) = refused {
        return Err(error);
    }
    let value = JsFuture::from(promise)
        .await
        .map_err(|e| canvas_error("PNG export", &e))?;
    value
        .dyn_into::<Blob>()
        .map_err(|_| Error::invalid("PNG export", "the browser produced no PNG"))
}
