//! `GET /{ver}/files/{id}:download?alt=media`: a file's bytes.
//!
//! The API serves only generated files (those with a `downloadUri`); an uploaded file's
//! download is refused. The emulator generates no files, so the run-time setting
//! `downloadUploadedFiles` lets it serve uploaded ones as stand-ins (for testing a
//! client's download path). Bytes are streamed from disk, never read whole.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use tokio::io::{AsyncRead, ReadBuf};

use crate::clock;
use crate::errors::{ApiError, Status};
use crate::state::Shared;

/// Bytes read from disk per frame.
const FRAME_BYTES: usize = 256 * 1024;

/// A file's bytes as a response body, read frame by frame.
struct FileBody {
    file: tokio::fs::File,
    left: u64,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let len = FRAME_BYTES.min(usize::try_from(self.left).unwrap_or(FRAME_BYTES));
        let mut buffer = vec![0u8; len];
        let mut read = ReadBuf::new(&mut buffer);
        match Pin::new(&mut self.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(error)) => Poll::Ready(Some(Err(error))),
            Poll::Ready(Ok(())) => {
                let filled = read.filled().len();
                if filled == 0 {
                    return Poll::Ready(Some(Err(std::io::ErrorKind::UnexpectedEof.into())));
                }
                self.left -= filled as u64;
                buffer.truncate(filled);
                Poll::Ready(Some(Ok(Frame::data(Bytes::from(buffer)))))
            }
        }
    }
}

/// Answers the download of file `id`; `query` is the request's query string.
pub async fn download(state: &Shared, id: &str, query: Option<&str>) -> Response {
    let media = query.is_some_and(|q| q.split('&').any(|pair| pair == "alt=media"));
    if !media {
        // Our wording: the API's sentence for a download without alt=media is not on record.
        return ApiError::new(Status::InvalidArgument, "Downloads must ask for alt=media.")
            .into_response();
    }
    let Some(file) = state.files.get(id, clock::now()) else {
        return ApiError::file_not_accessible(id).into_response();
    };
    if !state.settings().download_uploaded_files {
        // Our wording, after the SDKs' docs: only generated files can be downloaded.
        return ApiError::new(
            Status::InvalidArgument,
            "Only generated files can be downloaded; this file was uploaded.",
        )
        .into_response();
    }
    let opened = match tokio::fs::File::open(&file.path).await {
        Ok(opened) => opened,
        Err(error) => return crate::upload::store_error(error).into_response(),
    };
    let mut response = Body::new(FileBody {
        file: opened,
        left: file.size,
    })
    .into_response();
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(&file.mime_type) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    response
}
