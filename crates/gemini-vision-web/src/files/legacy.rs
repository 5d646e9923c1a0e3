//! The old Rust file API (`Client::files()`), kept for the old `client` module until it
//! moves to the new surface: it runs on the same upload and poll code and converts the
//! `File` objects into the core's wire type. Remove with `client`.

use super::options::{UploadOptions, WaitOptions};
use crate::genai::ClientCore;
use crate::request::options::HttpOptions;
use crate::transport::Transport;
use gemini_vision::Result;
use gemini_vision::request::DEFAULT_MAX_BODY_BYTES;
use gemini_vision::wire::File;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Blob;

/// The File API of one old `Client` (`client.files()`); cheap to clone.
#[derive(Clone, Debug)]
pub struct FileOps {
    core: Rc<ClientCore>,
}

/// A client core around `transport`: the files module sends its API requests with the
/// transport's headers, timeout and retries (a proxy's header, `X-Server-Timeout`), for
/// the media a `generateContent` plan uploads as for `files.upload`, but not with its
/// `extraBody` (a call's, meant for the `generateContent` body).
fn core_of(transport: Rc<Transport>) -> ClientCore {
    let http = HttpOptions {
        extra_body: None,
        ..transport.http().clone()
    };
    ClientCore {
        transport: Rc::new(transport.for_call(transport.endpoint().clone(), http)),
        max_inline_bytes: DEFAULT_MAX_BODY_BYTES,
    }
}

fn wire(file: JsValue) -> Result<File> {
    let value = crate::values::from_js_json(&file, "file")?;
    File::from_value(&value).map_err(|reason| gemini_vision::Error::malformed("file", reason))
}

impl FileOps {
    pub(crate) fn new(transport: Rc<Transport>) -> Self {
        FileOps {
            core: Rc::new(core_of(transport)),
        }
    }

    /// Uploads `blob` (a `File` is a `Blob`) with the resumable protocol.
    pub async fn upload(&self, blob: &Blob, options: UploadOptions) -> Result<File> {
        wire(super::upload_blob(&self.core, blob, options).await?)
    }

    /// Polls the file `name` until it is `ACTIVE`.
    pub async fn wait_until_active(&self, name: &str, options: WaitOptions) -> Result<File> {
        let file = JsValue::from_str(name);
        wire(super::wait_until_active(&self.core, &file, options).await?)
    }
}

/// Waits until `file` (an upload's answer) is `ACTIVE`, without a request if it is.
pub(crate) async fn wait_for(
    transport: &Rc<Transport>,
    file: &File,
    options: WaitOptions,
) -> Result<File> {
    let core = core_of(transport.clone());
    let object = crate::values::to_js_json(&file.to_value(), "file")?;
    wire(super::wait_until_active(&core, &object, options).await?)
}
