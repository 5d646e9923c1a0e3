//! `files.download`: a file's bytes as a `Blob` (the SDK cannot download in a browser).
//! The request is the one the SDK sends in Node, `GET {v}/files/{id}:download?alt=media`.
//! The API serves the bytes of generated files (those with a `downloadUri`); for an
//! uploaded file it answers with an error, which rejects as an `ApiError`.
//!
//! What this module never does: copy the bytes into wasm memory (they go from the
//! answer into a `Blob` in the browser), or read past `maxBytes`.

use crate::rest::{Context, Outgoing, send_until_accepted};
use crate::transport::{BodyReader, from_js};
use gemini_vision::{Error, Result};
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag};

/// The most read by default: the largest file the File API stores (2 GB).
pub const DEFAULT_MAX_DOWNLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

fn too_large(actual: u64, max: u64) -> Error {
    Error::LimitExceeded {
        what: "download",
        actual,
        max,
    }
}

/// The bytes of the file `id`, at most `max_bytes` of them.
pub(crate) async fn run(context: &Context, id: &str, max_bytes: u64) -> Result<Blob> {
    let url = format!("{}:download?alt=media", context.endpoint.file_url(id)?);
    let answer = send_until_accepted(context, &Outgoing::api("GET", &url)).await?;
    let response = &answer.response;
    let (signal, key) = (context.signal(), context.api_key());
    let length = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|text| text.trim().parse::<u64>().ok());
    if let Some(length) = length {
        if length > max_bytes {
            BodyReader::new(response, None, None).cancel();
            return Err(too_large(length, max_bytes));
        }
        // A known, allowed length: the browser reads the body into a Blob itself.
        let blob = response.blob().map_err(|e| from_js(&e, signal, key))?;
        let blob = JsFuture::from(blob)
            .await
            .map_err(|e| answer.explain(from_js(&e, signal, key)))?;
        return blob
            .dyn_into::<Blob>()
            .map_err(|_| Error::malformed("download", "not a Blob"));
    }
    // No length given: count the chunks as they come.
    let mut reader = BodyReader::new(response, signal.cloned(), key.cloned());
    let chunks = Array::new();
    let mut total = 0u64;
    while let Some(chunk) = reader
        .next_js_chunk()
        .await
        .map_err(|e| answer.explain(e))?
    {
        total = total.saturating_add(u64::from(chunk.length()));
        if total > max_bytes {
            reader.cancel();
            return Err(too_large(total, max_bytes));
        }
        chunks.push(&chunk);
    }
    let options = BlobPropertyBag::new();
    if let Ok(Some(mime)) = response.headers().get("content-type") {
        options.set_type(&mime);
    }
    Blob::new_with_u8_array_sequence_and_options(&chunks, &options)
        .map_err(|e| from_js(&e, None, key))
}
