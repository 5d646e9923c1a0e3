//! The CLI's HTTP client: it sends what the core's machines ask for, over HTTPS
//! (rustls, with the webpki roots) to the real API or plain HTTP to a local emulator.
//!
//! The API key lives here and nowhere else. It is read from `GEMINI_API_KEY` only, it
//! goes in the `x-goog-api-key` header and only on requests to the API's own origin
//! (never to an upload session URL, never to another host a redirect points at), and
//! never over plain HTTP to anything but a loopback address. Errors and `Debug` output
//! never contain it; text that came back from elsewhere is scrubbed by
//! [`ApiClient::redact`] before it is shown.
//!
//! Redirects are followed by hand (GET only, at most [`MAX_REDIRECTS`]) so that the key
//! is decided again for every hop: ureq would otherwise repeat a custom header to
//! wherever the redirect points.

use gemini_vision::ApiKey;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::http::Credential;
use gemini_vision::http::{HttpRequest, Method, Response, ResponseHeaders};
use std::fmt;
use std::io::Read;
use std::time::{Duration, Instant};
use ureq::http;

mod origin;

use origin::{Origin, resolve};

/// The environment variable the key is read from.
pub const KEY_VARIABLE: &str = "GEMINI_API_KEY";

/// The most redirects followed for one GET.
pub const MAX_REDIRECTS: u32 = 5;

/// A request's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

/// What a request carries.
pub enum Payload<'a> {
    /// Nothing (a POST still says `Content-Length: 0`).
    Empty,
    /// Bytes at hand.
    Bytes(&'a [u8]),
    /// `len` bytes read from `reader` as they are sent.
    Stream {
        /// The exact length, sent as `Content-Length`.
        len: u64,
        /// Where the bytes come from.
        reader: Box<dyn Read + 'a>,
    },
}

/// One request to send.
pub struct Call<'a> {
    /// The method.
    pub verb: Verb,
    /// The absolute URL (never holds the key).
    pub url: &'a str,
    /// Headers besides the key.
    pub headers: Vec<(&'a str, String)>,
    /// The body.
    pub payload: Payload<'a>,
    /// Whether the key may go with it (it still only goes to the API's origin).
    pub with_key: bool,
}

impl<'a> Call<'a> {
    /// The request a core machine asked for, with its body as `payload`; the key goes
    /// only if the machine allows it and `with_key` says so too.
    pub fn for_request(request: &'a HttpRequest, payload: Payload<'a>, with_key: bool) -> Self {
        Call {
            verb: match request.method {
                Method::Get => Verb::Get,
                Method::Post => Verb::Post,
            },
            url: &request.url,
            headers: request
                .headers
                .iter()
                .map(|(name, value)| (*name, value.clone()))
                .collect(),
            payload,
            with_key: with_key && request.credential == Credential::ApiKey,
        }
    }
}

/// Why a request got no HTTP answer. Its text never holds the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    message: String,
    tls: bool,
}

impl TransportError {
    /// A failure that retrying will not mend: TLS (a server that does not speak it, a
    /// certificate that does not verify) or a URL that cannot be sent to.
    pub fn is_fatal(&self) -> bool {
        self.tls
    }

    /// The message, for the core's `on_transport_error`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// An answer whose body is still to be read (downloads stream it).
pub struct OpenAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The headers the core reads.
    pub headers: ResponseHeaders,
    /// The body.
    pub body: ureq::BodyReader<'static>,
    started: Instant,
}

impl OpenAnswer {
    /// Reads at most `cap + 1` bytes of the body (so a caller can tell "over the cap")
    /// into the core's [`Response`].
    pub fn into_response(mut self, cap: usize) -> Result<Response, TransportError> {
        let mut body = Vec::new();
        let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
        (&mut self.body)
            .take(limit)
            .read_to_end(&mut body)
            .map_err(|error| TransportError {
                message: format!("the answer's body could not be read: {error}"),
                tls: false,
            })?;
        let mut response = Response::new(self.status);
        response.headers = self.headers;
        response.body = body;
        response.elapsed_ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(0);
        Ok(response)
    }
}

/// Talks to one API endpoint with one key.
pub struct ApiClient {
    agent: ureq::Agent,
    key: ApiKey,
    origin: Origin,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("origin", &self.origin)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl ApiClient {
    /// The key, for the core to scrub it out of the errors it builds (never sent by it).
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// A client for `endpoint`. Refuses a base URL that is not absolute, and plain HTTP
    /// to anything but a loopback address (the key would travel in clear).
    pub fn new(endpoint: &Endpoint, key: ApiKey) -> Result<Self, String> {
        let origin = Origin::of(endpoint.base_url()).ok_or_else(|| {
            format!(
                "the base URL {} is not an absolute http:// or https:// URL",
                endpoint.base_url()
            )
        })?;
        if !origin.https && !origin.is_loopback() {
            return Err(format!(
                "refusing to send the API key over plain HTTP to {}: use https:// (plain \
                 http:// is for an emulator on a loopback address)",
                origin.authority
            ));
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(concat!("gemini-vision-cli/", env!("CARGO_PKG_VERSION")))
            .timeout_connect(Some(Duration::from_secs(30)))
            .timeout_per_read(Some(Duration::from_secs(300)))
            .timeout_per_write(Some(Duration::from_secs(300)))
            .build();
        Ok(ApiClient {
            agent: config.new_agent(),
            key,
            origin,
        })
    }

    /// Replaces the key in `text` (an error from a server or a library) with a mark.
    pub fn redact(&self, text: &str) -> String {
        self.key.redact(text)
    }

    /// Sends `call` and reads its whole answer, at most `cap + 1` body bytes.
    pub fn send(&self, call: Call<'_>, cap: usize) -> Result<Response, TransportError> {
        self.open(call)?.into_response(cap)
    }

    /// Sends `call` and returns the answer with its body unread. GETs follow
    /// redirects; the key goes only to hops on the API's origin.
    pub fn open(&self, call: Call<'_>) -> Result<OpenAnswer, TransportError> {
        let Call {
            verb,
            url,
            headers,
            payload,
            with_key,
        } = call;
        let mut url = url.to_owned();
        let mut payload = Some(payload);
        for _ in 0..=MAX_REDIRECTS {
            let body = payload.take().unwrap_or(Payload::Empty);
            let answer = self.once(verb, &url, &headers, body, with_key)?;
            let location = (verb == Verb::Get && (300..400).contains(&answer.open.status))
                .then(|| answer.location.clone())
                .flatten();
            match location {
                Some(next) => url = resolve(&url, &next),
                None => return Ok(answer.open),
            }
        }
        Err(TransportError {
            message: format!("more than {MAX_REDIRECTS} redirects"),
            tls: false,
        })
    }

    fn once(
        &self,
        verb: Verb,
        url: &str,
        headers: &[(&str, String)],
        payload: Payload<'_>,
        with_key: bool,
    ) -> Result<Hop, TransportError> {
        let target = Origin::of(url).ok_or_else(|| TransportError {
            message: format!("cannot send to {url:?}: not an absolute http(s) URL"),
            tls: false,
        })?;
        let method = match verb {
            Verb::Get => http::Method::GET,
            Verb::Post => http::Method::POST,
        };
        let mut builder = http::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            builder = builder.header(*name, value.as_str());
        }
        if with_key && target == self.origin {
            builder = builder.header(ApiKey::HEADER, self.key.expose());
        }
        let started = Instant::now();
        let result = match payload {
            Payload::Empty if verb == Verb::Get => builder.body(()).map(|r| self.agent.run(r)),
            Payload::Empty => builder.body(&[][..]).map(|r| self.agent.run(r)),
            Payload::Bytes(bytes) => builder.body(bytes).map(|r| self.agent.run(r)),
            Payload::Stream { len, mut reader } => builder
                .header(http::header::CONTENT_LENGTH, len)
                .body(ureq::SendBody::from_reader(&mut reader))
                .map(|r| self.agent.run(r)),
        };
        let response = result
            .map_err(|error| TransportError {
                message: format!("the request could not be built: {error}"),
                tls: false,
            })?
            .map_err(|error| transport_error(&error, &target))?;
        let status = response.status().as_u16();
        let mut kept = ResponseHeaders::new();
        let mut location = None;
        for (name, value) in response.headers() {
            let Ok(value) = value.to_str() else { continue };
            if name == http::header::LOCATION {
                location = Some(value.to_owned());
            }
            kept.insert(name.as_str(), value);
        }
        Ok(Hop {
            location,
            open: OpenAnswer {
                status,
                headers: kept,
                body: response.into_body().into_reader(),
                started,
            },
        })
    }
}

/// One answer, before redirects are decided.
struct Hop {
    location: Option<String>,
    open: OpenAnswer,
}

/// Turns ureq's error into ours, naming TLS failures as such: a server that does not
/// speak TLS answers the ClientHello with bytes rustls calls "corrupt".
fn transport_error(error: &ureq::Error, target: &Origin) -> TransportError {
    let tls = tls_cause(error);
    let message = match &tls {
        Some(cause) => format!(
            "the TLS handshake with {} failed: {cause}",
            target.authority
        ),
        None => format!("no answer from {}: {error}", target.authority),
    };
    TransportError {
        message,
        tls: tls.is_some(),
    }
}

fn tls_cause(error: &ureq::Error) -> Option<String> {
    match error {
        ureq::Error::Tls(reason) => Some((*reason).to_owned()),
        ureq::Error::Rustls(error) => Some(error.to_string()),
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            .map(ToString::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_to_a_remote_host_is_refused_before_anything_is_sent() {
        let key = ApiKey::new("k").unwrap();
        let endpoint = Endpoint::new("http://example.com", "v1beta").unwrap();
        let error = ApiClient::new(&endpoint, key).unwrap_err();
        assert!(error.contains("plain HTTP"), "{error}");
    }

    #[test]
    fn debug_output_hides_the_key() {
        let key = ApiKey::new("AIzaSecretForDebug").unwrap();
        let client = ApiClient::new(&Endpoint::default(), key).unwrap();
        assert!(!format!("{client:?}").contains("AIzaSecretForDebug"));
    }
}
