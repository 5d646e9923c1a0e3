//! From the caller's inputs to a laid-out request: each `Blob` measured (size, type),
//! the core's plan asked which go inline, those that must not uploaded (and waited for
//! until `ACTIVE`), and a builder in the caller's order with inline media as slots.

use super::Client;
use super::request::{GenerateRequest, Input};
use crate::body::{blob_mime, blob_size};
use crate::files::{UploadOptions, WaitOptions};
use gemini_vision::request::{InlinePlan, MediaItem, RequestBuilder, Route};
use gemini_vision::wire::File;
use gemini_vision::{Error, Result};
use web_sys::Blob;

/// The URI shown in a preview for a file that would be uploaded first.
const PREVIEW_UPLOAD_URI: &str = "<uploaded before sending>";

/// A request ready to be laid out.
pub(crate) struct Prepared {
    /// The request, inline media as slots.
    pub builder: RequestBuilder,
    /// The `Blob` of each slot, in order.
    pub media: Vec<Blob>,
    /// FileOps uploaded for this request.
    pub uploaded: Vec<File>,
    /// The plan.
    pub plan: InlinePlan,
}

struct Measured {
    blob: Blob,
    mime: String,
    size: u64,
}

/// Prepares `request`; with `upload` false (a preview), nothing is uploaded and
/// uploads are shown with a placeholder URI.
pub(crate) async fn prepare(
    client: &Client,
    request: &GenerateRequest,
    upload: bool,
) -> Result<Prepared> {
    let mut measured = Vec::new();
    for input in &request.contents {
        if let Input::Blob(blob) = input {
            let mime = blob_mime(blob, None).await?;
            let size = blob_size(blob)?;
            measured.push(Measured {
                blob: blob.clone(),
                mime,
                size,
            });
        }
    }
    let mut planning = base(client, request);
    for input in &request.contents {
        add_reference(&mut planning, input)?;
    }
    let items: Vec<MediaItem> = measured
        .iter()
        .map(|m| MediaItem::new(&m.mime, m.size))
        .collect();
    let plan = planning.plan(&items)?;

    let mut builder = base(client, request);
    let mut media = Vec::new();
    let mut uploaded = Vec::new();
    let mut next_blob = measured.iter().zip(&plan.items);
    for input in &request.contents {
        if !matches!(input, Input::Blob(_)) {
            add_reference(&mut builder, input)?;
            continue;
        }
        let Some((item, planned)) = next_blob.next() else {
            return Err(Error::invalid("contents", "a Blob was not planned"));
        };
        match planned.route {
            Route::Inline => {
                builder.inline_slot(&item.mime, item.size);
                media.push(item.blob.clone());
            }
            Route::FileApi if upload => {
                let file = upload_for_request(client, request, item).await?;
                let uri = file.uri.clone().unwrap_or_else(|| file.name.clone());
                builder.file(uri, &item.mime);
                uploaded.push(file);
            }
            Route::FileApi => {
                builder.file(PREVIEW_UPLOAD_URI, &item.mime);
            }
        }
    }
    Ok(Prepared {
        builder,
        media,
        uploaded,
        plan,
    })
}

/// A builder with the request's settings and the client's limit.
fn base(client: &Client, request: &GenerateRequest) -> RequestBuilder {
    let mut builder = RequestBuilder::new();
    builder.max_body_bytes(client.max_inline_bytes());
    request.config.apply(&mut builder);
    builder
}

/// Adds an input that is not a `Blob` (those are planned separately).
fn add_reference(builder: &mut RequestBuilder, input: &Input) -> Result<()> {
    match input {
        Input::Text(text) => {
            builder.text(text.clone());
        }
        Input::FileRef { uri, mime_type } => {
            builder.file(uri.clone(), mime_type);
        }
        Input::File(file) => {
            let uri = file.uri.clone().unwrap_or_else(|| file.name.clone());
            let mime = file.mime_type.as_deref().ok_or_else(|| {
                Error::invalid(
                    "file",
                    "the File has no mimeType; pass { fileUri, mimeType }",
                )
            })?;
            builder.file(uri, mime);
        }
        Input::Part(part) => {
            builder.part(part.clone());
        }
        Input::Blob(_) => {}
    }
    Ok(())
}

/// Uploads one `Blob` the plan routed to the File API and waits until it is `ACTIVE`.
async fn upload_for_request(
    client: &Client,
    request: &GenerateRequest,
    item: &Measured,
) -> Result<File> {
    let options = UploadOptions {
        mime_type: Some(item.mime.clone()),
        signal: request.signal.clone(),
        on_progress: request.on_upload_progress.clone(),
        ..UploadOptions::default()
    };
    let file = client.files().upload(&item.blob, options).await?;
    let wait = WaitOptions {
        signal: request.signal.clone(),
        timeout_ms: None,
    };
    crate::files::wait_for(client.transport(), &file, wait).await
}
