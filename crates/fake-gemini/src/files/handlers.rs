//! `GET /{ver}/files/{id}`, `GET /{ver}/files`, `DELETE /{ver}/files/{id}`.
//!
//! A missing file, or one of another project, is 403 `PERMISSION_DENIED`, as the API
//! answers; listing pages with `pageSize` (default 10, at most 100) and `pageToken`.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock;
use crate::errors::ApiError;
use crate::host::base_url;
use crate::state::Shared;

/// The id in `files/{id}` or a full file URI; `None` if there is none.
pub fn file_id_of(reference: &str) -> Option<&str> {
    let tail = reference.rsplit_once("files/").map(|(_, tail)| tail)?;
    let id = tail.split(['?', '#', '/']).next()?;
    (!id.is_empty()).then_some(id)
}

/// `GET /{ver}/files/{id}`.
pub async fn get(
    State(state): State<Shared>,
    Path((version, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let now = clock::now();
    let file = state
        .files
        .get(&id, now)
        .ok_or_else(|| ApiError::file_not_accessible(&id))?;
    Ok(Json(file.to_json(
        &base_url(&headers, &state.access),
        &version,
        now,
    )))
}

/// `DELETE /{ver}/files/{id}`.
pub async fn delete(
    State(state): State<Shared>,
    Path((_version, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    if state.files.delete(&id) {
        Ok(Json(json!({})))
    } else {
        Err(ApiError::file_not_accessible(&id))
    }
}

/// Query of a list (`files.list`, `batches.list`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    page_size: Option<i64>,
    page_token: Option<String>,
}

impl ListQuery {
    /// The page size (default 10, at most 100) and the creation order to list below.
    pub fn page(&self) -> Result<(usize, Option<u64>), ApiError> {
        let size = match self.page_size {
            None | Some(0) => 10,
            Some(size) if size < 0 => {
                return Err(ApiError::bad_field(
                    "page_size",
                    "page_size must not be negative.",
                ));
            }
            Some(size) => size.min(100) as usize,
        };
        let token = match self.page_token.as_deref().filter(|token| !token.is_empty()) {
            None => None,
            Some(token) => Some(
                token
                    .parse::<u64>()
                    .map_err(|_| ApiError::bad_field("page_token", "Invalid page token."))?,
            ),
        };
        Ok((size, token))
    }
}

/// `GET /{ver}/files`.
pub async fn list(
    State(state): State<Shared>,
    Path(version): Path<String>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let (size, token) = query.page()?;
    let now = clock::now();
    let base = base_url(&headers, &state.access);
    let (files, next) = state.files.page(size, token, now);
    let mut body = json!({});
    if let Some(object) = body.as_object_mut() {
        if !files.is_empty() {
            let files: Vec<Value> = files
                .iter()
                .map(|file| file.to_json(&base, &version, now))
                .collect();
            object.insert("files".into(), Value::Array(files));
        }
        if let Some(next) = next {
            object.insert("nextPageToken".into(), Value::String(next));
        }
    }
    Ok(Json(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_ids_from_uris_and_names() {
        assert_eq!(file_id_of("files/abc123"), Some("abc123"));
        assert_eq!(
            file_id_of("http://127.0.0.1/v1beta/files/abc123"),
            Some("abc123")
        );
        assert_eq!(
            file_id_of("https://generativelanguage.googleapis.com/v1beta/files/x1?alt=media"),
            Some("x1")
        );
        assert_eq!(file_id_of("gs://bucket/thing"), None);
        assert_eq!(file_id_of("files/"), None);
    }

    proptest! {
        #[test]
        fn any_id_survives_both_forms(id in "[a-z0-9]{1,40}") {
            let uri = format!("http://h:1/v1/files/{id}");
            let name = format!("files/{id}");
            prop_assert_eq!(file_id_of(&uri), Some(id.as_str()));
            prop_assert_eq!(file_id_of(&name), Some(id.as_str()));
        }
    }
}
