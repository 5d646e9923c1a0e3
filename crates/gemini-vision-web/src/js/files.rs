//! `client.files` for JS: `upload`, `get`, `list`, `delete`, `waitUntilActive`.
//!
//! What this module never does: decide anything about uploads (the Rust `Files` drives
//! the core's machine), or hand JS a file's bytes.

use super::client::promise;
use super::request::{list_options, upload_options, wait_options};
use super::response::plain;
use crate::files::Files;
use gemini_vision::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::Blob;

/// The File API of a `GeminiClient`.
#[wasm_bindgen(js_name = Files)]
#[derive(Debug)]
pub struct JsFiles {
    files: Files,
}

impl JsFiles {
    pub(crate) fn new(files: Files) -> Self {
        JsFiles { files }
    }
}

fn name_of(name: &JsValue) -> Result<String, Error> {
    name.as_string()
        .ok_or_else(|| Error::invalid("file name", "expected a string like \"files/abc\""))
}

#[wasm_bindgen(js_class = Files)]
impl JsFiles {
    /// Uploads a `Blob` or `File` with the resumable protocol: progress after every
    /// chunk, abort, retries, and resume after a reload (for a `File`).
    #[wasm_bindgen(unchecked_return_type = "Promise<GeminiFile>")]
    pub fn upload(
        &self,
        blob: Blob,
        #[wasm_bindgen(unchecked_param_type = "UploadOptions | undefined")] options: JsValue,
    ) -> Promise {
        let files = self.files.clone();
        promise(async move {
            let file = files.upload(&blob, upload_options(&options)?).await?;
            plain(&file)
        })
    }

    /// The file `name` (`"files/abc"` or `"abc"`).
    #[wasm_bindgen(unchecked_return_type = "Promise<GeminiFile>")]
    pub fn get(&self, #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> Promise {
        let files = self.files.clone();
        promise(async move { plain(&files.get(&name_of(&name)?).await?) })
    }

    /// One page of files: `{ files, nextPageToken }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<ListFilesResponse>")]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListFilesOptions | undefined")] options: JsValue,
    ) -> Promise {
        let files = self.files.clone();
        promise(async move {
            let (page_size, page_token) = list_options(&options)?;
            plain(&files.list(page_size, page_token.as_deref()).await?)
        })
    }

    /// Deletes the file `name`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Promise {
        let files = self.files.clone();
        promise(async move {
            files.delete(&name_of(&name)?).await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Polls until the file is `ACTIVE` (rejects with `FILE_FAILED`, `TIMEOUT`, or an
    /// `AbortError`).
    #[wasm_bindgen(js_name = waitUntilActive, unchecked_return_type = "Promise<GeminiFile>")]
    pub fn wait_until_active(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WaitOptions | undefined")] options: JsValue,
    ) -> Promise {
        let files = self.files.clone();
        promise(async move {
            let options = wait_options(&options)?;
            plain(&files.wait_until_active(&name_of(&name)?, options).await?)
        })
    }
}
