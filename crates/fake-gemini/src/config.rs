//! Every setting of the emulator, with the defaults the CLI uses.
//!
//! [`Config`] is what a caller passes to [`crate::start`]; the subset that may change
//! while the server runs lives in [`Settings`] and is adjustable through
//! `PATCH /__fake/config`. Nothing here may print the API key: `Debug` redacts it.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use crate::access::AccessConfig;
use crate::faults::FaultSpec;

/// Default listen address of the binary (`--addr`).
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";
/// The API's inline request limit: 20 MiB.
pub const DEFAULT_MAX_REQUEST_BYTES: u64 = 20 * 1024 * 1024;
/// Per-file limit of the File API: 2 GB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Per-project storage limit: 2 GiB, a tenth of the real API's 20 GB, so that a page
/// that uploads without end cannot fill a developer's disk (`--max-project-bytes`
/// raises it).
pub const DEFAULT_MAX_PROJECT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Which real model generation the answers imitate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    /// Gemini 2.x: JSON in a ```` ```json ```` fence, masks as 256x256 PNG data URIs.
    #[serde(rename = "gemini-2.5")]
    Gemini25,
    /// Gemini 3: bare JSON, masks as polygons inside `{"boxes":[...]}`.
    #[serde(rename = "gemini-3")]
    Gemini3,
    /// Decided per request by the model name.
    #[serde(rename = "auto")]
    Auto,
}

impl Style {
    /// Parses the CLI spelling.
    pub fn parse(text: &str) -> Option<Style> {
        match text {
            "gemini-2.5" | "gemini-2" | "2.5" => Some(Style::Gemini25),
            "gemini-3" | "3" => Some(Style::Gemini3),
            "auto" => Some(Style::Auto),
            _ => None,
        }
    }
}

/// The settings that may change at run time.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The only key accepted; `None` accepts any non-empty key.
    #[serde(skip_serializing)]
    pub api_key: Option<String>,
    /// Largest accepted body of a non-upload request, in bytes.
    pub max_request_bytes: u64,
    /// How long video and PDF files (and `processing_mime_prefixes`) stay `PROCESSING`.
    pub processing_ms: u64,
    /// MIME type prefixes whose uploads start `PROCESSING`.
    pub processing_mime_prefixes: Vec<String>,
    /// How long an upload session URL stays usable.
    pub session_ttl_secs: u64,
    /// Expose only `X-Goog-Upload-URL` and `X-Goog-Upload-Status` to browsers.
    pub strict_cors: bool,
    /// Answer style.
    pub style: Style,
    /// Characters of model text per SSE event.
    pub stream_chunk_chars: usize,
    /// Delay before every API answer.
    pub latency_ms: u64,
    /// Largest file the File API accepts.
    pub max_file_bytes: u64,
    /// Largest total of stored bytes (files, open sessions and bytes being written).
    pub max_project_bytes: u64,
    /// `sha256Hash` as base64 of the hex digest (the real API's quirk) instead of base64
    /// of the digest (the issue's rule, the default).
    pub sha256_hash_of_hex: bool,
    /// Drop unknown request fields instead of refusing them as the API does.
    pub accept_unknown_fields: bool,
    /// How long a batch job stays `PENDING`.
    pub batch_pending_ms: u64,
    /// How long a batch job stays `RUNNING`, before the time its requests add.
    pub batch_running_ms: u64,
    /// How much each request of a batch adds to its `RUNNING` time.
    pub batch_request_ms: u64,
    /// Serve `files/{id}:download` for uploaded files, as stand-ins for the generated
    /// files the API serves (the emulator generates none); off by default, as the API
    /// refuses downloads of uploaded files.
    pub download_uploaded_files: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            api_key: None,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            processing_ms: 2000,
            processing_mime_prefixes: vec!["video/".into(), "application/pdf".into()],
            session_ttl_secs: 7 * 24 * 3600,
            strict_cors: false,
            style: Style::Auto,
            stream_chunk_chars: 40,
            latency_ms: 0,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_project_bytes: DEFAULT_MAX_PROJECT_BYTES,
            sha256_hash_of_hex: false,
            accept_unknown_fields: false,
            batch_pending_ms: 200,
            batch_running_ms: 300,
            batch_request_ms: 20,
            download_uploaded_files: false,
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("max_request_bytes", &self.max_request_bytes)
            .field("processing_ms", &self.processing_ms)
            .field("processing_mime_prefixes", &self.processing_mime_prefixes)
            .field("session_ttl_secs", &self.session_ttl_secs)
            .field("strict_cors", &self.strict_cors)
            .field("style", &self.style)
            .field("stream_chunk_chars", &self.stream_chunk_chars)
            .field("latency_ms", &self.latency_ms)
            .field("max_file_bytes", &self.max_file_bytes)
            .field("max_project_bytes", &self.max_project_bytes)
            .field("sha256_hash_of_hex", &self.sha256_hash_of_hex)
            .field("accept_unknown_fields", &self.accept_unknown_fields)
            .field("batch_pending_ms", &self.batch_pending_ms)
            .field("batch_running_ms", &self.batch_running_ms)
            .field("batch_request_ms", &self.batch_request_ms)
            .field("download_uploaded_files", &self.download_uploaded_files)
            .finish()
    }
}

impl Settings {
    /// The processing delay as a duration.
    pub fn processing(&self) -> Duration {
        Duration::from_millis(self.processing_ms)
    }

    /// Whether an upload of this MIME type starts `PROCESSING`.
    pub fn starts_processing(&self, mime: &str) -> bool {
        self.processing_mime_prefixes
            .iter()
            .any(|prefix| mime.starts_with(prefix.as_str()))
    }
}

/// A partial update of [`Settings`], as `PATCH /__fake/config` takes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct SettingsPatch {
    pub max_request_bytes: Option<u64>,
    pub processing_ms: Option<u64>,
    pub processing_mime_prefixes: Option<Vec<String>>,
    pub session_ttl_secs: Option<u64>,
    pub strict_cors: Option<bool>,
    pub style: Option<Style>,
    pub stream_chunk_chars: Option<usize>,
    pub latency_ms: Option<u64>,
    pub max_file_bytes: Option<u64>,
    pub max_project_bytes: Option<u64>,
    pub sha256_hash_of_hex: Option<bool>,
    pub accept_unknown_fields: Option<bool>,
    pub batch_pending_ms: Option<u64>,
    pub batch_running_ms: Option<u64>,
    pub batch_request_ms: Option<u64>,
    pub download_uploaded_files: Option<bool>,
}

impl SettingsPatch {
    /// Applies every field that is set.
    pub fn apply(self, settings: &mut Settings) {
        macro_rules! set {
            ($($field:ident),*) => {$(
                if let Some(value) = self.$field { settings.$field = value; }
            )*};
        }
        set!(
            max_request_bytes,
            processing_ms,
            processing_mime_prefixes,
            session_ttl_secs,
            strict_cors,
            style,
            latency_ms,
            max_file_bytes,
            max_project_bytes,
            sha256_hash_of_hex,
            accept_unknown_fields,
            batch_pending_ms,
            batch_running_ms,
            batch_request_ms,
            download_uploaded_files
        );
        if let Some(chars) = self.stream_chunk_chars {
            settings.stream_chunk_chars = chars.max(1);
        }
    }
}

/// Everything [`crate::start`] needs. `Default` is what the CLI defaults to.
#[derive(Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Where uploaded bytes go; `None` makes a fresh temporary folder that is removed
    /// when the server stops.
    pub data_dir: Option<PathBuf>,
    /// The run-time settings at start.
    pub settings: Settings,
    /// Faults armed from the start.
    pub faults: Vec<FaultSpec>,
    /// No request log on stderr.
    pub quiet: bool,
    /// Who may call (origins, host names), the admin token, forwarded hosts.
    pub access: AccessConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            data_dir: None,
            settings: Settings::default(),
            faults: Vec::new(),
            quiet: false,
            access: AccessConfig::default(),
        }
    }
}

impl Config {
    /// A config for tests: loopback, a free port, a temporary data folder, quiet.
    pub fn ephemeral() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            quiet: true,
            ..Config::default()
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("data_dir", &self.data_dir)
            .field("settings", &self.settings)
            .field("faults", &self.faults)
            .field("quiet", &self.quiet)
            .field("access", &self.access)
            .finish()
    }
}
