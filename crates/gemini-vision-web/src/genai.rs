//! `GoogleGenAI`: the client a page creates, as `@google/genai`'s is created
//! (`new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion } })`), handing out
//! `models`, `chats`, `files`, `caches` and `batches`, which share one [`ClientCore`].
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
use crate::transport::Transport;
use crate::values::{field, string_field, whole_number_field};
use gemini_vision::request::{DEFAULT_BASE_URL, DEFAULT_MAX_BODY_BYTES};
use gemini_vision::{ApiKey, Endpoint, Error, Result};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The API version the official SDK uses by default (`GOOGLE_AI_API_DEFAULT_VERSION`).
pub const DEFAULT_API_VERSION: &str = "v1";

/// What every handle of one client shares.
#[derive(Debug)]
pub(crate) struct ClientCore {
    /// Where requests go and with which key.
    pub(crate) transport: Rc<Transport>,
    /// The largest request body sent inline; media beyond it is uploaded first.
    pub(crate) max_inline_bytes: u64,
    /// `httpOptions.headers`: sent with every request (never replacing the key header).
    pub(crate) headers: Vec<(String, String)>,
    /// `httpOptions.timeout`, in milliseconds, per attempt.
    pub(crate) timeout_ms: Option<u64>,
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
        let http = field(options, "httpOptions").unwrap_or(JsValue::UNDEFINED);
        let base_url = string_field(&http, "baseUrl")?;
        let version = string_field(&http, "apiVersion")?;
        let endpoint = Endpoint::new(
            base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            version.as_deref().unwrap_or(DEFAULT_API_VERSION),
        )?;
        let headers = match field(&http, "headers") {
            None => Vec::new(),
            Some(headers) => crate::values::string_map(&headers, "httpOptions.headers")?,
        };
        Ok(ClientCore {
            transport: Rc::new(Transport::new(endpoint, api_key.and_then(ApiKey::new))),
            max_inline_bytes: whole_number_field(options, "maxInlineBytes")?
                .unwrap_or(DEFAULT_MAX_BODY_BYTES),
            headers,
            timeout_ms: whole_number_field(&http, "timeout")?,
        })
    }
}

/// The Gemini client: `new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion } })`.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct GoogleGenAI {
    core: Rc<ClientCore>,
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
