//! What the `gemini-vision batch` tests share: the emulator, generated images with
//! known shapes, the command, and a recording relay that shows which requests carried
//! the key.
#![allow(clippy::unwrap_used, dead_code)] // test code: a failed unwrap is a failed test

use fake_gemini::{BlockingServer, Config, Report};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod coco;

pub use coco::assert_coco;

/// The key the tests use; it must never show up anywhere but in the header.
pub const KEY: &str = "AIzaTestKey-cli-batch-5f3e9a71c2";

/// The emulator, on a free loopback port, accepting only [`KEY`], with a fast batch
/// clock (`pending_ms` before a job runs).
pub fn emulator(pending_ms: u64) -> BlockingServer {
    let mut config = Config::ephemeral();
    config.settings.api_key = Some(KEY.to_owned());
    config.settings.batch_pending_ms = pending_ms;
    config.settings.batch_running_ms = 100;
    config.settings.batch_request_ms = 1;
    fake_gemini::start_blocking(config).unwrap()
}

/// What the emulator received.
pub fn report(server: &BlockingServer) -> Report {
    server.running().unwrap().report()
}

/// How many create requests reached the emulator.
pub fn creates(server: &BlockingServer) -> usize {
    report(server)
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.contains(":batchGenerateContent"))
        .count()
}

/// A fresh, empty directory for one test.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gemini-vision-batch-cli-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A test's emulator and its input and output directories.
pub struct Case {
    /// The emulator.
    pub server: BlockingServer,
    /// Where the images go.
    pub input: PathBuf,
    /// Where the command writes.
    pub out: PathBuf,
}

impl Case {
    /// A fresh case: an emulator whose jobs stay pending `pending_ms`, empty folders.
    pub fn new(name: &str, pending_ms: u64) -> Case {
        let root = fresh_dir(name);
        Case {
            server: emulator(pending_ms),
            input: root.join("in"),
            out: root.join("out"),
        }
    }

    /// The command against this case's emulator.
    pub fn command(&self, extra: &[&str]) -> Command {
        command(&self.input, &self.out, &self.server.base_url(), extra)
    }
}

/// One drawn rectangle.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The image's key (its path under the input directory).
    pub key: String,
    /// The colour's name, as the emulator's detector says it.
    pub colour: &'static str,
    /// Pixel rectangle `x, y, width, height`.
    pub rect: (u32, u32, u32, u32),
}

/// Image size of the generated images.
pub const WIDTH: u32 = 80;
/// Image size of the generated images.
pub const HEIGHT: u32 = 60;

/// Writes `count` PNGs (every fifth in a subdirectory): grey noise, which the
/// detector ignores and PNG cannot squeeze (so the JSONL spans several upload
/// chunks), and one saturated rectangle whose place and colour vary.
pub fn write_images(dir: &Path, count: usize) -> Vec<Shape> {
    const COLOURS: [(&str, [u8; 3]); 3] = [
        ("red", [230, 20, 20]),
        ("green", [20, 200, 20]),
        ("blue", [20, 20, 230]),
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    (0..count)
        .map(|i| {
            let (colour, rgb) = COLOURS[i % 3];
            let (w, h) = (18 + (i % 7) as u32 * 3, 14 + (i % 5) as u32 * 4);
            let (x, y) = (2 + (i * 7 % 40) as u32, 2 + (i * 11 % 20) as u32);
            let mut pixels = Vec::with_capacity((WIDTH * HEIGHT * 3) as usize);
            for py in 0..HEIGHT {
                for px in 0..WIDTH {
                    let inside = px >= x && px < x + w && py >= y && py < y + h;
                    if inside {
                        pixels.extend_from_slice(&rgb);
                    } else {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let grey = 90 + (seed % 80) as u8;
                        pixels.extend_from_slice(&[grey, grey, grey]);
                    }
                }
            }
            let key = if i % 5 == 4 {
                format!("more/img-{i:03}.png")
            } else {
                format!("img-{i:03}.png")
            };
            let path = key
                .split('/')
                .fold(dir.to_path_buf(), |p, part| p.join(part));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, encode_png(WIDTH, HEIGHT, &pixels)).unwrap();
            Shape {
                key,
                colour,
                rect: (x, y, w, h),
            }
        })
        .collect()
}

/// An RGB PNG.
pub fn encode_png(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(rgb).unwrap();
    writer.finish().unwrap();
    out
}

/// A PNG whose header is fine (so it is measured and sent) but whose pixel data is
/// garbled: the API takes it, a decoder cannot draw on it.
pub fn garbled_png() -> Vec<u8> {
    let mut png = encode_png(8, 8, &[200; 8 * 8 * 3]);
    // Keep the signature, IHDR and the start of IDAT; garble the compressed data.
    for byte in png.iter_mut().skip(45).take(10) {
        *byte = 0xA5;
    }
    png
}

/// An Apple "crushed" PNG (a CgBI chunk before IHDR, as iOS writes them): its size is
/// readable, but a standard decoder, and so the API, refuses it.
pub fn crushed_png() -> Vec<u8> {
    let png = encode_png(8, 8, &[200; 8 * 8 * 3]);
    let mut crushed = png[..8].to_vec();
    crushed.extend_from_slice(&4u32.to_be_bytes());
    crushed.extend_from_slice(b"CgBI");
    crushed.extend_from_slice(&[0x50, 0x00, 0x20, 0x02]);
    crushed.extend_from_slice(&[0x2b, 0xd5, 0xb3, 0x7f]);
    crushed.extend_from_slice(&png[8..]);
    crushed
}

/// `gemini-vision batch DIR -o OUT --model gemini-2.5-flash --base-url BASE ...`,
/// with the key in the environment only.
pub fn command(dir: &Path, out: &Path, base: &str, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gemini-vision"));
    command
        .arg("batch")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(["--model", "gemini-2.5-flash", "--base-url", base])
        .args(["--poll-ms", "50"])
        .args(extra)
        .env("GEMINI_API_KEY", KEY);
    for proxy in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        command.env_remove(proxy);
    }
    command
}

/// Runs a command to its end, with a time limit.
pub fn run(mut command: Command) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child, Duration::from_secs(120))
}

/// Waits for `child` (killing it after `limit`) and collects its output.
pub fn finish(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("the command ran for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Reads a JSON file.
pub fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The state file's stage.
pub fn stage(out: &Path) -> Option<Value> {
    let bytes = std::fs::read(out.join(".batch-state.json")).ok()?;
    let state: Value = serde_json::from_slice(&bytes).ok()?;
    Some(state["stage"].clone())
}

/// Polls the state file until `ready` says yes (panics after 60 s).
pub fn wait_for_stage(out: &Path, ready: impl Fn(&Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        if let Some(stage) = stage(out)
            && ready(&stage)
        {
            return stage;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the state never got there: {:?}",
            stage(out)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Asserts that the key is in none of `texts` and no file under `out`.
pub fn assert_key_nowhere(out: &Path, texts: &[&str]) {
    for text in texts {
        assert!(!text.contains(KEY), "the key was printed: {text}");
    }
    for path in files_under(out) {
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes());
        assert!(!found, "the key is in {}", path.display());
    }
}

/// A TCP relay in front of the emulator that keeps every byte clients send, so a test
/// can read the requests (with their headers) back.
pub struct Relay {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    sent: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Relay {
    /// Starts relaying to `upstream` (`http://HOST:PORT`).
    pub fn start(upstream: &str) -> Relay {
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let sent = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&sent);
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(server) = TcpStream::connect(&upstream) else {
                    return;
                };
                let slot = {
                    let mut all = record.lock().unwrap();
                    all.push(Vec::new());
                    all.len() - 1
                };
                let (mut from_client, mut to_server) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                let keep = Arc::clone(&record);
                std::thread::spawn(move || {
                    let mut buffer = [0; 64 * 1024];
                    while let Ok(n) = from_client.read(&mut buffer) {
                        if n == 0 || to_server.write_all(&buffer[..n]).is_err() {
                            break;
                        }
                        keep.lock().unwrap()[slot].extend_from_slice(&buffer[..n]);
                    }
                    let _ = to_server.shutdown(std::net::Shutdown::Write);
                });
                let (mut from_server, mut to_client) = (server, client);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_server, &mut to_client);
                    let _ = to_client.shutdown(std::net::Shutdown::Write);
                });
            }
        });
        Relay { base, sent }
    }

    /// Every request sent through the relay: its request line and lower-cased header
    /// names with values.
    pub fn requests(&self) -> Vec<(String, Vec<(String, String)>)> {
        let mut requests = Vec::new();
        for stream in self.sent.lock().unwrap().iter() {
            let mut rest: &[u8] = stream;
            while let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&rest[..end]).into_owned();
                let mut lines = head.split("\r\n");
                let line = lines.next().unwrap_or_default().to_owned();
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
                    .collect();
                let length: usize = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .map_or(0, |(_, v)| v.parse().unwrap());
                rest = &rest[(end + 4 + length).min(rest.len())..];
                requests.push((line, headers));
            }
        }
        requests
    }
}
