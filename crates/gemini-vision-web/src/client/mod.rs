//! The client: `generateContent`, `streamGenerateContent`, `countTokens` and a preview
//! of what would be sent, over `fetch`, with inline media assembled as a `Blob` and
//! media too large to go inline uploaded first, as the core's plan says.
//!
//! What this module never does: decide how media travels (the core's
//! [`gemini_vision::request::RequestBuilder::plan`] does), hold a whole image in wasm
//! memory, or let the API key out of the `x-goog-api-key` header.

mod prepare;
mod request;
mod stream;

pub use request::{GenerateConfig, GenerateRequest, Input};
pub use stream::ContentStream;

use crate::body;
use crate::files::FileOps;
use crate::transport::{Call, CallBody, Transport, send_with_retries};
use gemini_vision::request::{BodyPiece, DEFAULT_BASE_URL, DEFAULT_MAX_BODY_BYTES, InlinePlan};
use gemini_vision::wire::{CountTokensResponse, File, GenerateContentResponse};
use gemini_vision::{ApiKey, Endpoint, Error, Result};
use std::fmt;
use std::rc::Rc;

/// How to reach the API.
#[derive(Clone, Default)]
pub struct ClientOptions {
    /// The API key; `None` when `base_url` is the app's own proxy that adds it.
    pub api_key: Option<String>,
    /// Default `https://generativelanguage.googleapis.com`.
    pub base_url: Option<String>,
    /// Default `"v1beta"`.
    pub api_version: Option<String>,
    /// The largest request body sent inline; default 20,971,520 bytes.
    pub max_inline_bytes: Option<u64>,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientOptions")
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("max_inline_bytes", &self.max_inline_bytes)
            .finish()
    }
}

/// A Gemini client; cheap to clone (an `Rc` inside).
#[derive(Clone, Debug)]
pub struct Client {
    transport: Rc<Transport>,
    max_inline_bytes: u64,
}

/// A `generateContent` answer and the files the plan uploaded to make the request.
#[derive(Debug, Clone)]
pub struct GenerateResult {
    /// The answer (`.text()`, `.blocked()`).
    pub response: GenerateContentResponse,
    /// Media the plan sent through the File API, in the order of `contents`.
    pub uploaded: Vec<File>,
}

/// What a request would send, without sending it.
#[derive(Debug, Clone)]
pub struct RequestPreview {
    /// How each `Blob` travels, and why.
    pub plan: InlinePlan,
    /// The JSON body, every base64 payload replaced by `<N bytes of base64>` and every
    /// URI of a file still to be uploaded by a placeholder.
    pub body: String,
    /// The length the real body would have.
    pub body_len: u64,
}

impl Client {
    /// A client for `options`. Fails on a malformed base URL or API version.
    pub fn new(options: ClientOptions) -> Result<Client> {
        let base = options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        let version = options
            .api_version
            .as_deref()
            .unwrap_or(gemini_vision::request::DEFAULT_API_VERSION);
        let endpoint = Endpoint::new(base, version)?;
        let api_key = options.api_key.and_then(ApiKey::new);
        Ok(Client {
            transport: Rc::new(Transport::new(endpoint, api_key)),
            max_inline_bytes: options.max_inline_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
        })
    }

    /// The File API of this client.
    pub fn files(&self) -> FileOps {
        FileOps::new(self.transport.clone())
    }

    /// Where this client sends requests.
    pub fn endpoint(&self) -> &Endpoint {
        self.transport.endpoint()
    }

    /// Sends a `generateContent` request (uploading first what the plan says must
    /// go through the File API); 429 and 5xx answers are retried.
    pub async fn generate_content(&self, request: GenerateRequest) -> Result<GenerateResult> {
        let url = self.endpoint().generate_content(&request.model)?;
        let prepared = prepare::prepare(self, &request, true).await?;
        let body = self
            .assemble(&prepared.builder.build_pieces()?, &prepared, &request)
            .await?;
        let call = Call::new("POST", &url, request.signal.as_ref()).json(CallBody::Blob(body));
        let answer = send_with_retries(&self.transport, &call).await?;
        let response = serde_json::from_slice(&answer)
            .map_err(|e| Error::malformed("generateContent answer", e.to_string()))?;
        Ok(GenerateResult {
            response,
            uploaded: prepared.uploaded,
        })
    }

    /// Starts a `streamGenerateContent` request; nothing is sent until the first
    /// [`ContentStream::next`].
    pub fn generate_content_stream(&self, request: GenerateRequest) -> ContentStream {
        ContentStream::new(self.clone(), request)
    }

    /// Counts the request's tokens with `countTokens`.
    pub async fn count_tokens(&self, request: GenerateRequest) -> Result<CountTokensResponse> {
        let url = self.endpoint().count_tokens(&request.model)?;
        let prepared = prepare::prepare(self, &request, true).await?;
        let pieces = prepared.builder.build_count_tokens_pieces(&request.model)?;
        let body = self.assemble(&pieces, &prepared, &request).await?;
        let call = Call::new("POST", &url, request.signal.as_ref()).json(CallBody::Blob(body));
        let answer = send_with_retries(&self.transport, &call).await?;
        serde_json::from_slice(&answer)
            .map_err(|e| Error::malformed("countTokens answer", e.to_string()))
    }

    /// What [`Client::generate_content`] would send, without sending or uploading.
    pub async fn preview(&self, request: &GenerateRequest) -> Result<RequestPreview> {
        self.endpoint().generate_content(&request.model)?;
        let prepared = prepare::prepare(self, request, false).await?;
        let pieces = prepared.builder.build_pieces()?;
        let mut body = String::new();
        for piece in pieces.pieces() {
            match piece {
                BodyPiece::Json(json) => body.push_str(&String::from_utf8_lossy(json)),
                BodyPiece::Media { raw_len, .. } => body.push_str(&format!(
                    "<{} bytes of base64>",
                    gemini_vision::request::base64_len(*raw_len)
                )),
            }
        }
        Ok(RequestPreview {
            plan: prepared.plan,
            body,
            body_len: pieces.len(),
        })
    }

    pub(crate) fn transport(&self) -> &Rc<Transport> {
        &self.transport
    }

    pub(crate) fn max_inline_bytes(&self) -> u64 {
        self.max_inline_bytes
    }

    async fn assemble(
        &self,
        pieces: &gemini_vision::request::BodyPieces,
        prepared: &prepare::Prepared,
        request: &GenerateRequest,
    ) -> Result<web_sys::Blob> {
        body::assemble(
            pieces,
            &prepared.media,
            request.signal.as_ref(),
            self.transport.api_key(),
        )
        .await
    }
}
