//! Raw HTTP/1.1 over a socket, for what a client library would hide: where the bytes
//! stop, whether a chunked body was ended, which headers came back.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What came back on the socket until the server closed it.
pub struct Exchange {
    /// Status line and headers.
    pub head: String,
    /// The bytes after the blank line, exactly as sent (chunk sizes included).
    pub body: Vec<u8>,
}

impl Exchange {
    /// Whether the chunked body ended with its last (zero-size) chunk.
    pub fn chunked_body_ended(&self) -> bool {
        self.body.ends_with(b"0\r\n\r\n")
    }

    /// The body with chunk framing removed (as far as it went).
    pub fn unchunked(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = self.body.as_slice();
        while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
            let size_text = String::from_utf8_lossy(&rest[..line_end]).to_string();
            let Ok(size) = usize::from_str_radix(size_text.trim(), 16) else {
                break;
            };
            rest = &rest[line_end + 2..];
            let take = size.min(rest.len());
            out.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
            if size == 0 {
                break;
            }
        }
        out
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body`, then
/// reads until the server closes the connection (at most `wait`).
pub async fn exchange(addr: SocketAddr, head: &str, body: &[u8], wait: Duration) -> Exchange {
    let mut socket = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "{head}\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    socket.write_all(body).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let reading = async {
        loop {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
            }
        }
    };
    tokio::time::timeout(wait, reading)
        .await
        .expect("the server closed the connection in time");
    let split = received
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    Exchange {
        head: String::from_utf8_lossy(&received[..split]).to_string(),
        body: received[split + 4..].to_vec(),
    }
}

/// A request body fed from a channel: sent chunked (no `Content-Length`), frame by frame
/// as the test sends them; it stays open, sending nothing, while the sender is alive.
pub struct ChannelBody(tokio::sync::mpsc::Receiver<axum::body::Bytes>);

impl http_body::Body for ChannelBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|data| data.map(|data| Ok(http_body::Frame::data(data))))
    }
}

/// A chunked body and the sender that feeds it.
pub fn channel_body() -> (tokio::sync::mpsc::Sender<axum::body::Bytes>, reqwest::Body) {
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    (sender, reqwest::Body::wrap(ChannelBody(receiver)))
}

/// A chunked body of `total` bytes of `byte`, in 64 KiB frames.
pub fn chunked(total: usize, byte: u8) -> reqwest::Body {
    let (sender, body) = channel_body();
    tokio::spawn(async move {
        let mut left = total;
        while left > 0 {
            let size = left.min(65_536);
            if sender.send(vec![byte; size].into()).await.is_err() {
                break;
            }
            left -= size;
        }
    });
    body
}
