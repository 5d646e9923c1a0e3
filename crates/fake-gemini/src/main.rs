//! The `fake-gemini` binary: parses flags, starts the emulator, prints
//! `listening on http://ADDR` first when ready (scripts wait for that line), then
//! `admin token: TOKEN` when the token was generated rather than given, and serves
//! until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use fake_gemini::config::AccessConfig;
use fake_gemini::{Config, FaultKind, FaultSpec, Settings, Style, Target};

/// A faithful local emulator of the Gemini API.
#[derive(Debug, Parser)]
#[command(name = "fake-gemini", version, about)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = fake_gemini::config::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// The only API key accepted (default: any non-empty key).
    #[arg(long)]
    api_key: Option<String>,
    /// Where uploaded bytes are kept (default: a fresh temporary folder, removed on exit).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Largest accepted request body, in bytes.
    #[arg(long, default_value_t = fake_gemini::config::DEFAULT_MAX_REQUEST_BYTES)]
    max_request_bytes: u64,
    /// How long video and PDF uploads stay PROCESSING, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    processing_ms: u64,
    /// MIME type prefixes whose uploads start PROCESSING (repeatable; default video/ and
    /// application/pdf).
    #[arg(long = "processing-mime")]
    processing_mime: Vec<String>,
    /// How long an upload session URL stays usable, in seconds.
    #[arg(long, default_value_t = 7 * 24 * 3600)]
    session_ttl_secs: u64,
    /// Expose only X-Goog-Upload-URL and X-Goog-Upload-Status to browsers.
    #[arg(long)]
    strict_cors: bool,
    /// Answer style: gemini-2.5, gemini-3 or auto (by model name).
    #[arg(long, default_value = "auto", value_parser = parse_style)]
    style: Style,
    /// Characters of model text per SSE event.
    #[arg(long, default_value_t = 40)]
    stream_chunk_chars: usize,
    /// Delay before every API answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Largest file the File API accepts, in bytes.
    #[arg(long, default_value_t = fake_gemini::config::DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: u64,
    /// Largest total of stored bytes, in bytes (2 GiB; the real API allows 20 GB).
    #[arg(long, default_value_t = fake_gemini::config::DEFAULT_MAX_PROJECT_BYTES)]
    max_project_bytes: u64,
    /// How long a batch job stays PENDING, in milliseconds.
    #[arg(long, default_value_t = 200)]
    batch_pending_ms: u64,
    /// How long a batch job stays RUNNING before its requests' time, in milliseconds.
    #[arg(long, default_value_t = 300)]
    batch_running_ms: u64,
    /// How much each request adds to a batch job's RUNNING time, in milliseconds.
    #[arg(long, default_value_t = 20)]
    batch_request_ms: u64,
    /// Fail the Nth request (counted per --fail-target) with --fail-status.
    #[arg(long)]
    fail_nth: Option<u64>,
    /// Status for --fail-nth: 429, 500 or 503.
    #[arg(long, default_value_t = 503)]
    fail_status: u16,
    /// What --fail-nth counts: request, generate, stream, count, upload, chunk, files, caches,
    /// batch.
    #[arg(long, default_value = "request", value_parser = parse_target)]
    fail_target: Target,
    /// Retry-After seconds for --fail-nth.
    #[arg(long)]
    retry_after: Option<u64>,
    /// Cut the connection during the Nth upload chunk...
    #[arg(long)]
    drop_chunk: Option<u64>,
    /// ...after this many bytes of its body.
    #[arg(long, default_value_t = 0)]
    drop_after_bytes: u64,
    /// Answer `sha256Hash` as base64 of the hex digest, as the real API does.
    #[arg(long)]
    sha256_hash_of_hex: bool,
    /// Drop unknown request fields instead of refusing them with the API's 400.
    #[arg(long)]
    accept_unknown_fields: bool,
    /// Serve `files/{id}:download` for uploaded files too (the API serves generated files
    /// only; the emulator generates none).
    #[arg(long)]
    download_uploaded_files: bool,
    /// Any fault as JSON, as POST /__fake/faults takes it (repeatable).
    #[arg(long = "fault", value_parser = parse_fault)]
    faults: Vec<FaultSpec>,
    /// No request log on stderr.
    #[arg(long)]
    quiet: bool,
    /// Also answer pages of this origin (repeatable; loopback origins always are), e.g.
    /// https://app.example or null.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// Also answer requests addressed to this host name (repeatable; IP addresses and
    /// localhost names always are).
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// The token /__fake requests must carry in x-fake-admin-token (default: a random
    /// one, printed at start).
    #[arg(long, value_name = "TOKEN")]
    admin_token: Option<String>,
    /// Build session and file URLs from Forwarded / X-Forwarded-Host and -Proto (only
    /// behind a reverse proxy that sets them).
    #[arg(long)]
    trust_forwarded_host: bool,
}

fn parse_style(text: &str) -> Result<Style, String> {
    Style::parse(text)
        .ok_or_else(|| format!("unknown style {text:?}: use gemini-2.5, gemini-3 or auto"))
}

fn parse_target(text: &str) -> Result<Target, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| format!("unknown target {text:?}"))
}

fn parse_fault(text: &str) -> Result<FaultSpec, String> {
    serde_json::from_str(text).map_err(|error| format!("invalid fault JSON: {error}"))
}

impl Cli {
    fn into_config(self) -> Config {
        let mut faults = self.faults;
        if let Some(nth) = self.fail_nth {
            let kind = FaultKind::Status {
                status: self.fail_status,
                retry_after: self.retry_after,
            };
            faults.push(FaultSpec::new(kind, nth).on(self.fail_target));
        }
        if let Some(nth) = self.drop_chunk {
            faults.push(FaultSpec::new(
                FaultKind::Drop {
                    after_bytes: self.drop_after_bytes,
                },
                nth,
            ));
        }
        let processing_mime_prefixes = if self.processing_mime.is_empty() {
            Settings::default().processing_mime_prefixes
        } else {
            self.processing_mime
        };
        Config {
            addr: self.addr,
            data_dir: self.data_dir,
            settings: Settings {
                api_key: self.api_key,
                max_request_bytes: self.max_request_bytes,
                processing_ms: self.processing_ms,
                processing_mime_prefixes,
                session_ttl_secs: self.session_ttl_secs,
                strict_cors: self.strict_cors,
                style: self.style,
                stream_chunk_chars: self.stream_chunk_chars.max(1),
                latency_ms: self.latency_ms,
                max_file_bytes: self.max_file_bytes,
                max_project_bytes: self.max_project_bytes,
                sha256_hash_of_hex: self.sha256_hash_of_hex,
                accept_unknown_fields: self.accept_unknown_fields,
                batch_pending_ms: self.batch_pending_ms,
                batch_running_ms: self.batch_running_ms,
                batch_request_ms: self.batch_request_ms,
                download_uploaded_files: self.download_uploaded_files,
            },
            faults,
            quiet: self.quiet,
            access: AccessConfig {
                allowed_origins: self.allow_origins,
                allowed_hosts: self.allow_hosts,
                admin_token: self.admin_token,
                trust_forwarded_host: self.trust_forwarded_host,
            },
        }
    }
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[tokio::main]
async fn main() {
    let config = Cli::parse().into_config();
    let token_given = config.access.admin_token.is_some();
    let running = match fake_gemini::start(config).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!("fake-gemini: {error}");
            std::process::exit(1);
        }
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "listening on {}", running.base_url());
    if !token_given {
        // The only place a generated token is written.
        let _ = writeln!(stdout, "admin token: {}", running.admin_token());
    }
    let _ = stdout.flush();
    stop_signal().await;
    running.stop().await;
}
