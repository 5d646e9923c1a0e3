//! Reading files: a prefix of a `Blob` (never the whole of a large file), object URLs
//! for previews, and decoded images for the canvas.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlImageElement};

/// The first `len` bytes of `blob` (all of it when shorter).
pub async fn read_prefix(blob: &Blob, len: u64) -> Result<Vec<u8>, String> {
    let end = (len as f64).min(blob.size());
    let slice = blob
        .slice_with_f64_and_f64(0.0, end)
        .map_err(|_| "the file could not be sliced".to_owned())?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(|_| "the file could not be read (was it moved or deleted?)".to_owned())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// An object URL for `blob` (revoke it with [`revoke_object_url`]).
pub fn object_url(blob: &Blob) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

/// Releases an object URL made by [`object_url`].
pub fn revoke_object_url(url: &str) {
    // Revoking an unknown URL is harmless; nothing to report.
    let _ = web_sys::Url::revoke_object_url(url);
}

/// An image element with `src` loaded and decoded, ready to draw.
pub async fn decoded_image(src: &str) -> Result<HtmlImageElement, String> {
    let image = HtmlImageElement::new().map_err(|_| "no image element".to_owned())?;
    image.set_decoding("async");
    image.set_src(src);
    JsFuture::from(image.decode())
        .await
        .map_err(|_| "the browser could not decode this image".to_owned())?;
    Ok(image)
}

/// Fetches a same-origin asset (an example image) as a `File` named `name`.
pub async fn fetch_asset(url: &str, name: &str) -> Result<web_sys::File, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{name} could not be loaded"))?
        .dyn_into()
        .map_err(|_| format!("{name} could not be loaded"))?;
    if !response.ok() {
        return Err(format!(
            "{name} could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let promise = response
        .blob()
        .map_err(|_| format!("{name} could not be read"))?;
    let blob: Blob = JsFuture::from(promise)
        .await
        .map_err(|_| format!("{name} could not be read"))?
        .dyn_into()
        .map_err(|_| format!("{name} could not be read"))?;
    let parts = js_sys::Array::of1(&blob);
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&blob.type_());
    web_sys::File::new_with_blob_sequence_and_options(&parts, name, &options)
        .map_err(|_| format!("{name} could not be read"))
}

/// A video's or audio's duration in seconds, read from its metadata by a detached
/// `<video>` element; `None` when the browser cannot play it.
pub async fn media_duration(url: &str) -> Option<f64> {
    let document = web_sys::window()?.document()?;
    let video: web_sys::HtmlVideoElement =
        document.create_element("video").ok()?.dyn_into().ok()?;
    video.set_preload("metadata");
    video.set_muted(true);
    let element = video.clone();
    let promise = js_sys::Promise::new(&mut move |resolve, _reject| {
        let done = resolve.clone();
        let on_meta = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = done.call0(&wasm_bindgen::JsValue::NULL);
        });
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        element.set_onloadedmetadata(Some(on_meta.unchecked_ref()));
        element.set_onerror(Some(on_error.unchecked_ref()));
    });
    video.set_src(url);
    JsFuture::from(promise).await.ok()?;
    let seconds = video.duration();
    // Each handler runs at most once; clearing the source fires `error` again, so they
    // are taken off first (a second call of a spent closure throws in the page).
    video.set_onloadedmetadata(None);
    video.set_onerror(None);
    video.set_src("");
    (seconds.is_finite() && seconds > 0.0).then_some(seconds)
}
