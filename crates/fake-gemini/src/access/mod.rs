//! Who may drive the emulator, which runs on a developer's machine while they browse.
//!
//! - Pages: loopback origins, plus those named with `--allow-origin`. A request whose
//!   `Origin` is another is refused whole (403, no CORS headers), so a page from
//!   elsewhere can neither read answers nor change state with `no-cors` requests.
//! - Names: the `Host` a request is addressed to must be an IP address, a `localhost`
//!   name, or one named with `--allow-host`, so that a page whose own name a DNS server
//!   rebinds to 127.0.0.1 is refused (it would otherwise be same-origin with us).
//! - `/__fake` (but `GET /__fake/health`): the run's [`AdminToken`] in
//!   `x-fake-admin-token`, and `Content-Type: application/json` on every call that
//!   changes something, which a cross-site form or a `no-cors` fetch cannot send.
//!
//! The in-process Rust API (`Running::arm_fault`, `report`, ...) needs none of this.

pub mod authority;
pub mod origin;
pub mod token;

use std::fmt;
use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::{ApiError, Status};
use crate::state::Shared;
pub use authority::{Authority, HostName};
pub use origin::{Origin, OriginPolicy};
pub use token::AdminToken;

/// The access rules of one run.
#[derive(Debug, Clone)]
pub struct Access {
    origins: OriginPolicy,
    hosts: Vec<String>,
    token: AdminToken,
    trust_forwarded_host: bool,
    bound: SocketAddr,
}

/// The access settings of a [`crate::Config`] (`Debug` hides the token).
#[derive(Clone, Default)]
pub struct AccessConfig {
    /// Origins allowed besides loopback (`--allow-origin`).
    pub allowed_origins: Vec<String>,
    /// Host names allowed besides addresses and `localhost` names (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// The admin token; `None` makes a random one.
    pub admin_token: Option<String>,
    /// Build URLs from `Forwarded` / `X-Forwarded-Host` (`--trust-forwarded-host`).
    pub trust_forwarded_host: bool,
}

impl fmt::Debug for AccessConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessConfig")
            .field("allowed_origins", &self.allowed_origins)
            .field("allowed_hosts", &self.allowed_hosts)
            .field(
                "admin_token",
                &self.admin_token.as_ref().map(|_| "<redacted>"),
            )
            .field("trust_forwarded_host", &self.trust_forwarded_host)
            .finish()
    }
}

impl Access {
    /// The rules of `config` for a server bound to `bound`; a value that is not an
    /// origin, a host name or a usable token is the error.
    pub fn new(config: &AccessConfig, bound: SocketAddr) -> Result<Access, String> {
        let origins = OriginPolicy::new(&config.allowed_origins)
            .map_err(|text| format!("--allow-origin {text:?} is not an origin"))?;
        let hosts = config
            .allowed_hosts
            .iter()
            .map(|text| match Authority::parse(text.trim()) {
                Some(Authority {
                    host: HostName::Domain(name),
                    port: None,
                }) => Ok(name),
                _ => Err(format!("--allow-host {text:?} is not a host name")),
            })
            .collect::<Result<_, _>>()?;
        let token = match &config.admin_token {
            Some(text) => AdminToken::new(text)?,
            None => AdminToken::generate(),
        };
        Ok(Access {
            origins,
            hosts,
            token,
            trust_forwarded_host: config.trust_forwarded_host,
            bound,
        })
    }

    /// The admin token of this run.
    pub fn token(&self) -> &AdminToken {
        &self.token
    }

    /// Whether URLs may be built from a proxy's forwarding headers.
    pub fn trusts_forwarded_host(&self) -> bool {
        self.trust_forwarded_host
    }

    /// The address the server listens on.
    pub fn bound(&self) -> SocketAddr {
        self.bound
    }

    /// Whether a request addressed to `authority` may be answered.
    fn host_allowed(&self, authority: &Authority) -> bool {
        authority.is_fixed()
            || matches!(&authority.host, HostName::Domain(name) if self.hosts.contains(name))
    }

    /// Accepts a request by its `Host` and `Origin`, or says why not.
    pub fn admit(&self, uri: &Uri, headers: &HeaderMap) -> Result<(), ApiError> {
        let host = match uri.authority() {
            Some(authority) => Some(authority.as_str()),
            None => match headers.get(HOST) {
                Some(value) => Some(value.to_str().map_err(|_| invalid_host())?),
                None => None,
            },
        };
        if let Some(host) = host {
            let authority = Authority::parse(host).ok_or_else(invalid_host)?;
            if !self.host_allowed(&authority) {
                return Err(ApiError::new(
                    Status::PermissionDenied,
                    format!(
                        "Requests addressed to {} are refused: the emulator answers IP addresses and localhost names only (start it with --allow-host to add a name).",
                        authority.host
                    ),
                ));
            }
        }
        for value in headers.get_all(ORIGIN) {
            let allowed = value
                .to_str()
                .is_ok_and(|origin| self.origins.allows(origin));
            if !allowed {
                return Err(ApiError::new(
                    Status::PermissionDenied,
                    "Requests from this origin are refused: the emulator answers pages on loopback origins only (start it with --allow-origin ORIGIN to allow another).",
                ));
            }
        }
        Ok(())
    }
}

fn invalid_host() -> ApiError {
    ApiError::new(Status::InvalidArgument, "Invalid Host header.")
}

/// The middleware that refuses requests by `Host` and `Origin` (outermost: a refused
/// request gets no CORS headers, so a browser also fails its preflight).
pub async fn guard(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if let Err(error) = state.access.admit(request.uri(), request.headers()) {
        return error.into_response();
    }
    next.run(request).await
}

/// Whether a `Content-Type` value is JSON (`application/json`, parameters allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// The middleware of the admin routes: the run's token on every call, and a JSON
/// content type on calls that change something.
pub async fn admin_only(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let presented = request.headers().get(token::HEADER);
    if !presented.is_some_and(|value| state.access.token.matches(value.as_bytes())) {
        return ApiError::new(
            Status::PermissionDenied,
            "The admin API needs this run's token in the x-fake-admin-token header (given with --admin-token, or printed at start as `admin token: ...`).",
        )
        .into_response();
    }
    let reads = request.method() == Method::GET || request.method() == Method::HEAD;
    if !reads && !is_json(request.headers()) {
        return ApiError::new(
            Status::InvalidArgument,
            "Admin requests that change the emulator must be sent with Content-Type: application/json.",
        )
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn access(config: AccessConfig) -> Access {
        Access::new(&config, SocketAddr::from(([127, 0, 0, 1], 8787))).unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn admitted(access: &Access, pairs: &[(&'static str, &str)]) -> Result<(), Status> {
        access
            .admit(&Uri::from_static("/v1beta/models"), &headers(pairs))
            .map_err(|error| error.status)
    }

    #[test]
    fn loopback_and_addresses_are_admitted() {
        let access = access(AccessConfig::default());
        assert_eq!(admitted(&access, &[("host", "127.0.0.1:8787")]), Ok(()));
        assert_eq!(admitted(&access, &[("host", "localhost:8787")]), Ok(()));
        assert_eq!(admitted(&access, &[("host", "192.168.1.20:8787")]), Ok(()));
        assert_eq!(admitted(&access, &[]), Ok(()));
        assert_eq!(
            admitted(
                &access,
                &[
                    ("host", "127.0.0.1:8787"),
                    ("origin", "http://localhost:8080")
                ]
            ),
            Ok(())
        );
    }

    #[test]
    fn a_rebound_name_or_a_foreign_origin_is_refused() {
        let access = access(AccessConfig::default());
        assert_eq!(
            admitted(&access, &[("host", "rebind.evil.example:8787")]),
            Err(Status::PermissionDenied)
        );
        assert_eq!(
            admitted(&access, &[("origin", "https://evil.example")]),
            Err(Status::PermissionDenied)
        );
        assert_eq!(
            admitted(
                &access,
                &[
                    ("origin", "http://localhost:1"),
                    ("origin", "https://evil.example")
                ]
            ),
            Err(Status::PermissionDenied)
        );
        assert_eq!(
            admitted(&access, &[("host", "a@b")]),
            Err(Status::InvalidArgument)
        );
    }

    #[test]
    fn named_hosts_and_origins_are_admitted() {
        let access = access(AccessConfig {
            allowed_origins: vec!["https://app.example".into()],
            allowed_hosts: vec!["emulator.internal".into()],
            ..AccessConfig::default()
        });
        assert_eq!(
            admitted(
                &access,
                &[
                    ("host", "Emulator.Internal:8787"),
                    ("origin", "https://app.example")
                ]
            ),
            Ok(())
        );
    }

    #[test]
    fn bad_flags_are_errors() {
        let bound = SocketAddr::from(([127, 0, 0, 1], 0));
        for config in [
            AccessConfig {
                allowed_origins: vec!["localhost:8080".into()],
                ..AccessConfig::default()
            },
            AccessConfig {
                allowed_hosts: vec!["http://x.example".into()],
                ..AccessConfig::default()
            },
            AccessConfig {
                admin_token: Some(String::new()),
                ..AccessConfig::default()
            },
        ] {
            assert!(Access::new(&config, bound).is_err(), "{config:?}");
        }
    }

    #[test]
    fn json_content_types() {
        assert!(is_json(&headers(&[("content-type", "application/json")])));
        assert!(is_json(&headers(&[(
            "content-type",
            "Application/JSON; charset=utf-8"
        )])));
        assert!(!is_json(&headers(&[("content-type", "text/plain")])));
        assert!(!is_json(&headers(&[(
            "content-type",
            "application/x-www-form-urlencoded"
        )])));
        assert!(!is_json(&HeaderMap::new()));
    }
}
