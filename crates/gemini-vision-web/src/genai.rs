//! `GoogleGenAI`: the client a page creates, as `@google/genai`'s is created
//! (`new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion } })`), handing out
//! `models`, `chats`, `files`, `caches` and `batches`, which share one `ClientCore`.
//!
//! What this module never does: keep the API key anywhere but the transport (which sends
//! it only in the `x-goog-api-key` header, only to the API's origin), or accept an option
//! of the wrong type silently.

use crate::batches::Batches;
use crate::caches::Caches;
use crate::chats::Chats;
use crate::errors::{error_to_js, guard};
use crate::files::Files;
use crate::models::Models;
use crate::request::options::HttpOptions;
use crate::transport::Transport;
use crate::values::{field, string_field, whole_number_field};
use gemini_vision::endpoint::DEFAULT_BASE_URL;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::request::DEFAULT_MAX_BODY_BYTES;
use gemini_vision::{ApiKey, Error, Result};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The API version the official SDK uses by default (`GOOGLE_AI_API_DEFAULT_VERSION`).
pub const DEFAULT_API_VERSION: &str = "v1";

/// What every handle of one client shares.
#[derive(Debug)]
pub(crate) struct ClientCore {
    /// Where requests go, with which key and `httpOptions`.
    pub(crate) transport: Rc<Transport>,
    /// The largest request body sent inline; media beyond it is uploaded first.
    pub(crate) max_inline_bytes: u64,
}

impl ClientCore {
    /// A client core from the options object of `new GoogleGenAI(options)`.
    pub(crate) fn from_options(options: &JsValue) -> Result<ClientCore> {
        if !options.is_undefined() && !options.is_null() && !options.is_object() {
            return Err(Error::invalid("options", "expected an object"));
        }
        if field(options, "vertexai").and_then(|v| v.as_bool()) == Some(true) {
            return Err(Error::invalid(
                "vertexai",
                "this library speaks the Gemini Developer API only",
            ));
        }
        let api_key = string_field(options, "apiKey")?;
        let http = HttpOptions::read(&field(options, "httpOptions").unwrap_or(JsValue::UNDEFINED))?;
        let endpoint = Self::endpoint_of(&http)?;
        let transport = Transport::new(endpoint, api_key.and_then(ApiKey::new), http);
        Ok(ClientCore {
            transport: Rc::new(transport),
            max_inline_bytes: whole_number_field(options, "maxInlineBytes")?
                .unwrap_or(DEFAULT_MAX_BODY_BYTES),
        })
    }

    /// The client's `httpOptions`, which a call's own `httpOptions` patch.
    pub(crate) fn http(&self) -> &HttpOptions {
        self.transport.http()
    }

    /// Where requests go with `http` (the client's options, perhaps patched by a call's).
    pub(crate) fn endpoint_for(&self, http: &HttpOptions) -> Result<Endpoint> {
        Self::endpoint_of(http)
    }

    fn endpoint_of(http: &HttpOptions) -> Result<Endpoint> {
        Endpoint::new(
            http.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            http.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION),
        )
    }
}

/// The Gemini client: `new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion } })`.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct GoogleGenAI {
    core: Rc<ClientCore>,
}

impl GoogleGenAI {
    /// A client for Rust callers: `api_key` (empty for none) towards `base_url` (the
    /// API's by default; an emulator, or the app's own proxy).
    pub fn with_key(api_key: &str, base_url: Option<&str>) -> Result<GoogleGenAI> {
        let options = crate::values::object_of(&[("apiKey", &JsValue::from_str(api_key))]);
        if let Some(base) = base_url {
            let http = crate::values::object_of(&[("baseUrl", &JsValue::from_str(base))]);
            crate::values::set(&options, "httpOptions", &http);
        }
        Self::from_options(&options)
    }

    /// The File API of this client for Rust callers (uploads with progress, abort and
    /// resume; get, list, delete, waiting until `ACTIVE`).
    pub fn file_ops(&self) -> crate::files::FileOps {
        crate::files::FileOps::new(self.core.transport.clone())
    }

    /// Where this client sends requests.
    pub fn endpoint(&self) -> &Endpoint {
        self.core.transport.endpoint()
    }

    /// A client from the options object of `new GoogleGenAI(options)`.
    pub fn from_options(options: &JsValue) -> Result<GoogleGenAI> {
        Ok(GoogleGenAI {
            core: Rc::new(ClientCore::from_options(options)?),
        })
    }
}

#[wasm_bindgen]
impl GoogleGenAI {
    /// `new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion, headers, timeout },
    /// maxInlineBytes })`; throws for a malformed base URL, version or option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "GoogleGenAIOptions")] options: JsValue,
    ) -> std::result::Result<GoogleGenAI, JsValue> {
        guard()?;
        ClientCore::from_options(&options)
            .map(|core| GoogleGenAI {
                core: Rc::new(core),
            })
            .map_err(|error| error_to_js(&error))
    }

    /// `generateContent`, `generateContentStream`, `countTokens`, `get`, `list`.
    #[wasm_bindgen(getter)]
    pub fn models(&self) -> Models {
        Models::new(self.core.clone())
    }

    /// Chat sessions: `chats.create({ model, config, history })`.
    #[wasm_bindgen(getter)]
    pub fn chats(&self) -> Chats {
        Chats::new(self.core.clone())
    }

    /// The File API.
    #[wasm_bindgen(getter)]
    pub fn files(&self) -> Files {
        Files::new(self.core.clone())
    }

    /// Context caches.
    #[wasm_bindgen(getter)]
    pub fn caches(&self) -> Caches {
        Caches::new(self.core.clone())
    }

    /// Batch Mode.
    #[wasm_bindgen(getter)]
    pub fn batches(&self) -> Batches {
        Batches::new(self.core.clone())
    }
}
