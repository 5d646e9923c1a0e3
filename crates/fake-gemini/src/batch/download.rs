//! Downloading a generated file (a batch's results): `GET /{ver}/files/{id}:download`
//! with `alt=media`, which both official clients call, and the documented
//! `GET /download/{ver}/files/{id}:download`, an alias of it.
//!
//! The bytes are streamed from disk, never read whole. Only generated files can be
//! downloaded, as the API says of uploaded ones. The alias rewrites the path before
//! routing, so the download goes through the same key check, faults and CORS as
//! every API request (the report shows the rewritten path).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncRead, ReadBuf};

use crate::clock;
use crate::errors::{ApiError, Status};
use crate::files;
use crate::state::Shared;

/// `GET /{ver}/files/{id}`: the file's metadata, or its bytes for `{id}:download`.
pub async fn file_get(
    State(state): State<Shared>,
    Path((version, id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    match id.strip_suffix(":download") {
        Some(id) => download(&state, id, query.as_deref())
            .await
            .unwrap_or_else(IntoResponse::into_response),
        None => files::handlers::get(State(state), Path((version, id)), headers)
            .await
            .into_response(),
    }
}

async fn download(state: &Shared, id: &str, query: Option<&str>) -> Result<Response, ApiError> {
    let media = query.is_some_and(|query| query.split('&').any(|pair| pair == "alt=media"));
    if !media {
        return Err(ApiError::bad_field(
            "alt",
            "A file download needs alt=media.",
        ));
    }
    let record = state
        .files
        .get(id, clock::now())
        .ok_or_else(|| ApiError::file_not_accessible(id))?;
    if !record.generated && !state.settings().download_uploaded_files {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!("Only generated files can be downloaded; files/{id} was uploaded."),
        ));
    }
    let file = tokio::fs::File::open(&record.path)
        .await
        .map_err(|_| ApiError::file_not_accessible(id))?;
    let mut response = Body::new(FileBody {
        file,
        buffer: vec![0; 64 * 1024].into_boxed_slice(),
        done: false,
    })
    .into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&record.mime_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(record.size));
    Ok(response)
}

/// A file's bytes as a response body, read a buffer at a time.
struct FileBody {
    file: tokio::fs::File,
    buffer: Box<[u8]>,
    done: bool,
}

impl HttpBody for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, io::Error>>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        let mut read = ReadBuf::new(&mut this.buffer);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(error)) => Poll::Ready(Some(Err(error))),
            Poll::Ready(Ok(())) if read.filled().is_empty() => {
                this.done = true;
                Poll::Ready(None)
            }
            Poll::Ready(Ok(())) => Poll::Ready(Some(Ok(http_body::Frame::data(
                Bytes::copy_from_slice(read.filled()),
            )))),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }
}

/// `/download/{ver}/files/{id}:download?...` as `/{ver}/files/{id}:download?...`;
/// `None` for every other path.
pub fn aliased(uri: &Uri) -> Option<Uri> {
    let rest = uri.path().strip_prefix("/download/")?;
    let mut segments = rest.split('/');
    let (_version, files, id) = (segments.next()?, segments.next()?, segments.next()?);
    if files != "files" || !id.ends_with(":download") || segments.next().is_some() {
        return None;
    }
    let path_and_query = match uri.query() {
        Some(query) => format!("/{rest}?{query}"),
        None => format!("/{rest}"),
    };
    path_and_query.parse().ok()
}

async fn strip_download_prefix(mut request: Request) -> Request {
    if let Some(uri) = aliased(request.uri()) {
        *request.uri_mut() = uri;
    }
    request
}

/// The whole application behind the `/download/...` alias: the rewrite happens before
/// `app` routes the request.
pub fn with_download_alias(app: Router) -> Router {
    Router::new()
        .fallback_service(app)
        .layer(axum::middleware::map_request(strip_download_prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documented_path_is_the_sdks_path() {
        let uri: Uri = "/download/v1beta/files/batch-abc:download?alt=media"
            .parse()
            .unwrap();
        assert_eq!(
            aliased(&uri).unwrap().to_string(),
            "/v1beta/files/batch-abc:download?alt=media"
        );
    }

    #[test]
    fn other_download_paths_stay_unknown() {
        for path in [
            "/download/v1beta/files/abc",
            "/download/v1beta/models/m:download",
            "/download/v1beta/files/a:download/x",
            "/v1beta/files/abc:download",
        ] {
            assert_eq!(aliased(&path.parse().unwrap()), None, "{path}");
        }
    }

    proptest! {
        #[test]
        fn any_path_is_read_without_a_panic(path in "/[a-z0-9/:._-]{0,40}") {
            if let Ok(uri) = path.parse::<Uri>() {
                let _ = aliased(&uri);
            }
        }
    }
}
