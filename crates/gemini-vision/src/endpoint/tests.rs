//! The endpoint's URLs: documented paths, and names that cannot escape their segment.

use super::*;

#[test]
fn upload_url_follows_the_documented_path() {
    let endpoint = Endpoint::default();
    assert_eq!(
        endpoint.upload_url(),
        "https://generativelanguage.googleapis.com/upload/v1beta/files"
    );
}

#[test]
fn trailing_slashes_of_the_base_are_ignored() {
    let endpoint = Endpoint::new("http://127.0.0.1:20001//", "v1").unwrap();
    assert_eq!(
        endpoint.upload_url(),
        "http://127.0.0.1:20001/upload/v1/files"
    );
}

#[test]
fn a_same_origin_proxy_path_is_a_valid_base() {
    let endpoint = Endpoint::new("/gemini-proxy", "v1beta").unwrap();
    assert_eq!(endpoint.upload_url(), "/gemini-proxy/upload/v1beta/files");
}

#[test]
fn bases_that_could_smuggle_anything_are_refused() {
    for base in [
        "",
        "ftp://host",
        "javascript:alert(1)",
        "//host",
        "https://",
        "https://host/a b",
        "https://host/?key=x",
        "https://host/#f",
        "https://hôst",
    ] {
        let err = Endpoint::new(base, "v1beta").unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT", "{base:?}");
    }
}

#[test]
fn api_version_must_be_a_path_segment() {
    assert!(Endpoint::new("https://h", "v1/../x").is_err());
    assert!(Endpoint::new("https://h", "").is_err());
    assert!(Endpoint::new("https://h", "v1alpha").is_ok());
}

#[test]
fn file_url_accepts_a_bare_id_or_a_resource_name() {
    let endpoint = Endpoint::default();
    let expected = "https://generativelanguage.googleapis.com/v1beta/files/abc-123";
    assert_eq!(endpoint.file_url("files/abc-123").unwrap(), expected);
    assert_eq!(endpoint.file_url("abc-123").unwrap(), expected);
}

#[test]
fn file_names_that_escape_the_path_are_refused() {
    for name in [
        "files/../models",
        "files/a?b",
        "files/",
        "a/b",
        "files/a%2f",
    ] {
        assert!(file_resource_name(name).is_err(), "{name:?}");
    }
}

#[test]
fn the_default_base_is_googles_v1beta() {
    let url = Endpoint::default()
        .generate_content("gemini-2.5-flash")
        .unwrap();
    assert_eq!(
        url,
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
    );
}

#[test]
fn the_models_prefix_is_optional() {
    let base = Endpoint::default();
    assert_eq!(
        base.count_tokens("models/gemini-2.5-flash").unwrap(),
        base.count_tokens("gemini-2.5-flash").unwrap()
    );
}

#[test]
fn streaming_asks_for_sse() {
    let url = Endpoint::new("http://127.0.0.1:20001/", "v1")
        .unwrap()
        .stream_generate_content("m")
        .unwrap();
    assert_eq!(
        url,
        "http://127.0.0.1:20001/v1/models/m:streamGenerateContent?alt=sse"
    );
}

#[test]
fn model_names_cannot_escape_their_path_segment() {
    let url = Endpoint::new("/api", "v1beta")
        .unwrap()
        .generate_content("../files/x?key=1#f")
        .unwrap();
    assert_eq!(
        url,
        "/api/v1beta/models/..%2Ffiles%2Fx%3Fkey%3D1%23f:generateContent"
    );
}

#[test]
fn an_empty_model_is_refused() {
    for model in ["", "  ", "models/"] {
        let err = Endpoint::default().generate_content(model).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT", "{model:?}");
    }
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn any_model_name_stays_one_reversible_path_segment(model in ".{1,40}") {
        let encoded = percent_encode(&model);
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~%".contains(&b);
        proptest::prop_assert!(encoded.bytes().all(allowed), "{}", encoded);
        proptest::prop_assert_eq!(percent_decode(&encoded), model.as_bytes());
    }
}

#[test]
fn resource_names_gain_the_prefix_once() {
    assert_eq!(model_resource_name("models/m").unwrap(), "models/m");
    assert_eq!(model_resource_name("m").unwrap(), "models/m");
}

#[test]
fn list_files_url_carries_page_size_and_an_encoded_token() {
    let endpoint = Endpoint::new("http://h", "v1beta").unwrap();
    assert_eq!(endpoint.list_files_url(None, None), "http://h/v1beta/files");
    assert_eq!(
        endpoint.list_files_url(Some(5), Some("a&key=b")),
        "http://h/v1beta/files?pageSize=5&pageToken=a%26key%3Db"
    );
    assert_eq!(
        endpoint.list_files_url(None, Some("t")),
        "http://h/v1beta/files?pageToken=t"
    );
}

#[test]
fn model_and_file_urls_share_the_base_and_version() {
    let endpoint = Endpoint::new("https://proxy.example/gemini/", "v1alpha").unwrap();
    assert_eq!(
        endpoint.count_tokens("m").unwrap(),
        "https://proxy.example/gemini/v1alpha/models/m:countTokens"
    );
    assert_eq!(
        endpoint.file_url("files/x").unwrap(),
        "https://proxy.example/gemini/v1alpha/files/x"
    );
}

/// Each of these is a string a browser would send somewhere other than where a plain
/// reading of it suggests (`\` is `/` in http(s) URLs, `//` starts a host, userinfo
/// hides the real host, dot segments can produce `//`), or one it refuses to fetch.
#[test]
fn bases_a_browser_would_read_as_another_host_are_refused() {
    for base in [
        "/\\evil.example",
        "//evil.example",
        "/\\/evil.example",
        "http://evil.example\\.localhost",
        "http://evil.example\\.localhost:8080/x",
        "https://good.example\\@evil.example",
        "https://user:secret@good.example",
        "https://good.example@evil.example",
        "https://good.example:443@evil.example/",
        "/.//evil.example",
        "/a/..//evil.example",
        "/%2e//evil.example",
        "/a/%2E%2e//evil.example",
        "/proxy/./x",
        "/proxy//x",
        "https://good.example/a/../b",
        "https://good.example:99999",
        "https://good.example:8o",
        "https://good.example/a\tb",
        "https://good\t.example",
        "https:evil.example",
        "https:/evil.example",
        "https:///evil.example",
        "https://[::1",
        "https://ho%73t.example",
    ] {
        let err = Endpoint::new(base, "v1beta").unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT", "{base:?}");
    }
}

#[test]
fn ordinary_bases_are_still_accepted() {
    for base in [
        "https://generativelanguage.googleapis.com",
        "http://127.0.0.1:20001",
        "http://localhost:8080/gemini",
        "http://[::1]:20001/",
        "https://proxy.example/a-b_c~d/gemini/",
        "/gemini-proxy",
        "/api/v2.proxy",
    ] {
        assert!(Endpoint::new(base, "v1beta").is_ok(), "{base:?}");
    }
}

use super::browser_oracle::{browser_reads, hostile_url};

proptest::proptest! {
    /// Whenever a base is accepted, a browser sends its URLs to exactly the host and
    /// path a plain reading of the string says (the page's origin for a path-only base).
    #[test]
    fn an_accepted_base_means_to_a_browser_what_it_says(
        base in hostile_url(&["https://", "http://", "/", ""]),
    ) {
        let Ok(endpoint) = Endpoint::new(&base, "v1beta") else {
            return Ok(());
        };
        let upload = endpoint.upload_url();
        let read = browser_reads(&upload);
        proptest::prop_assert!(read.is_ok(), "a browser refuses {}", upload);
        let read = read.unwrap_or_else(|_| unreachable!());
        let (host, path) = match upload.split_once("://") {
            Some((_, rest)) => {
                let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                let host = match authority.rsplit_once(':') {
                    Some((host, port)) if !host.ends_with('[') && !port.contains(']') => host,
                    _ => authority,
                };
                (host.to_ascii_lowercase(), path.to_owned())
            }
            None => ("app.example".to_owned(), upload.clone()),
        };
        proptest::prop_assert_eq!(read.host_str(), Some(host.as_str()), "{}", base);
        proptest::prop_assert_eq!(read.path(), path.as_str(), "{}", base);
    }
}
