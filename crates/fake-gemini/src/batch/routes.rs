//! Where Batch Mode meets the shared routes: `POST /{ver}/models/{model}:{method}` is
//! `generateContent`'s route, so `:batchGenerateContent` is picked out here and every
//! other method goes on to `generate::dispatch` untouched.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::create;
use crate::generate;
use crate::pipeline::Injected;
use crate::state::Shared;

/// `POST /{ver}/models/{model}:{method}` and `POST /{ver}/{model}:{method}`.
pub async fn model_call(
    State(state): State<Shared>,
    Path((version, call)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    injected: Injected,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match call.rsplit_once(':') {
        Some((model, "batchGenerateContent")) => {
            create::create(&state, &version, model, &headers, body)
                .await
                .unwrap_or_else(IntoResponse::into_response)
        }
        _ => {
            generate::dispatch(
                State(state),
                Path((version, call)),
                RawQuery(query),
                injected,
                headers,
                body,
            )
            .await
        }
    }
}
