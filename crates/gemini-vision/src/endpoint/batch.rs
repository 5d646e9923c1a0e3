//! The URLs of Batch Mode: create, get, list, cancel, delete, and the download of a
//! result file.
//!
//! Names that come from outside (a job name typed by a user, `responsesFile` from an
//! answer) are checked before they reach a path: `batches/{id}` or `files/{id}` (a bare
//! id too), where the id cannot leave its segment or start a query, a fragment, an
//! escape or a method suffix.

use super::{Endpoint, model_id, percent_encode};
use crate::error::{Error, Result};

/// The longest id accepted in a batch or file name.
const MAX_ID_LEN: usize = 256;

impl Endpoint {
    /// `POST {base}/{version}/models/{model}:batchGenerateContent`: creates a batch job
    /// (body from [`crate::batch::BatchInput::inline_body`] or
    /// [`crate::batch::file_create_body`]); the answer is the job's Operation.
    pub fn batch_generate_content(&self, model: &str) -> Result<String> {
        let id = model_id(model)?;
        Ok(format!(
            "{}/{}/models/{}:batchGenerateContent",
            self.base_url(),
            self.api_version(),
            percent_encode(id)
        ))
    }

    /// `{base}/{version}/batches/{id}` for `batches/{id}` or `{id}`: `GET` reads the
    /// job's Operation, `DELETE` removes the job.
    pub fn batch_url(&self, name: &str) -> Result<String> {
        Ok(format!(
            "{}/{}/{}",
            self.base_url(),
            self.api_version(),
            batch_resource_name(name)?
        ))
    }

    /// `POST {base}/{version}/batches/{id}:cancel` (empty body).
    pub fn cancel_batch_url(&self, name: &str) -> Result<String> {
        Ok(self.batch_url(name)? + ":cancel")
    }

    /// `GET {base}/{version}/batches`, with `pageSize` and `pageToken` when given (the
    /// token percent-encoded, as for files).
    pub fn list_batches_url(&self, page_size: Option<u32>, page_token: Option<&str>) -> String {
        // The query is built exactly as for files.list; only the collection differs.
        let files = self.list_files_url(page_size, page_token);
        let files_path = format!("{}/{}/files", self.base_url(), self.api_version());
        let query = files.strip_prefix(&files_path).unwrap_or_default();
        format!("{}/{}/batches{query}", self.base_url(), self.api_version())
    }

    /// `GET {base}/{version}/files/{id}:download?alt=media`: the bytes of a result file
    /// (`responsesFile`, `files/{id}` or `{id}`), the URL both official 3.6.1 clients
    /// call. The answer is the JSONL itself: stream it into
    /// [`crate::batch::ResultReader`].
    pub fn file_download_url(&self, name: &str) -> Result<String> {
        Ok(format!(
            "{}/{}/{}:download?alt=media",
            self.base_url(),
            self.api_version(),
            resource_name("files", name)?
        ))
    }
}

/// `batches/{id}` for a name given as `batches/{id}` or `{id}`, with the id checked
/// (see [`resource_name`]).
pub(crate) fn batch_resource_name(name: &str) -> Result<String> {
    resource_name("batches", name)
}

/// `{collection}/{id}` for a name given as `{collection}/{id}` or `{id}`.
///
/// The id must be 1 to 256 printable ASCII characters without `/`, `\`, `?`, `#`, `%`,
/// `:` or spaces, and must not contain `..`; it is then percent-encoded like a model
/// name, so whatever else it holds stays inside its path segment.
pub fn resource_name(collection: &'static str, name: &str) -> Result<String> {
    let trimmed = name.trim();
    let id = trimmed
        .strip_prefix(collection)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(trimmed);
    let id_ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.contains("..")
        && id.bytes().all(|b| {
            b.is_ascii_graphic() && !matches!(b, b'/' | b'\\' | b'?' | b'#' | b'%' | b':')
        });
    if !id_ok {
        return Err(Error::InvalidInput {
            what: if collection == "files" {
                "file name"
            } else {
                "batch name"
            },
            reason: format!(
                "expected \"{collection}/{{id}}\" or a bare id of at most {MAX_ID_LEN} printable \
                 characters without '/', '\\', '?', '#', '%', ':' or \"..\""
            ),
        });
    }
    Ok(format!("{collection}/{}", percent_encode(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Endpoint {
        Endpoint::new("http://127.0.0.1:20001", "v1beta").unwrap()
    }

    #[test]
    fn create_goes_to_the_model_with_the_batch_verb() {
        assert_eq!(
            local()
                .batch_generate_content("models/gemini-2.5-flash")
                .unwrap(),
            "http://127.0.0.1:20001/v1beta/models/gemini-2.5-flash:batchGenerateContent"
        );
    }

    #[test]
    fn get_cancel_and_delete_take_a_name_or_a_bare_id() {
        let api = local();
        let expected = "http://127.0.0.1:20001/v1beta/batches/abc-123";
        assert_eq!(api.batch_url("batches/abc-123").unwrap(), expected);
        assert_eq!(api.batch_url("abc-123").unwrap(), expected);
        assert_eq!(
            api.cancel_batch_url("batches/abc-123").unwrap(),
            format!("{expected}:cancel")
        );
    }

    #[test]
    fn list_carries_page_size_and_an_encoded_token() {
        let api = local();
        assert_eq!(
            api.list_batches_url(None, None),
            "http://127.0.0.1:20001/v1beta/batches"
        );
        assert_eq!(
            api.list_batches_url(Some(5), Some("a&b=c")),
            "http://127.0.0.1:20001/v1beta/batches?pageSize=5&pageToken=a%26b%3Dc"
        );
    }

    #[test]
    fn a_proxy_base_that_contains_files_still_lists_batches() {
        let api = Endpoint::new("/files", "v1").unwrap();
        assert_eq!(
            api.list_batches_url(Some(2), None),
            "/files/v1/batches?pageSize=2"
        );
    }

    #[test]
    fn result_files_download_as_media() {
        assert_eq!(
            local().file_download_url("files/batch-xyz_1").unwrap(),
            "http://127.0.0.1:20001/v1beta/files/batch-xyz_1:download?alt=media"
        );
    }

    #[test]
    fn names_that_could_escape_their_segment_are_refused() {
        for name in [
            "",
            "batches/",
            "batches/a/b",
            "../x",
            "batches/..",
            "batches/a..b",
            "a\\b",
            "a?alt=json",
            "a#f",
            "a%2f",
            "a:cancel",
            "a b",
            "a\u{0}b",
            "a\nb",
            "é",
        ] {
            assert!(batch_resource_name(name).is_err(), "{name:?}");
            assert!(local().file_download_url(name).is_err(), "{name:?}");
        }
        let long = "x".repeat(MAX_ID_LEN + 1);
        assert!(batch_resource_name(&long).is_err());
    }

    #[test]
    fn a_file_name_is_not_a_batch_name() {
        // "files/abc" as a batch name is a bare id with a slash: refused.
        assert!(batch_resource_name("files/abc").is_err());
        assert!(resource_name("files", "batches/abc").is_err());
    }

    #[test]
    fn other_characters_are_percent_encoded() {
        assert_eq!(batch_resource_name("a&b+c").unwrap(), "batches/a%26b%2Bc");
    }
}
